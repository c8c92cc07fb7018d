"""sitroom store stage."""
