"""Stable event ids for clusters, so analyst decisions and URLs survive re-runs.

Rules, in order:
1. With the previous run's assignments (mention id -> event id), each previous id
   goes to the cluster holding the mention the id derives from (its origin), else to
   the cluster holding most of its mentions (ties: the smaller mention id); a cluster
   gets at most one previous id. Following the origin keeps ids consistent with the
   tracing analyst decisions rely on, and makes undoing a merge restore both ids.
2. Any other cluster gets ``event_id_for`` its earliest mention (publication date,
   then mention id), skipping ids already taken; a one-mention event therefore
   keeps the store's provisional id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from sitroom.resolve.prepare import PreparedMention
from sitroom.resolve.records import event_id_for


def assign_event_ids(
    clusters: list[list[PreparedMention]], previous: Mapping[str, str] | None = None
) -> dict[str, list[PreparedMention]]:
    """Return event id -> cluster for every cluster (see the module docstring)."""
    named: dict[int, str] = _inherit_previous(clusters, previous or {})
    taken = set(named.values())
    for index, cluster in enumerate(clusters):
        if index not in named:
            named[index] = _derived_id(cluster, taken)
            taken.add(named[index])
    return {named[index]: cluster for index, cluster in enumerate(clusters)}


def _inherit_previous(clusters: list[list[PreparedMention]], previous: Mapping[str, str]) -> dict[int, str]:
    """Return cluster index -> the previous event id it inherits."""
    if not previous:
        return {}
    options: list[tuple[int, int, str, str, int]] = []
    for index, cluster in enumerate(clusters):
        ids = {m.mention_id for m in cluster}
        counts = Counter(previous[m] for m in ids if m in previous)
        for event_id, count in counts.items():
            holds_origin = any(event_id_for(m) == event_id for m in ids)
            options.append((0 if holds_origin else 1, -count, min(ids), event_id, index))
    options.sort()
    named: dict[int, str] = {}
    used: set[str] = set()
    for _, _, _, event_id, index in options:
        if index not in named and event_id not in used:
            named[index] = event_id
            used.add(event_id)
    return named


def _derived_id(cluster: list[PreparedMention], taken: set[str]) -> str:
    """Return the id of the cluster's earliest mention that is not taken yet."""
    for mention in sorted(cluster, key=lambda m: m.order):
        candidate = event_id_for(mention.mention_id)
        if candidate not in taken:
            return candidate
    return unused_id("|".join(sorted(m.mention_id for m in cluster)), taken)


def unused_id(seed: str, taken: set[str] | dict) -> str:
    """Return an id derived from ``seed`` (salted until unused) when every member's own id is taken."""
    salt = 0
    while True:
        salt += 1
        candidate = event_id_for(f"{seed}#{salt}")
        if candidate not in taken:
            return candidate
