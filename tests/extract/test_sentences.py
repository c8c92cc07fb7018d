"""The sentence splitter: offsets, abbreviations, line breaks of every kind, Dari."""

from __future__ import annotations

from sitroom.extract.sentences import is_heading, split_sentences


def test_offsets_and_abbreviations():
    text = "KABUL, Afghanistan (Jan. 25, 2013)\nLt. Col. Smith said U.S. forces left. Gen. A. Massoud agreed."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "KABUL, Afghanistan (Jan. 25, 2013)",
        "Lt. Col. Smith said U.S. forces left.",
        "Gen. A. Massoud agreed.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_unicode_line_separators_and_no_break_spaces_split():
    text = "Forces detained two men today.\u2028\u2028Afghan forces\xa0found weapons.\xa0Nobody was hurt."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Forces detained two men today.", "Afghan forces\xa0found weapons.", "Nobody was hurt."]
    assert sentences[1].paragraph == sentences[0].paragraph + 1


def test_dari_sentences():
    sentences = split_sentences("طالبان سه نفر را بازداشت کردند. دو نفر کشته شدند؟ خبر تایید شد.")
    assert len(sentences) == 3


def test_hard_wrapped_lines_are_joined_but_short_lines_are_not():
    text = (
        "NEWS RELEASE\u2028ISAF Joint Command\u2028\u2028Also today, an Afghan-international security force detained a\u2028"
        "Taliban commander and another militant after searching a compound in\u2028Kandahar province."
    )
    sentences = [s.text for s in split_sentences(text)]
    assert sentences[:2] == ["NEWS RELEASE", "ISAF Joint Command"]
    assert sentences[2].startswith("Also today") and sentences[2].endswith("Kandahar province.")
    assert len(sentences) == 3


def test_headings_are_lines_of_their_own_without_a_final_stop():
    text = ("## Conflict-related incidents in Panjshir\n\n"
            "Mass arrests in Andarab\n"
            "Taliban forces detained 40 men in Andarab on Sunday.\n"
            "Residents said the raids went on all night")
    sentences = split_sentences(text)
    assert [is_heading(text, s) for s in sentences] == [True, True, False, False]  # the last line ends the text


def test_a_short_heading_line_is_not_joined_to_the_long_line_above():
    text = ("A long first line of a channel post that does not end in a stop\n"
            "Mass arrests in Andrab\n"
            "Taliban forces detained 40 men in Andarab on Sunday.")
    assert [s.text for s in split_sentences(text)] == [
        "A long first line of a channel post that does not end in a stop", "Mass arrests in Andrab",
        "Taliban forces detained 40 men in Andarab on Sunday.",
    ]
