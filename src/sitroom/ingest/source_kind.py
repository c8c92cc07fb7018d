"""Infer a channel's source kind from who runs it.

A Telegram channel named after a party to the conflict is that party's own voice:
an armed group's channel publishes claims, the authorities' channel official
statements. Anything else stays as the reader set it (social).
"""

from __future__ import annotations

from sitroom.models import Document, SourceKind

# Actor categories whose own channels speak for a party (data: actor dictionary categories).
_CLAIMANT_CATEGORIES = frozenset({"rebel group", "militia", "political group", "external forces"})
_OFFICIAL_CATEGORIES = frozenset({"state forces"})


def channel_source_kind(publisher: str | None, actor_finder, on_date=None) -> SourceKind | None:
    """Return CLAIM or OFFICIAL when ``publisher`` begins with a party's name, else None."""
    if not publisher:
        return None
    found = actor_finder.find(publisher, on_date)
    if not found or found[0].start > 2:  # the name must lead: "NRF channel", not "News about the NRF"
        return None
    if found[0].category in _CLAIMANT_CATEGORIES:
        return SourceKind.CLAIM
    if found[0].category in _OFFICIAL_CATEGORIES:
        return SourceKind.OFFICIAL
    return None


def apply_channel_source_kind(document: Document, actor_finder) -> None:
    """Set the source kind of a channel post whose kind the reader only defaulted."""
    if not document.metadata.get("source_kind_defaulted"):
        return
    kind = channel_source_kind(document.publisher, actor_finder, document.published)
    if kind is not None:
        document.source_kind = kind
        document.metadata["source_kind_from"] = "channel owner in the actor dictionary"
