"""Field confidences from evidence (precision, agreement), and optimistic versioning under real threads."""

from __future__ import annotations

import json
import threading

from sitroom.errors import ConflictError
from sitroom.review.confidence import field_confidences, overall_confidence, priority
from sitroom.review.settings import queue_settings
from sitroom.store import rows
from sitroom.store.review_records import ReviewChange, ReviewEventRow, ReviewState
from tests.review.conftest import single_source_event


def _event(**fields):
    base = {"event_id": "ev-1", "event_type": "Battles", "event_date": "2023-05-14", "time_precision": 1, "admin1": "Panjshir",
            "admin1_code": "AF-PAN", "geo_precision": 1, "actor1": "National Resistance Front", "actor2": None,
            "assoc_actors": "[]", "fatalities_low": 2, "fatalities_best": 2, "fatalities_high": 2, "claim_stance": "reported",
            "status": "reported"}  # fmt: skip
    return {**base, **fields}


def _mention(index, **fields):
    evidence = json.dumps({"event_type": [0, 5, "x", "1"], "actor1": [6, 9, "x", "1"]})
    base = {"mention_id": f"d{index}#m0", "event_type": "Battles", "event_date": "2023-05-14", "admin1_code": "AF-PAN",
            "admin1": "Panjshir", "actor1": "National Resistance Front", "fatalities": 2, "claim_stance": "reported",
            "evidence": evidence}  # fmt: skip
    return {**base, **fields}


def _row(event, mentions, status="suggested"):
    return ReviewEventRow(event, ReviewState(event_id=event["event_id"], status=status), mentions)


def test_precise_corroborated_event_scores_high():
    fields = field_confidences(_row(_event(), [_mention(1), _mention(2), _mention(3)]))
    assert fields["date"].score == 0.9 and fields["place"].score == 0.9
    assert fields["event_type"].score == 1.0 and fields["actors"].score == 1.0
    assert fields["fatalities"].score == 1.0 and "3 of 3 sources agree" in fields["place"].reason


def test_vague_and_disputed_event_scores_low_and_comes_first():
    settings = queue_settings()
    precise = _row(_event(), [_mention(1), _mention(2)])
    vague = _row(
        _event(time_precision=3, geo_precision=3, fatalities_low=2, fatalities_best=2, fatalities_high=40, status="contested"),
        [_mention(1, admin1_code="AF-BGL", event_date="2023-05-02", claim_stance="claimed", fatalities=40),
         _mention(2, claim_stance="denied", fatalities=None)],
    )  # fmt: skip
    fields = field_confidences(vague)
    assert fields["date"].score < 0.3 * 0.6 and fields["place"].score <= 0.4 * 0.5
    assert fields["fatalities"].score < 0.1 and "denial" in fields["stance"].reason
    high = overall_confidence(field_confidences(precise))
    low = overall_confidence(fields)
    assert low < high
    assert priority(vague, low, ["New Group"], settings) > priority(precise, high, [], settings)
    missing = field_confidences(_row(_event(event_date=None, admin1=None, admin1_code=None, actor1=None), [_mention(1)]))
    assert missing["date"].score == missing["place"].score == missing["actors"].score == settings.missing_value


def test_one_source_counts_less_than_agreeing_sources():
    alone = field_confidences(_row(_event(), [_mention(1)]))
    assert alone["place"].score == round(0.9 * queue_settings().single_source_agreement, 3)


def test_two_editors_of_one_version_one_wins(repository):
    event_id = single_source_event(repository)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(who: str) -> None:
        state = ReviewState(event_id=event_id, status="reviewed", updated_by=who, updated_at=rows.utc_now(), reviewed_by=who)
        barrier.wait()
        try:
            repository.save_review(ReviewChange(0, state, "accept", who, None, {"status": "suggested"}, {"status": "reviewed"}))
            outcomes.append(f"saved:{who}")
        except ConflictError as error:
            outcomes.append(f"conflict:{error.current}")

    threads = [threading.Thread(target=edit, args=(who,)) for who in ("rita", "rob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.split(":")[0] for o in outcomes) == ["conflict", "saved"]
    assert "conflict:1" in outcomes
    winner = next(o.split(":")[1] for o in outcomes if o.startswith("saved"))
    assert repository.get_review(event_id).reviewed_by == winner
    assert [v.who for v in repository.event_versions(event_id)] == [winner]


def test_exports_can_be_limited_to_finalised_events(client, repository):
    from sitroom.review.workflow import Reviewer, review_event

    event_id = single_source_event(repository)
    review_event(repository, event_id, "accept", reviewer=Reviewer("rita", "reviewer"), version=0)
    review_event(repository, event_id, "finalise", reviewer=Reviewer("rob", "reviewer"), version=1)
    lines = client.get("/api/v1/exports/events.jsonl", params={"review_status": "finalised"}).text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == [event_id]
    counts = client.get("/api/v1/events", params={"review_status": "finalised", "limit": 5}).json()
    assert counts["total"] == 1
    assert client.get("/api/v1/events", params={"review_status": "approved"}).status_code == 422
