"""What a URL input is, and the error a URL that cannot be fetched raises (no HTTP client imported here)."""

from __future__ import annotations

from sitroom.errors import InputError


class FetchError(InputError):
    """A URL could not be fetched; ``source`` is the URL, ``problem`` says why."""


def is_url(value: object) -> bool:
    """Return True for an http:// or https:// URL given as a string."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))
