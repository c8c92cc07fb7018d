"""sitroom: an open-source conflict-monitoring workbench."""

__version__ = "0.1.0"
