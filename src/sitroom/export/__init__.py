"""sitroom export stage."""
