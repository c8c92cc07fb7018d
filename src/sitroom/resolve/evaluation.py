"""Scoring resolution against gold event labels: pairwise and B-cubed precision, recall, F1.

Input: gold and predicted labels (mention id -> cluster label) over the same mentions,
or a benchmark JSONL file (see ``sitroom.resolve.dataset``). Output: ``ResolutionFigures``.
Pairwise counts mention pairs put together; B-cubed averages, per mention, the share
of its predicted cluster that is in its gold cluster (precision) and vice versa (recall).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from sitroom.errors import InputError
from sitroom.resolve.dataset import load_benchmark
from sitroom.resolve.settings import ResolutionSettings, default_settings


@dataclass(frozen=True, slots=True)
class ResolutionFigures:
    """Figures of one evaluation run."""

    mentions: int
    gold_events: int
    predicted_events: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float

    def to_dict(self) -> dict:
        """Return the figures as a JSON-ready dict, rounded to 4 places."""
        return {key: round(value, 4) if isinstance(value, float) else value for key, value in asdict(self).items()}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(labels: Mapping[str, str]) -> int:
    sizes = Counter(labels.values())
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """Return pairwise (precision, recall, F1); a side with no pairs scores 1.0 precision/recall."""
    joint = Counter((gold[m], predicted[m]) for m in gold)
    together = sum(n * (n - 1) // 2 for n in joint.values())
    predicted_pairs, gold_pairs = _pairs(predicted), _pairs(gold)
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def bcubed_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """Return B-cubed (precision, recall, F1) averaged over mentions."""
    joint = Counter((gold[m], predicted[m]) for m in gold)
    gold_sizes, predicted_sizes = Counter(gold.values()), Counter(predicted[m] for m in gold)
    precision = recall = 0.0
    for mention in gold:
        shared = joint[(gold[mention], predicted[mention])]
        precision += shared / predicted_sizes[predicted[mention]]
        recall += shared / gold_sizes[gold[mention]]
    count = len(gold) or 1
    precision, recall = precision / count, recall / count
    return precision, recall, _f1(precision, recall)


def evaluate_assignments(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ResolutionFigures:
    """Score predicted labels against gold labels; raise InputError if a gold mention is unlabelled."""
    missing = [m for m in gold if m not in predicted]
    if missing:
        raise InputError("predicted", f"{len(missing)} gold mentions have no predicted event, e.g. {missing[0]!r}")
    pairwise = pairwise_scores(gold, predicted)
    bcubed = bcubed_scores(gold, predicted)
    return ResolutionFigures(
        len(gold), len(set(gold.values())), len({predicted[m] for m in gold}), *pairwise, *bcubed
    )


def evaluate_resolution_file(path: Path | str, settings: ResolutionSettings | None = None) -> ResolutionFigures:
    """Resolve a labelled benchmark JSONL file and score it against its gold event keys."""
    from sitroom.resolve.engine import resolve_mentions  # the engine imports evaluation's siblings

    records, gold = load_benchmark(Path(path))
    result = resolve_mentions(records, settings or default_settings())
    return evaluate_assignments(gold, result.assignments)


def confusions(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, list[list[str]]]:
    """Return the errors: gold events split across predictions, predictions mixing gold events."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_predicted: dict[str, set[str]] = defaultdict(set)
    for mention, label in gold.items():
        by_gold[label].add(predicted[mention])
        by_predicted[predicted[mention]].add(label)
    return {
        "split_gold_events": sorted([g, *sorted(p)] for g, p in by_gold.items() if len(p) > 1),
        "merged_gold_events": sorted(sorted(g) for g in by_predicted.values() if len(g) > 1),
    }
