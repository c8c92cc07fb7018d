"""sitroom ingest stage."""
