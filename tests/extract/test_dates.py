"""Golden cases for date extraction (our own sentences, fixed publication dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitroom.extract import dates_hijri
from sitroom.extract.dates_resolve import numeric_order
from sitroom.extract.dates import (
    DateMention,
    event_date_for_span,
    find_dates,
    publication_date_from_text,
    publication_from_text,
)

D = dt.date
PUB = D(2013, 1, 25)  # a Friday


def only(text: str, published: dt.date | None = PUB) -> DateMention:
    found = [m for m in find_dates(text, published) if not m.is_dateline]
    assert len(found) == 1, found
    mention = found[0]
    assert text[mention.start : mention.end] == mention.text
    return mention


@pytest.mark.parametrize(
    "text, phrase, start, end, precision",
    [
        ("Forces raided the compound on Jan. 23, 2013 at dawn.", "Jan. 23, 2013", D(2013, 1, 23), D(2013, 1, 23), 1),
        ("The raid took place on 25 January 2013.", "25 January 2013", PUB, PUB, 1),
        ("The raid took place on January 24.", "January 24", D(2013, 1, 24), D(2013, 1, 24), 1),
        ("An attack on Dec. 30 killed two.", "Dec. 30", D(2012, 12, 30), D(2012, 12, 30), 1),
        ("Logged 2013-01-20 by the unit.", "2013-01-20", D(2013, 1, 20), D(2013, 1, 20), 1),
        ("Logged 20/01/2013 by the unit.", "20/01/2013", D(2013, 1, 20), D(2013, 1, 20), 1),
        ("Police said yesterday two men were held.", "yesterday", D(2013, 1, 24), D(2013, 1, 24), 1),
        ("Police said today two men were held.", "today", PUB, PUB, 1),
        ("Gunmen attacked the post last night.", "last night", D(2013, 1, 24), D(2013, 1, 24), 1),
        # a night is dated by the evening it began (events are coded by their start date)
        ("Forces detained two men overnight.", "overnight", D(2013, 1, 24), D(2013, 1, 24), 1),
        ("Forces killed 30 insurgents during the past two days.", "past two days", D(2013, 1, 23), PUB, 2),
        ("Gunmen attacked the post this morning.", "this morning", PUB, PUB, 1),
        ("Gunmen attacked the post on Monday.", "Monday", D(2013, 1, 21), D(2013, 1, 21), 1),
        ("Gunmen attacked the post Friday.", "Friday", PUB, PUB, 1),
        ("Gunmen attacked the post last Friday.", "last Friday", D(2013, 1, 18), D(2013, 1, 18), 1),
        ("Gunmen attacked the post two days ago.", "two days ago", D(2013, 1, 23), D(2013, 1, 23), 1),
        ("Fighting flared last week.", "last week", D(2013, 1, 14), D(2013, 1, 20), 2),
        ("Fighting flared three weeks ago.", "three weeks ago", D(2013, 1, 4), D(2013, 1, 4), 2),
        ("Fighting flared earlier this month.", "earlier this month", D(2013, 1, 1), PUB, 3),
        ("Fighting flared in May.", "May", D(2012, 5, 1), D(2012, 5, 31), 3),
        ("Fighting flared last September.", "last September", D(2012, 9, 1), D(2012, 9, 30), 3),
        ("It is a year since the fall of the town.", "a year since", D(2012, 1, 25), D(2012, 1, 25), 3),
        ("Fighting flared in late 2022.", "late 2022", D(2022, 9, 1), D(2022, 12, 31), 3),
        ("Fighting flared in 2022.", "2022", D(2022, 1, 1), D(2022, 12, 31), 3),
        ("Fighting flared in January 2012.", "January 2012", D(2012, 1, 1), D(2012, 1, 31), 3),
        ("Fighting flared in early May.", "early May", D(2012, 5, 1), D(2012, 5, 10), 2),
    ],
)
def test_golden_forms(text, phrase, start, end, precision):
    mention = only(text)
    assert (mention.text, mention.date, mention.end_date, mention.precision) == (phrase, start, end, precision)


def test_last_weekday_when_publication_is_that_weekday():
    assert only("They struck on Monday.", D(2013, 1, 21)).date == D(2013, 1, 21)
    assert only("They struck last Monday.", D(2013, 1, 21)).date == D(2013, 1, 14)


def test_last_month_name_is_strictly_before_publication_month():
    assert only("They struck last September.", D(2013, 10, 2)).date == D(2013, 9, 1)
    assert only("They struck last September.", D(2013, 9, 20)).date == D(2012, 9, 1)
    assert only("They struck in September.", D(2013, 9, 20)).date == D(2013, 9, 1)


def test_relative_flags_and_no_anchor():
    assert only("held yesterday").relative is True
    assert only("held on Jan. 3, 2013").relative is False
    assert find_dates("held yesterday and on Monday", None) == []
    assert [m.text for m in find_dates("held on Jan. 3, 2013", None)] == ["Jan. 3, 2013"]


@pytest.mark.parametrize(
    "year, month, day, expected",
    [
        (1400, 1, 1, D(2021, 3, 21)),
        (1400, 5, 24, D(2021, 8, 15)),
        (1400, 5, 15, D(2021, 8, 6)),
        (1399, 12, 30, D(2021, 3, 20)),  # 1399 is a leap year
        (1403, 1, 1, D(2024, 3, 20)),
        (1400, 6, 15, D(2021, 9, 6)),
        (1354, 1, 1, D(1975, 3, 21)),
    ],
)
def test_solar_hijri_conversion(year, month, day, expected):
    assert dates_hijri.to_gregorian(year, month, day) == expected
    assert dates_hijri.from_gregorian(expected) == (year, month, day)


def test_solar_hijri_rejects_invalid_days():
    with pytest.raises(ValueError):
        dates_hijri.to_gregorian(1400, 12, 30)  # 1400 is not leap
    with pytest.raises(ValueError):
        dates_hijri.to_gregorian(1400, 7, 31)


@pytest.mark.parametrize(
    "text, phrase, expected",
    [
        ("طالبان در ۱۵ اسد ۱۴۰۰ حمله کردند", "۱۵ اسد ۱۴۰۰", D(2021, 8, 6)),
        ("The town fell on 24 Asad 1400.", "24 Asad 1400", D(2021, 8, 15)),
        ("On 1 Hamal 1400 the fighting resumed.", "1 Hamal 1400", D(2021, 3, 21)),
        ("گزارش ۱۴۰۰/۵/۲۴ منتشر شد", "۱۴۰۰/۵/۲۴", D(2021, 8, 15)),
        ("حمله در ٢٤ اسد ١٤٠٠ رخ داد", "٢٤ اسد ١٤٠٠", D(2021, 8, 15)),
    ],
)
def test_solar_hijri_in_text(text, phrase, expected):
    mention = only(text, D(2021, 9, 1))
    assert (mention.text, mention.date, mention.precision) == (phrase, expected, 1)


def test_solar_hijri_month_year_and_dari_relative():
    mention = only("Clashes continued through Asad 1400.", D(2021, 9, 1))
    assert (mention.date, mention.end_date, mention.precision) == (D(2021, 7, 23), D(2021, 8, 22), 3)
    assert only("طالبان دیروز حمله کردند", D(2021, 9, 1)).date == D(2021, 8, 31)
    assert only("The post fell on 15 Asad.", D(2021, 9, 1)).date == D(2021, 8, 6)
    # Sunday written with a zero-width non-joiner is Sunday, not the Saturday (شنبه) inside it
    sunday = [m for m in find_dates("طالبان روز یک\u200cشنبه بازداشت کردند", D(2022, 9, 19))]
    assert [(m.text, m.date) for m in sunday] == [("یک\u200cشنبه", D(2022, 9, 18))]


@pytest.mark.parametrize(
    "text",
    [
        "ISAF Joint Command - Afghanistan 2013-01-S-025 For Immediate Release",
        "Release numbers 1314,1198, 1173, 1341, 1393 were issued.",
        "They may attack again; forces march 3 kilometres to the hut.",
        "The unit fired 155 mm rounds at 3:30 a.m. from 12 positions.",
        "He was released on Feb. 30, 2013.",
    ],
)
def test_no_false_dates(text):
    assert find_dates(text, PUB) == []


def test_dateline_and_publication_from_text():
    text = "2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nForces detained two men yesterday."
    mentions = find_dates(text, None)
    assert [(m.text, m.is_dateline) for m in mentions] == [("Jan. 25, 2013", True)]
    assert publication_date_from_text(text) == D(2013, 1, 25)
    update = "ISAF Joint Command Operational Update, Jan. 10, 2011\nForces killed two insurgents."
    assert publication_from_text(update) == (D(2011, 1, 10), 1)
    assert publication_from_text("Some release\n2013-01-S-025\nForces acted.") == (D(2013, 1, 1), 3)
    draft = "2010-08-CA-XXX For Immediate Release\nKABUL, Afghanistan (Aug. 18) - Forces detained two men Tuesday."
    assert publication_from_text(draft) == (D(2010, 8, 18), 1)
    # a full stop typed for the comma before the year
    assert publication_from_text("2011-11-S-001\nKABUL, Afghanistan (Nov. 1. 2011)\nForces acted.") == (D(2011, 11, 1), 1)
    yearless = "2012-01-S-044\nKABUL, Afghanistan (Jan. 28)\nForces detained a man today."
    assert publication_from_text(yearless) == (D(2012, 1, 28), 1)
    headline = "Dec. 31: Operations in Kandahar\n2010-01-CA-002 For Immediate Release"
    assert publication_from_text(headline) == (D(2009, 12, 31), 1)
    assert publication_date_from_text("Forces acted yesterday.") is None


def test_later_dateline_anchors_its_own_release():
    text = ("KABUL, Afghanistan (Feb. 16, 2011) Forces detained a man today.\n"
            "KABUL, Afghanistan (Feb. 19) Forces confirmed a leader was killed yesterday.")
    mentions = find_dates(text, D(2011, 2, 16))
    assert [(m.text, m.date, m.is_dateline) for m in mentions] == [
        ("Feb. 16, 2011", D(2011, 2, 16), True),
        ("today", D(2011, 2, 16), False),
        ("Feb. 19", D(2011, 2, 19), True),
        ("yesterday", D(2011, 2, 18), False),
    ]


def test_event_date_for_span_choices():
    text = ("KABUL, Afghanistan (Jan. 22, 2013)\n"
            "Today, forces confirmed a leader was arrested in Maiwand on Sunday. "
            "During the operation, the force detained two men.\n"
            "The leader was behind the Jan. 5 attack on a checkpoint and was held without a shot.\n"
            "In a separate operation, forces seized weapons.")
    published = D(2013, 1, 22)
    mentions = find_dates(text, published)
    first = text.index("Today")
    second = text.index("During")
    third = text.index("The leader")
    fourth = text.index("In a separate")
    used, date, precision = event_date_for_span(first, second, mentions, published, text=text)
    assert (used.text, date, precision) == ("Sunday", D(2013, 1, 20), 1)
    used, date, precision = event_date_for_span(second, third - 1, mentions, published, text=text)
    assert (used.text, date, precision) == ("Sunday", D(2013, 1, 20), 1)  # preceding, same paragraph
    used, date, precision = event_date_for_span(third, fourth - 1, mentions, published, text=text)
    # "the Jan. 5 attack" names another event; the paragraph goes on about the lead's incident
    assert (used.text, date, precision) == ("Sunday", D(2013, 1, 20), 1)
    used, date, precision = event_date_for_span(fourth, len(text), mentions, published, text=text)
    # "separate operation": another incident, dated only around the lead's day (week precision)
    assert (used.text, date, precision) == ("Sunday", D(2013, 1, 20), 2)
    assert event_date_for_span(0, 10, [], None) == (None, None, 3)


def test_spans_point_into_original_text_with_persian_digits():
    text = "در ۱۵ اسد ۱۴۰۰ و دیروز"
    for mention in find_dates(text, D(2021, 9, 1)):
        assert text[mention.start : mention.end] == mention.text


def test_dateparser_fallback_on_leftover_spans():
    mention = only("It happened on the 3rd day of March, 2013, officials said.", D(2013, 4, 1))
    assert mention.date.month == 3 and mention.date.year == 2013


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Two  DAYS\nago, a raid took place.", D(2013, 1, 23)),  # any case, any whitespace
        ("It happened a couple of days ago.", D(2013, 1, 23)),
        ("It happened The Day Before Yesterday.", D(2013, 1, 23)),
        ("The attack came in the night, a day ago.", D(2013, 1, 24)),
    ],
)
def test_relative_phrases_starting_with_common_words(text, date):
    # "the", "a", "two" start a date only before the rest of a phrase: the first-word test says so
    assert only(text).date == date


def test_leftover_candidates_start_at_a_digit_or_a_month():
    from sitroom.extract.dates_fallback import _candidate_regex

    spans = [m.group() for m in _candidate_regex().finditer("On the 3rd day of March, 2013 and x12 of May and June the 4th")]
    assert spans == ["3rd day of March, 2013", "June the 4th"]


def test_weak_dateline_forms_are_read_only_at_the_end_of_the_text_before_the_date():
    published = dt.date(2011, 1, 12)
    for before, expected in [
        ("Operational Update, ", True),
        ("Operational update  ", True),
        ("An update came, the command said on ", False),  # "update" not right before the date
        ("Weekly update, ", True),
        ("PRESS RELEASE No. 12, ", True),
        ("Release of the detainees was announced in a long paragraph, ", False),  # over 20 characters
        ("Holiday, ", True),  # "\w+day," alone before the date
        ("Posted ", False),
        ("", True),
    ]:
        text = f"{before}Jan. 10, 2011 \u2013 Forces killed two insurgents."
        mentions = find_dates(text, published)
        assert [(m.text, m.is_dateline) for m in mentions][:1] == [("Jan. 10, 2011", expected)], before


def test_a_period_phrase_with_its_own_article_dates_the_sentence():
    text = "KABUL, Afghanistan (March 17, 2011) Forces killed 30 insurgents in Helmand during the past two days."
    mentions = find_dates(text, D(2011, 3, 17))
    used, date, precision = event_date_for_span(36, len(text), mentions, D(2011, 3, 17), text=text)
    assert (used.text, date, precision) == ("past two days", D(2011, 3, 15), 2)


def test_carries_decides_which_earlier_dates_a_sentence_may_take():
    text = "Forces detained a man yesterday. He is the 17th leader held this month. They seized weapons."
    mentions = find_dates(text, PUB)
    last = text.index("They")
    used, _date, _precision = event_date_for_span(last, len(text), mentions, PUB, text=text)
    assert used.text == "this month"  # without a rule, the nearest earlier date
    used, date, precision = event_date_for_span(last, len(text), mentions, PUB, text=text,
                                                carries=lambda m: m.text != "this month")
    assert (used.text, date, precision) == ("yesterday", D(2013, 1, 24), 1)


def test_an_ambiguous_numeric_date_reads_the_way_that_is_not_after_publication():
    from sitroom.extract.dates import find_dates

    # day-first would be 2 May, after publication: month-first
    (found,) = [d for d in find_dates("Posted 02/05/2024.", dt.date(2024, 2, 5)) if d.text == "02/05/2024"]
    assert found.date == dt.date(2024, 2, 5)
    # both readings before publication: the nearer one (day-first 3 Feb here)
    (found,) = [d for d in find_dates("Posted 03/02/2024.", dt.date(2024, 2, 6)) if d.text == "03/02/2024"]
    assert found.date == dt.date(2024, 2, 3)
    # unambiguous month-first stays month-first
    (found,) = [d for d in find_dates("Posted 01/25/2024.", dt.date(2024, 2, 6)) if d.text == "01/25/2024"]
    assert found.date == dt.date(2024, 1, 25)


def test_a_solar_hijri_date_after_publication_is_no_date():
    from sitroom.extract.dates import find_dates

    # 1404/10/01 is 22 Dec 2025, after a report published in June 2025
    assert not [d for d in find_dates("تاریخ ۱۴۰۴/۱۰/۰۱", dt.date(2025, 6, 1)) if d.date > dt.date(2025, 6, 3)]


def test_dari_and_pashto_days_ago_and_last_night_are_read_against_publication():
    published = dt.date(2025, 8, 30)
    found = {d.text: d.date for d in find_dates("جبهه دو روز پیش مسئولیت حمله را بر عهده گرفت.", published)}
    assert found == {"دو روز پیش": dt.date(2025, 8, 28)}
    found = {d.text: d.date for d in find_dates("د تېرې شپې هوايي بریدونه یې وغندل، درې ورځې مخکې هم برید شوی و.", published)}
    assert found == {"تېرې شپې": dt.date(2025, 8, 29), "درې ورځې مخکې": dt.date(2025, 8, 27)}


def test_a_documents_numeric_dates_share_one_order_of_day_and_month():
    published = D(2023, 6, 2)
    # a US-style header that reads as the publication day month-first sets the order for the body
    us = "Friday, 06/02/2023\n\nFighters attacked a checkpoint on 04/05/2023, the group said."
    assert [d.date for d in find_dates(us, published) if "/" in d.text] == [D(2023, 6, 2), D(2023, 4, 5)]
    # an unambiguous day-first date sets day-first for the ambiguous ones
    day_first = "The raid on 13/04/2023 followed another on 02/03/2023."
    assert [d.date for d in find_dates(day_first, published)] == [D(2023, 4, 13), D(2023, 3, 2)]
    # a document mixing both orders settles nothing: each date is read alone
    assert numeric_order([(13, 4, 2023), (4, 25, 2023)], published) is None


def test_a_city_date_agency_dateline_dates_the_report_not_the_event():
    text = "Islamabad, Feb 27, (Example/Wire) – Two militants were killed in a raid in Kabul, a spokesman said late on Sunday."
    found = {d.text: (d.date, d.is_dateline) for d in find_dates(text, D(2023, 2, 27))}
    assert found == {"Feb 27": (D(2023, 2, 27), True), "Sunday": (D(2023, 2, 26), False)}
    start = text.index("Two")
    used, date, _ = event_date_for_span(start, len(text), find_dates(text, D(2023, 2, 27)), D(2023, 2, 27), text=text)
    assert (used.text, date) == ("Sunday", D(2023, 2, 26))
