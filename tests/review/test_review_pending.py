"""A reopened event keeps its reviewed values; the machine's wait beside them. The queue's scores are stored."""

from __future__ import annotations

from sitroom.resolve.workflow import resolve_store
from sitroom.review.queue import queue_item, review_queue
from sitroom.review.scores import refresh_scores
from sitroom.review.workflow import Reviewer, review_event
from tests.review.conftest import reextract_with_more_killed, single_source_event

RITA, ROB = Reviewer("rita", "reviewer"), Reviewer("rob", "reviewer")


def test_reopened_event_keeps_its_reviewed_values_until_the_machine_values_are_accepted(repository):
    event_id = single_source_event(repository)
    review_event(repository, event_id, "accept", reviewer=RITA, version=0)
    reviewed = repository.get_event(event_id).fatalities_best
    machine = reextract_with_more_killed(repository, event_id)
    state = repository.get_review(event_id)
    assert state.status == "suggested" and state.review_pending["fatalities_best"] == machine
    assert repository.get_event(event_id).fatalities_best == reviewed, "the reviewed value stays in force"
    resolve_store(repository, who="tester", why="nothing new", rebuild=True)
    assert repository.get_event(event_id).fatalities_best == reviewed and repository.get_review(event_id).version == state.version
    taken = review_event(repository, event_id, "accept_machine", reviewer=ROB, version=state.version)
    assert taken.status == "reviewed" and taken.review_pending is None and taken.reviewed_fields["fatalities_best"] == machine
    assert repository.get_event(event_id).fatalities_best == machine
    last = repository.event_versions(event_id)[-1]
    assert last.action == "accept_machine" and last.before["fatalities_best"] == reviewed and last.after["fatalities_best"] == machine
    resolve_store(repository, who="tester", why="again", rebuild=True)
    assert repository.get_review(event_id).status == "reviewed", "the machine now agrees: nothing reopens"
    assert repository.get_event(event_id).fatalities_best == machine


def test_accepting_a_reopened_event_as_it_is_keeps_the_reviewed_values_for_good(repository):
    event_id = single_source_event(repository)
    review_event(repository, event_id, "accept", reviewer=RITA, version=0)
    reviewed = repository.get_event(event_id).fatalities_best
    reextract_with_more_killed(repository, event_id)
    state = repository.get_review(event_id)
    kept = review_event(repository, event_id, "accept", reviewer=ROB, version=state.version)
    assert kept.status == "reviewed" and kept.review_pending is None and kept.machine_seen
    resolve_store(repository, who="tester", why="again", rebuild=True)
    assert repository.get_review(event_id).status == "reviewed", "the same machine values do not reopen it again"
    assert repository.get_event(event_id).fatalities_best == reviewed
    reextract_with_more_killed(repository, event_id, more=9)
    assert repository.get_review(event_id).status == "suggested", "new machine values do"


def test_accept_machine_needs_waiting_values(repository):
    import pytest

    from sitroom.errors import InputError

    event_id = single_source_event(repository)
    with pytest.raises(InputError, match="no machine values"):
        review_event(repository, event_id, "accept_machine", reviewer=RITA, version=0)


def test_the_queue_reads_stored_scores_equal_to_a_fresh_scoring(repository):
    refresh_scores(repository)
    assert repository.count_pending_review_scores() == 0
    items = review_queue(repository, limit=500)
    assert items, "the demo store has waiting events"
    priorities = [item.priority for item in items]
    assert priorities == sorted(priorities, reverse=True)
    known = repository.reviewed_actor_names()
    rows = {row.event["event_id"]: row for row in repository.review_rows([item.event["event_id"] for item in items])}
    for item in items[:20]:
        fresh = queue_item(rows[item.event["event_id"]], known)
        assert (item.priority, item.overall) == (fresh.priority, fresh.overall)
        assert {g: c.score for g, c in item.confidence.items()} == {g: c.score for g, c in fresh.confidence.items()}
    by_place = review_queue(repository, sort="confidence.place", limit=500)
    places = [item.confidence["place"].score for item in by_place]
    assert places == sorted(places)


def test_a_review_change_moves_the_event_in_the_stored_queue(repository):
    first = review_queue(repository, limit=5)[0].event["event_id"]
    review_event(repository, first, "send_back", reviewer=RITA, version=0, why="check the date")
    assert repository.count_pending_review_scores() >= 1, "the store noted the change"
    sent_back = review_queue(repository, statuses=("sent_back",), limit=5)
    assert [item.event["event_id"] for item in sent_back] == [first]
    state = repository.get_review(first)
    review_event(repository, first, "accept", reviewer=ROB, version=state.version)
    assert first not in {item.event["event_id"] for item in review_queue(repository, limit=500)}
    assert [item.event["event_id"] for item in review_queue(repository, statuses=("reviewed",), limit=5)] == [first]
