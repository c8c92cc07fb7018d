"""sitroom cli stage."""
