"""Time same-event resolution of N synthetic mentions on one core (target: 100,000 in < 60 s).

Usage: python benchmarks/bench_resolution.py [--mentions 100000] [--seed 7] [--attach] [--json]

Synthetic events are spread over 34 provinces x 8 districts x 3 years; each is
reported by 1-6 mentions with the variants the resolver must absorb (day-late
dates, week / month precision, district- or province-only places, differing
figures, claims and denials). Reports wall time of ``resolve_mentions`` (inputs
built beforehand), peak resident memory (ru_maxrss), pairwise / B-cubed F1 against
the synthetic truth, the number of events, the pairs scored and the pairs the
complete-linkage guard compared, and a digest of the whole result (events, assignments,
explanations), so that a change meant to be faster can show it resolves identically.

With ``--attach`` the first half is resolved from scratch beforehand and the timed step
attaches the second half to its events (``attach_mentions``), as an ingest into a store
that holds events does; ``--attach-all`` attaches every mention to an empty store, as a
first ingest does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import resource
import sys
import time

from sitroom.models import Claim, EventMention, SourceKind, Stance
from sitroom.resolve import ResolvableMention, attach_mentions, evaluate_assignments, resolve_mentions

PROVINCES = 34
DISTRICTS = 8
DAYS = 3 * 365
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Suicide bomb"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests")]  # fmt: skip
ACTORS = ["NRF", "AFF", "ISKP", "Civilians"]
KINDS = [(SourceKind.NEWS, Stance.REPORTED)] * 4 + [(SourceKind.CLAIM, Stance.CLAIMED),
         (SourceKind.OFFICIAL, Stance.DENIED), (SourceKind.NGO, Stance.CONFIRMED)]  # fmt: skip


def synthetic_mentions(count: int, seed: int) -> tuple[list[ResolvableMention], dict[str, str]]:
    """Return ``count`` mentions and their true event labels."""
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    records: list[ResolvableMention] = []
    gold: dict[str, str] = {}
    event = 0
    while len(records) < count:
        event += 1
        province, district = rng.randrange(PROVINCES), rng.randrange(DISTRICTS)
        day = start + dt.timedelta(days=rng.randrange(DAYS))
        event_type, sub_type = rng.choice(TYPES)
        opponent, killed = rng.choice(ACTORS), rng.randint(0, 20)
        for index in range(min(rng.randint(1, 6), count - len(records))):
            kind, stance = rng.choice(KINDS)
            mention = _variant(rng, f"e{event}-{index}", province, district, day, event_type, sub_type, opponent, killed)
            mention.claim = Claim(stance=stance, by=opponent if stance is Stance.CLAIMED else None)
            records.append(ResolvableMention(mention, f"publisher-{rng.randrange(40)}", kind, day))
            gold[mention.mention_id] = f"e{event}"
    return records, gold


def _variant(rng, doc_id, province, district, day, event_type, sub_type, opponent, killed) -> EventMention:
    precision = rng.choices([1, 2, 3], weights=[80, 10, 10])[0]
    date = day + dt.timedelta(days=rng.choice([0, 0, 0, 1])) if precision == 1 else day.replace(day=1)
    level = rng.choices([1, 2, 3], weights=[40, 50, 10])[0]
    return EventMention(
        doc_id=doc_id, mention_id=f"{doc_id}#m0", event_date=date, time_precision=precision,
        event_type=event_type, sub_event_type=sub_type, actor1="Taliban", actor2=opponent,
        country="Afghanistan", admin1=f"Province {province}", admin1_code=f"AF-{province:02d}",
        admin2=f"District {province}-{district}" if level <= 2 else None,
        location=f"Village {province}-{district}" if level == 1 else None, geo_precision=level,
        fatalities=max(0, killed + rng.randint(-2, 5)),
        text=f"Clash between Taliban and {opponent} in district {district} of province {province}",
    )  # fmt: skip


def timed_resolution(records, attach: bool, attach_all: bool):
    """Return (result, wall seconds, CPU seconds, mentions timed) of the resolution the options ask for."""
    first, second = (records[: len(records) // 2], records[len(records) // 2 :]) if attach else ([], records)
    before = resolve_mentions(first) if first else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if before is not None:
        result = attach_mentions(first, before.assignments, second)
    elif attach_all:
        result = attach_mentions([], {}, records)
    else:
        result = resolve_mentions(records)
    return result, time.perf_counter() - started, time.process_time() - cpu_started, len(second)


def result_digest(result) -> str:
    """Return a SHA-256 of everything a resolution decides (equal digests: identical results)."""
    parts = (sorted(result.assignments.items()), result.events, result.explanations,
             sorted(result.provenance.items()), result.unapplied)  # fmt: skip
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--attach", action="store_true", help="time attaching the second half to the first's events")
    parser.add_argument("--attach-all", action="store_true", help="time attaching every mention to no events")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    records, gold = synthetic_mentions(args.mentions, args.seed)
    result, seconds, cpu_seconds, timed = timed_resolution(records, args.attach, args.attach_all)
    figures = evaluate_assignments(gold, result.assignments)
    report = {
        "mentions": len(records),
        "timed_mentions": timed,
        "true_events": figures.gold_events,
        "events": len(result.events),
        "seconds": round(seconds, 2),
        "cpu_us_per_mention": round(cpu_seconds / timed * 1e6),
        "mentions_per_second": round(timed / seconds),
        "pairs_scored": result.pair_counts.get("scored", 0),
        "guard_pairs_compared": result.pair_counts.get("guard_compared", 0),
        "digest": result_digest(result),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "pairwise_f1": round(figures.pairwise_f1, 4),
        "bcubed_f1": round(figures.bcubed_f1, 4),
        "under_60_seconds": seconds < 60,
    }
    print(json.dumps(report) if args.json else "\n".join(f"{key:20} {value}" for key, value in report.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
