"""sitroom web stage."""
