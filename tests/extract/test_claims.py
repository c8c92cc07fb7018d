"""Claim detection: each stance form, speakers, and the document-kind defaults."""

from __future__ import annotations

import pytest

from sitroom.extract.actors import ActorFinder
from sitroom.extract.claims import detect_claim, is_denial
from sitroom.models import SourceKind, Stance


@pytest.fixture(scope="module")
def finder():
    return ActorFinder()


@pytest.mark.parametrize(
    ("sentence", "publisher", "kind", "stance", "by"),
    [
        ("The NRF claimed responsibility for the attack on the checkpoint.", "TOLOnews", "news", Stance.CLAIMED, "National Resistance Front"),
        ("Daesh claimed the bombing in a statement.", "Amu TV", "news", Stance.CLAIMED, "Islamic State Khorasan Province"),
        ("According to UNAMA, three civilians were killed.", "Reuters", "news", Stance.REPORTED, "UNAMA"),
        ("Taliban spokesman Zabihullah Mujahid said five NRF fighters were killed.", "Reuters", "news", Stance.CLAIMED, "Taliban"),
        ("Local residents said the houses were burned.", "KabulNow", "news", Stance.REPORTED, "Civilians"),
        ("The Taliban denied that any civilians were harmed.", "Reuters", "news", Stance.DENIED, "Taliban"),
        ("The Ministry of Refugees rejected the reports.", "Bakhtar", "official", Stance.DENIED, "Ministry of Refugees"),
        ("The killings were confirmed by the UN.", "Amu TV", "news", Stance.CONFIRMED, "United Nations"),
        ("UNAMA verified 12 of the reported cases.", "UNAMA", "ngo", Stance.CONFIRMED, "UNAMA"),
        ("Human Rights Watch documented the executions of four men.", "Amu TV", "news", Stance.CONFIRMED, "Human Rights Watch"),
    ],
)
def test_stance_forms(finder, sentence, publisher, kind, stance, by):
    signal = detect_claim(sentence, 0, publisher, kind, finder)
    assert (signal.stance, signal.by) == (stance, by), signal


def test_official_denial_without_named_speaker_is_the_publisher(finder):
    signal = detect_claim("These reports are baseless and we deny them.", 0, "Ministry of Defence", "official", finder)
    assert (signal.stance, signal.by) == (Stance.DENIED, "Ministry of Defence")


def test_ngo_verification_without_named_speaker_is_the_publisher():
    signal = detect_claim("The mission verified the deaths of 12 civilians.", 0, "UNAMA", SourceKind.NGO)
    assert (signal.stance, signal.by) == (Stance.CONFIRMED, "UNAMA")


def test_claim_source_is_claimed_by_publisher_by_default(finder):
    signal = detect_claim("A coalition force detained two suspected insurgents.", 50, "ISAF", "claim", finder)
    assert (signal.stance, signal.by) == (Stance.CLAIMED, "ISAF")
    assert (signal.start, signal.end) == (50, 50 + len("A coalition force detained two suspected insurgents."))


def test_party_confirming_its_own_operation_stays_claimed(finder):
    signal = detect_claim("ISAF confirmed today that a Taliban leader was killed.", 0, "ISAF", "claim", finder)
    assert (signal.stance, signal.by) == (Stance.CLAIMED, "ISAF")


def test_claim_source_sentence_can_say_otherwise(finder):
    signal = detect_claim("The Taliban rejected the reports of casualties.", 0, "ISAF", "claim", finder)
    assert (signal.stance, signal.by) == (Stance.DENIED, "Taliban")


def test_news_default_is_reported_by_publisher():
    signal = detect_claim("Three people were killed in the blast.", 0, "Pajhwok", None)
    assert (signal.stance, signal.by) == (Stance.REPORTED, "Pajhwok")


def test_negated_confirmation_and_noun_claim_are_not_cues(finder):
    signal = detect_claim("The claim has not been independently verified.", 0, "Amu TV", "news", finder)
    assert (signal.stance, signal.by) == (Stance.REPORTED, "Amu TV")


def test_cue_span_is_a_document_offset(finder):
    sentence = "The Taliban denied it."
    signal = detect_claim(sentence, 10, "Reuters", "news", finder)
    assert sentence[signal.start - 10 : signal.end - 10] == "denied"


def test_dari_denial(finder):
    signal = detect_claim("طالبان این گزارش را تکذیب کردند", 0, "Amu TV", "news", finder)
    assert (signal.stance, signal.by) == (Stance.DENIED, "Taliban")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Taliban denied the reports.",
        "The spokesman said the claims were baseless.",
        "The ministry did not deny the attack.",
        "The group claimed responsibility.",
        "Officials said two people were killed.",
        "Nothing to see here.",
    ],
)
def test_is_denial_agrees_with_detect_claim(finder, sentence):
    denied = detect_claim(sentence, 0, "Publisher", "news", finder).stance is Stance.DENIED
    assert is_denial(sentence) is denied


@pytest.mark.parametrize(
    ("sentence", "publisher", "kind", "stance", "by"),
    [
        # "claiming that" is a claim cue; its speaker is the subject before it, not an actor after it.
        ("The NRF posted a video on its channel claiming that its fighters killed two Taliban.", "Amu TV", "news", Stance.CLAIMED, "National Resistance Front"),
        ("The AFF issued a statement claiming responsibility for the ambush.", "Amu TV", "news", Stance.CLAIMED, "Afghanistan Freedom Front"),
        # The subject of the reported clause is not the speaker.
        ("Former prisoners said Taliban guards beat them.", "Amu TV", "news", Stance.REPORTED, "Amu TV"),
        ("Two shopkeepers told Amu TV that NRF fighters burned the market.", "KabulNow", "news", Stance.REPORTED, "KabulNow"),
        # A name after the cue still speaks when a clause ends around it.
        ('"We killed five Taliban," said the NRF.', "Amu TV", "news", Stance.CLAIMED, "National Resistance Front"),
        ("Five Taliban killed in Andarab, says NRF", "Amu TV", "news", Stance.CLAIMED, "National Resistance Front"),
        ("Two fighters died in the clash said the NRF.", "Amu TV", "news", Stance.CLAIMED, "National Resistance Front"),
    ],
)
def test_speaker_is_the_subject_before_the_cue(finder, sentence, publisher, kind, stance, by):
    signal = detect_claim(sentence, 0, publisher, kind, finder)
    assert (signal.stance, signal.by) == (stance, by), signal


@pytest.mark.parametrize(
    ("sentence", "publisher", "kind", "stance", "by"),
    [
        ("Since the Taliban takeover, the mission has documented 40 arrests.", "UNAMA", "ngo", Stance.CONFIRMED, "UNAMA"),
        ("After the NRF attack, the UN mission has also verified six deaths.", "UNAMA", "ngo", Stance.CONFIRMED, "UNAMA"),
        ("In Taliban prisons we have documented 12 deaths.", "Human Rights Watch", "ngo", Stance.CONFIRMED, "Human Rights Watch"),
        # In a news report "the UN mission" is the UN, not the publisher.
        ("The UN mission verified six deaths.", "Amu TV", "news", Stance.CONFIRMED, "United Nations"),
    ],
)
def test_self_reference_in_own_report_is_the_publisher(finder, sentence, publisher, kind, stance, by):
    signal = detect_claim(sentence, 0, publisher, kind, finder)
    assert (signal.stance, signal.by) == (stance, by), signal


def test_actor_in_an_opening_phrase_is_not_the_speaker(finder):
    signal = detect_claim("After the Taliban raid, the farmers said two houses burned.", 0, "Amu TV", "news", finder)
    assert (signal.stance, signal.by) == (Stance.REPORTED, "Amu TV"), signal
    signal = detect_claim("After the raid, Taliban commanders said two houses burned.", 0, "Amu TV", "news", finder)
    assert (signal.stance, signal.by) == (Stance.CLAIMED, "Taliban"), signal
    signal = detect_claim("Since the Taliban takeover, the office has documented 40 arrests.", 0, "Amu TV", "news", finder)
    assert (signal.stance, signal.by) == (Stance.CONFIRMED, "Amu TV"), signal


def test_negated_claiming_is_no_claim(finder):
    signal = detect_claim("The NRF posted a video, not claiming that it attacked anyone.", 0, "Amu TV", "news", finder)
    assert signal.stance is Stance.REPORTED, signal
