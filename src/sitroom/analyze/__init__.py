"""sitroom analyze stage."""
