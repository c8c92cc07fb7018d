"""sitroom api stage."""
