"""sitroom extract stage."""
