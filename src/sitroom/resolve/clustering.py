"""Clustering: accepted pairs -> same-event clusters, guarded against chaining.

Input: prepared mentions, their candidate pairs (from blocking) and settings.
Output: ``Clustering``: union-find clusters plus one ``MergeExplanation`` per
merge (and per merge the guard refused).

Pairs scoring at least ``thresholds.accept`` are taken best first (ties broken by
mention ids, so results are deterministic). Two clusters are joined only if every
pair across them is compatible and scores at least ``thresholds.min_link``
(complete linkage), so a vague report ("clashes in Panjshir") that fits two
district-level events joins the better one and never chains them together.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitroom.resolve.blocking import Pair, incompatibility
from sitroom.resolve.features import PairScore, explain, score_pair
from sitroom.resolve.prepare import PreparedMention
from sitroom.resolve.records import MergeExplanation
from sitroom.resolve.settings import ResolutionSettings


def _key(a: PreparedMention, b: PreparedMention) -> tuple[str, str]:
    return (a.mention_id, b.mention_id) if a.mention_id < b.mention_id else (b.mention_id, a.mention_id)


class Clustering:
    """Union-find over mentions with cached pair scores and a complete-linkage guard."""

    def __init__(self, settings: ResolutionSettings) -> None:
        self.settings = settings
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[PreparedMention]] = {}
        self.scores: dict[tuple[str, str], float] = {}
        self.explanations: list[MergeExplanation] = []
        # How much work the run did: candidate pairs scored, and pairs the complete-linkage
        # guard compared across two clusters (the figures that must grow near linearly).
        self.pair_counts = {"scored": 0, "guard_compared": 0}

    def add(self, mention: PreparedMention) -> None:
        """Add a mention as its own cluster (no-op if already present)."""
        if mention.mention_id not in self.parent:
            self.parent[mention.mention_id] = mention.mention_id
            self.members[mention.mention_id] = [mention]

    def add_group(self, group: list[PreparedMention]) -> None:
        """Add mentions already known to be one event (e.g. loaded from the store) as one cluster."""
        for mention in group:
            self.add(mention)
        for other in group[1:]:
            self._union(self.find(group[0].mention_id), self.find(other.mention_id))

    def find(self, mention_id: str) -> str:
        """Return the root of a mention's cluster (with path halving)."""
        parent = self.parent
        while parent[mention_id] != mention_id:
            parent[mention_id] = parent[parent[mention_id]]
            mention_id = parent[mention_id]
        return mention_id

    def _union(self, root_a: str, root_b: str) -> str:
        if root_a == root_b:
            return root_a
        if len(self.members[root_a]) < len(self.members[root_b]):
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.members[root_a].extend(self.members.pop(root_b))
        return root_a

    def link_score(self, a: PreparedMention, b: PreparedMention) -> float:
        """Return the pair's score (0.0 when blocking rules it out), computing it at most once."""
        key = _key(a, b)
        score = self.scores.get(key)
        if score is None:
            blocked = incompatibility(a, b, self.settings) is not None
            score = 0.0 if blocked else score_pair(a, b, self.settings).score
            self.scores[key] = score
        return score

    def weakest_link(self, root_a: str, root_b: str) -> tuple[float, PreparedMention, PreparedMention]:
        """Return the lowest-scoring pair across two clusters."""
        weakest: tuple[float, PreparedMention, PreparedMention] | None = None
        for a in self.members[root_a]:
            for b in self.members[root_b]:
                self.pair_counts["guard_compared"] += 1
                score = self.link_score(a, b)
                if weakest is None or score < weakest[0]:
                    weakest = (score, a, b)
                    if score < self.settings.min_link:
                        return weakest
        assert weakest is not None  # clusters are never empty
        return weakest

    def consider(self, a: PreparedMention, b: PreparedMention, pair: PairScore) -> None:
        """Merge the clusters of an accepted pair unless the chaining guard refuses."""
        root_a, root_b = self.find(a.mention_id), self.find(b.mention_id)
        if root_a == root_b:
            return
        singletons = len(self.members[root_a]) == 1 and len(self.members[root_b]) == 1
        weakest, x, y = (pair.score, a, b) if singletons else self.weakest_link(root_a, root_b)
        features = explain(pair, self.settings)
        if weakest < self.settings.min_link:
            reason = f"{x.mention_id} and {y.mention_id} score {weakest:.2f} < min_link {self.settings.min_link}"
            self.explanations.append(self._explanation(a, b, pair, "guard-rejected", features, reason))
            return
        self._union(root_a, root_b)
        self.explanations.append(self._explanation(a, b, pair, "merged", features, "score >= accept"))

    def _explanation(self, a, b, pair: PairScore, decision: str, features, reason: str) -> MergeExplanation:
        return MergeExplanation(a.mention_id, b.mention_id, pair.score, self.settings.accept, decision, features, reason)

    def run(self, pairs: Iterable[Pair]) -> None:
        """Score candidate pairs and merge the accepted ones, best first."""
        accepted: list[tuple[float, str, str, PreparedMention, PreparedMention, PairScore]] = []
        for a, b in pairs:
            self.pair_counts["scored"] += 1
            pair = score_pair(a, b, self.settings)
            self.scores[_key(a, b)] = pair.score
            if pair.score >= self.settings.accept:
                first, second = (a, b) if a.mention_id < b.mention_id else (b, a)
                accepted.append((-pair.score, first.mention_id, second.mention_id, first, second, pair))
        accepted.sort(key=lambda item: item[:3])
        for _, _, _, a, b, pair in accepted:
            self.consider(a, b, pair)

    def clusters(self) -> list[list[PreparedMention]]:
        """Return the clusters, each sorted by mention id, in order of their first mention id."""
        groups = [sorted(group, key=lambda m: m.mention_id) for group in self.members.values()]
        return sorted(groups, key=lambda group: group[0].mention_id)
