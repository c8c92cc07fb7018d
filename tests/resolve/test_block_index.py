"""The incremental blocking index finds exactly the pairs the pairwise rule allows, and no more work."""

from __future__ import annotations

import dataclasses
import itertools

from resolve_helpers import make

from sitroom.resolve import attach_mentions, resolve_mentions
from sitroom.resolve.block_index import BlockingIndex
from sitroom.resolve.blocking import incompatibility
from sitroom.resolve.prepare import Preparer

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments", None]


def _varied_mentions(count: int):
    """Mentions over two provinces (some without one), five types (one unknown), three precisions."""
    records = []
    for i in range(count):
        record = make(f"d{i}#m0", f"2023-05-{1 + (i * 7) % 28:02d}", ["Andarab", "Dara", None][i % 3],
                      province="Panjshir" if i % 3 == 2 else None, precision=1 + i % 3,
                      event_type=TYPES[i % 5])  # fmt: skip
        if i % 7 == 0:  # a report that names no province
            record = dataclasses.replace(record, mention=dataclasses.replace(
                record.mention, admin1=None, admin1_code=None, admin2=None, location=None, geo_precision=3))  # fmt: skip
        records.append(record)
    return records


def test_the_index_finds_every_compatible_pair_and_only_those(settings):
    prepared = Preparer(settings).prepare_all(_varied_mentions(70))
    index, found = BlockingIndex(settings), set()
    for mention in prepared:
        found.update(frozenset((mention, other)) for other in index.candidates(mention))
        index.add(mention)
    expected = {frozenset(pair) for pair in itertools.combinations(prepared, 2) if incompatibility(*pair, settings) is None}
    assert found == expected
    types = [{m.event_type for m in pair} for pair in expected]
    assert any(len(kinds) == 2 and None not in kinds for kinds in types)  # compatible types were paired
    assert any(len(kinds) == 2 and None in kinds for kinds in types)  # and an untyped report with a typed one
    assert any(m.admin1 is None for pair in expected for m in pair)  # and a report without a province


def test_attaching_to_no_events_resolves_as_a_full_run_and_counts_its_pairs(settings):
    records = _varied_mentions(40)
    attached, full = attach_mentions([], {}, records, settings), resolve_mentions(records, settings)
    assert attached.clusters() == full.clusters()
    assert attached.pair_counts["scored"] == full.pair_counts["scored"] > 0
    assert attached.pair_counts["guard_compared"] == full.pair_counts["guard_compared"] > 0
