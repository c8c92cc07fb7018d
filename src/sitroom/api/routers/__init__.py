"""One router per resource: events, documents, actors, places, stats, exports."""
