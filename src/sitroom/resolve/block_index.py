"""The blocking index of incremental resolution: mentions by place, event type and date window.

A new mention is compared only with the indexed mentions that blocking could let through
(``blocking.incompatibility``): same country; same province, or either side without one;
the same event type, a compatible one, or either side without one; and days that overlap.
The index holds one block per (country, province, event type, date precision), each sorted
by the first day its mentions allow and knowing its widest span of days, so a look-up reads
only the mentions whose days can overlap. The candidates a look-up returns are the same as a
scan of every mention followed by ``incompatibility`` would give, whatever the store's size;
the comparisons grow with the density of reports per place, type and day, not with the store.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator

from sitroom.resolve.blocking import incompatibility
from sitroom.resolve.prepare import PreparedMention
from sitroom.resolve.settings import ResolutionSettings


class _Block:
    """Mentions of one place, type and precision, sorted by first day, with their widest span."""

    __slots__ = ("starts", "mentions", "widest")

    def __init__(self) -> None:
        self.starts: list[tuple[int, str]] = []
        self.mentions: list[PreparedMention] = []
        self.widest = 0

    def add(self, mention: PreparedMention) -> None:
        position = bisect.bisect_left(self.starts, (mention.lo, mention.mention_id))
        self.starts.insert(position, (mention.lo, mention.mention_id))
        self.mentions.insert(position, mention)
        self.widest = max(self.widest, mention.hi - mention.lo)

    def overlapping(self, mention: PreparedMention) -> Iterator[PreparedMention]:
        """Yield the block's mentions whose days overlap ``mention``'s."""
        start = bisect.bisect_left(self.starts, (mention.lo - self.widest,))
        stop = bisect.bisect_right(self.starts, (mention.hi, "\uffff"))
        for other in self.mentions[start:stop]:
            if other.hi >= mention.lo and other is not mention:
                yield other


class BlockingIndex:
    """Mentions indexed by country, province, event type and date precision, for incremental look-ups."""

    def __init__(self, settings: ResolutionSettings) -> None:
        self.settings = settings
        # country -> province (None: unknown) -> event type (None: unknown) -> precision -> block
        self._places: dict[str, dict[str | None, dict[str | None, dict[int, _Block]]]] = defaultdict(dict)
        self._partners: dict[str, set[str]] = defaultdict(set)  # event type -> the types compatible with it
        for pair in settings.compatible_types:
            for event_type in pair:
                self._partners[event_type].update(pair - {event_type})

    def add(self, mention: PreparedMention) -> None:
        """Index one mention (undated and aggregate mentions are never candidates)."""
        if not mention.resolvable:
            return
        types = self._places[mention.country].setdefault(mention.admin1, {})
        blocks = types.setdefault(mention.event_type or None, {})
        blocks.setdefault(mention.time_precision, _Block()).add(mention)

    def candidates(self, mention: PreparedMention) -> list[PreparedMention]:
        """Return the indexed mentions compatible with ``mention`` (blocking's rules), in block order."""
        if not mention.resolvable:
            return []
        found: list[PreparedMention] = []
        for types in self._provinces(mention):
            for blocks in self._types(types, mention.event_type or None):
                for block in blocks.values():
                    found.extend(block.overlapping(mention))
        return [m for m in found if incompatibility(mention, m, self.settings) is None]

    def _provinces(self, mention: PreparedMention) -> list[dict]:
        provinces = self._places.get(mention.country, {})
        if not mention.admin1:  # a province-less report may be about any province
            return list(provinces.values())
        return [provinces[key] for key in (mention.admin1, None) if key in provinces]

    def _types(self, types: dict, event_type: str | None) -> list[dict]:
        if event_type is None:  # an untyped report may be of any type
            return list(types.values())
        wanted = (event_type, None, *sorted(self._partners.get(event_type, ())))
        return [types[key] for key in wanted if key in types]
