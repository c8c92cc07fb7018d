"""sitroom resolve stage."""
