"""A channel named after a party to the conflict is that party's voice: claims or official statements."""

from __future__ import annotations

from sitroom.extract.actors import ActorFinder
from sitroom.ingest.source_kind import apply_channel_source_kind, channel_source_kind
from sitroom.models import Document, SourceKind


def _post(publisher: str, defaulted: bool = True) -> Document:
    metadata = {"source_kind_defaulted": True} if defaulted else {}
    return Document("telegram:x:1", "Synthetic example post.", "r", "t", publisher=publisher,
                    source_kind=SourceKind.SOCIAL, metadata=metadata)


def test_armed_group_channel_posts_are_claims():
    finder = ActorFinder()
    assert channel_source_kind("National Resistance Front of Afghanistan", finder) is SourceKind.CLAIM
    assert channel_source_kind("Kabul street news", finder) is None
    assert channel_source_kind("News about the National Resistance Front", finder) is None


def test_only_defaulted_kinds_change():
    finder = ActorFinder()
    defaulted = _post("NRF official channel")
    apply_channel_source_kind(defaulted, finder)
    assert defaulted.source_kind is SourceKind.CLAIM
    chosen = _post("NRF official channel", defaulted=False)
    apply_channel_source_kind(chosen, finder)
    assert chosen.source_kind is SourceKind.SOCIAL
