"""How far a background cue reaches, and event forms that hid behind one (sentences written for sitroom)."""

from __future__ import annotations

import pytest

from sitroom.extract.event_types import classify_sentence


@pytest.mark.parametrize("sentence, sub_event_type", [
    # a participial phrase about the target ends at its comma; the main verb is the event
    ("A joint security force targeting a Taliban leader in charge of a bomb cell, detained three suspects.", "Arrests"),
    ("Operating in Paktika province, a combined force captured a Haqqani facilitator in Orgun district.", "Arrests"),
    # part of a group's name, not "the movement of weapons"
    ("Forces targeted an Islamic Movement of Uzbekistan leader, detaining several suspects.", "Arrests"),
    ("The security force provided medical attention before detaining them along with one other insurgent.", "Arrests"),
    ("The force then entered the compound and without incident detained the commander.", "Arrests"),
    ("Also killed in the strike were more than a dozen armed insurgents.", "Armed clash"),
    ("Three civilian bodies were found in a vehicle after the exchange.", "Attack"),
    ("The operation resulted in six Afghans being killed.", "Armed clash"),
])
def test_events_beside_background_phrases_are_typed(sentence, sub_event_type):
    typing = classify_sentence(sentence)
    assert typing is not None and typing.sub_event_type == sub_event_type


@pytest.mark.parametrize("sentence", [
    "The leader is responsible for coordinating attacks in Kandahar, killing civilians and planting bombs.",
    "The facilitator provided weapons to fighters who killed two police officers.",
])
def test_a_target_s_past_stays_background(sentence):
    assert classify_sentence(sentence) is None
