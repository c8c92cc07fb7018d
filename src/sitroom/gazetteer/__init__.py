"""sitroom gazetteer stage."""
