"""Dari and Pashto: event sentences, background and opinions, aggregates, unknown groups, claims.

Every sentence here is synthetic: composed for these tests, about no real incident.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from sitroom.config import Settings
from sitroom.extract.actors import UNKNOWN_CATEGORY, ActorFinder
from sitroom.extract.claims import detect_claim
from sitroom.extract.event_types import classify_sentence, load_taxonomy, mask_background
from sitroom.extract.extractor import Extractor
from sitroom.extract.regex_needles import required_substrings
from sitroom.ingest.jsondocs import document_from_object

ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def finder():
    return ActorFinder()


# ---------------------------------------------------------------- how the cues see Arabic script
def test_word_boundaries_around_zwnj_vowel_signs_and_arabic_punctuation():
    # ZWNJ (U+200C) and the hamza above (U+0654) are not word characters: \b holds next to them.
    assert re.search(r"\bخواهند\b", "می\u200cخواهند")
    assert re.search(r"\bجبهه\b", "جبهه\u0654 مقاومت")
    # Arabic comma, semicolon and question mark are punctuation, not word characters.
    assert re.findall(r"\b\w+\b", "طالبان،اندراب؛پنجشیر؟") == ["طالبان", "اندراب", "پنجشیر"]
    # Persian and Arabic-Indic digits are \d; Arabic and Persian yeh are different letters, even ignoring case.
    assert re.fullmatch(r"\d+", "۱۶۰") and re.fullmatch(r"\d+", "١٦٠")
    assert not re.fullmatch("ی", "ي", re.IGNORECASE)


def test_every_dari_and_pashto_pattern_has_prefilter_needles():
    """A pattern without needles would make its rule or cue list run on every sentence (English ones too)."""
    spec = tomllib.loads(resources.files("sitroom.data").joinpath("taxonomy", "event_triggers.toml").read_text("utf-8"))
    lexicon = {key: str(value) for key, value in spec["lexicon"].items()}
    lists = [spec["cues"][name] for name in ("background", "local", "aggregate")]
    lists += [row["patterns"] for row in spec["rule"] + spec["tag_rule"]]
    patterns = [p for patterns in lists for p in patterns if ARABIC_SCRIPT.search(p)]
    assert len(patterns) > 100
    expanded = [re.sub(r"<<(\w+)>>", lambda ref: f"(?:{lexicon[ref[1]]})", p) for p in patterns]
    missing = [p for p in expanded if required_substrings(re.compile(p, re.IGNORECASE)) is None]
    assert missing == []


def test_every_dari_and_pashto_claim_cue_has_prefilter_needles():
    spec = tomllib.loads(resources.files("sitroom.data").joinpath("taxonomy", "claim_cues.toml").read_text("utf-8"))
    patterns = [p for cues in spec["cues"].values() for p in cues if ARABIC_SCRIPT.search(p)]
    assert [p for p in patterns if required_substrings(re.compile(p, re.IGNORECASE)) is None] == []


def test_a_dari_cue_is_found_by_the_needle_scan():
    tax = load_taxonomy()
    sentence = "طالبان قصد دارند مخالفان را در پنجشیر بازداشت کنند."  # synthetic
    background, _local = tax.cue_narrower.narrowed_given(tax.scanner.scan(sentence))
    assert background, "the needle prefilter dropped the Dari cue"
    assert classify_sentence(sentence) is None


# ---------------------------------------------------------------- event sentences are still typed
@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("نیروهای طالبان دیروز ۲۰ تن را در اندراب بازداشت کردند.", "Arrests"),
        ("جنگجویان جبهه مقاومت بر یک پاسگاه طالبان در دره حمله کردند.", "Armed clash"),
        ("یک مرد مسلح دیشب یک خبرنگار را در کابل به قتل رساند.", "Attack"),
        ("طالبان پنج غیرنظامی را در روستای بالا کشتند.", "Attack"),
        ("يک سرباز پيشين اردوي ملي دوشنبه شب در بغلان کشته شد.", "Attack"),  # Arabic yeh, as in cp1256 texts
        ("درگيري ميان طالبان و جبهه مقاومت در اندراب ادامه دارد.", "Armed clash"),
        ("نیروهای طالبان، به گفته باشندگان، ۲۰ تن را بازداشت کردند؛ آنان را محاکمه خواهند کرد.", "Arrests"),
        ("نیروهای طالبان ده تن را بازداشت کردند و گفتند که آنان را محاکمه خواهند کرد.", "Arrests"),
        ("د طالبانو ځواکونو پرون په اندراب کې شل کسان ونیول.", "Arrests"),
        ("په پنجشیر کې د طالبانو او مقاومت جبهې ترمنځ سخته نښته وشوه.", "Armed clash"),
        ("په کابل کې یوه ځانمرګي برید درې ملکي کسان ووژل.", "Suicide bomb"),
        ("طالبانو په پنجشیر کې پنځه ملکي کسان ووژل.", "Attack"),
    ],
)
def test_dari_and_pashto_event_sentences_are_typed(sentence, sub_event_type):
    typing = classify_sentence(sentence)
    assert typing is not None, sentence
    assert typing.sub_event_type == sub_event_type
    assert not typing.is_aggregate


# ---------------------------------------------------------------- background, plans and opinions give no event
@pytest.mark.parametrize(
    "sentence",
    [
        "طالبان قصد دارند مخالفان را در پنجشیر بازداشت کنند.",  # intention
        "طالبان برنامه حمله بر پاسگاه‌های جبهه مقاومت را دارند.",  # plan
        "طالبان مخالفان را در پنجشیر بازداشت خواهند کرد.",  # future (verb-final)
        "طالبان می\u200cخواهند مخالفان را در پنجشیر بازداشت کنند.",  # wants, with ZWNJ
        "طالبان می خواهند مخالفان را در پنجشیر بازداشت کنند.",  # with a space
        "طالبان میخواهند مخالفان را در پنجشیر بازداشت کنند.",  # joined
        "او پیش از این مسئول حملات انتحاری در کابل بود.",  # past of a target
        "او در گذشته در حملات انتحاری بر نیروهای امنیتی دست داشت.",
        "این فرمانده متهم به کشتن غیرنظامیان در اندراب است.",
        "به باور کارشناسان، طالبان صدها تن را در پنجشیر بازداشت کرده\u200cاند.",  # opinion
        "به نظر می\u200cرسد که درگیری\u200cها در اندراب ادامه خواهد یافت.",
        "سازمان ملل خواستار تحقیق درباره کشتار غیرنظامیان شد.",  # a call
        "طالبان غواړي چې په پنجشیر کې مخالفین ونیسي.",  # Pashto: wants
        "هغه پخوا د ځانمرګو بریدونو مسؤل و.",  # Pashto: formerly
        "د کارپوهانو په باور، طالبانو په پنجشیر کې لسګونه کسان ووژل.",  # Pashto: opinion
        "طالبان د پنجشیر د ټولو مخالفینو د نیولو پلان لري چې ونیول شي.",  # Pashto: plan
    ],
)
def test_dari_and_pashto_background_and_opinions_give_no_event(sentence):
    assert classify_sentence(sentence) is None, (sentence, mask_background(sentence))


@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("هیچ درگیری در سالنگ رخ نداده است.", None),  # "no clash took place"
        ("په سالنګ کې هیڅ نښته نه ده شوې.", None),  # Pashto, the same
        ("طالبان ده تن را بازداشت کردند و هیچ کس کشته نشد.", "Arrests"),  # the negation is not near the arrest
    ],
)
def test_dari_and_pashto_negation(sentence, sub_event_type):
    typing = classify_sentence(sentence)
    assert (typing.sub_event_type if typing else None) == sub_event_type


def test_a_masked_clause_keeps_offsets():
    sentence = "نیروهای طالبان ده تن را بازداشت کردند و گفتند که آنان را محاکمه خواهند کرد."  # synthetic
    masked = mask_background(sentence)
    assert len(masked) == len(sentence)
    assert masked.startswith("نیروهای طالبان ده تن را بازداشت کردند و گفتند که")
    assert "خواهند" not in masked


def test_local_cue_hides_only_itself():
    typing = classify_sentence("طالبان پس از بازداشتش او را شکنجه کردند.")  # synthetic
    assert typing is not None and typing.sub_event_type == "Attack" and "torture" in typing.tags


# ---------------------------------------------------------------- aggregates are typed and flagged
@pytest.mark.parametrize(
    ("sentence", "sub_event_type"),
    [
        ("یوناما در سال گذشته ۱۶۰ مورد قتل فراقضایی را ثبت کرده است.", "Attack"),
        ("از زمان به قدرت رسیدن طالبان، دست کم ۲۰۰ سرباز پیشین کشته شده\u200cاند.", "Attack"),
        ("از آغاز سال ۲۰۲۳ تاکنون در مجموع ۵۰۰ تن بازداشت شده\u200cاند.", "Arrests"),
        ("دست\u200cکم ۴۰ مورد بازداشت خودسرانه در بغلان ثبت شده است.", "Arrests"),
        ("در سه ماه گذشته ده\u200cها تن در پنجشیر بازداشت شده\u200cاند.", "Arrests"),
        ("از ماه حمل تا سرطان ۳۰ غیرنظامی کشته شدند.", "Attack"),
        ("یوناما په تېر کال کې د پخوانیو سرتېرو د وژلو ۱۶۰ پېښې ثبت کړې دي.", "Attack"),
        ("له ۲۰۲۱ کال راهیسې ټول ټال ۳۰۰ کسان نیول شوي دي.", "Arrests"),
        ("په تېرو درېیو میاشتو کې لسګونه کسان ونیول شول.", "Arrests"),
    ],
)
def test_dari_and_pashto_aggregates_are_flagged(sentence, sub_event_type):
    typing = classify_sentence(sentence)
    assert typing is not None, (sentence, mask_background(sentence))
    assert typing.sub_event_type == sub_event_type
    assert typing.is_aggregate


def test_tags_in_dari():
    executed = classify_sentence("طالبان دیشب ۱۲ تن را در پنجشیر به گونه صحرایی تیرباران کردند.")
    assert executed is not None and "extrajudicial killing" in executed.tags
    checkpoint = classify_sentence("جنگجویان جبهه مقاومت بر یک پاسگاه طالبان در دره حمله کردند.")
    assert checkpoint is not None and "checkpoint attack" in checkpoint.tags


# ---------------------------------------------------------------- end to end: one Dari report
def test_a_dari_report_end_to_end():
    text = (
        "نمونه ساختگی برای آزمون.\n\n"
        "نیروهای طالبان روز شنبه ۲۰ تن را در ولسوالی اندراب ولایت بغلان بازداشت کردند.\n\n"
        "طالبان قصد دارند مخالفان بیشتری را در پنجشیر بازداشت کنند.\n\n"
        "یوناما در سال گذشته ۱۶۰ مورد قتل فراقضایی را ثبت کرده است."
    )
    raw = {"id": "fa-test-1", "published": "2023-05-15", "source_kind": "news", "publisher": "خبرنامه آزمون", "text": text}
    document = document_from_object(raw, raw=b"", source_path="test", ingest_format="jsonl", retrieved_at=None)
    mentions = [m.to_contract() for m in Extractor.from_config(Settings()).extract(document)]
    assert [(m["sub_event_type"], m["is_aggregate"]) for m in mentions] == [("Arrests", False), ("Attack", True)]
    assert mentions[0]["actor1"] == "Taliban forces (Islamic Emirate)"
    start, end = mentions[0]["evidence"]["actor1"]
    assert text[start:end] == "نیروهای طالبان"


# ---------------------------------------------------------------- unknown organisations in Dari and Pashto
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("جبهه آزادی\u200cبخش اندراب مسئولیت این حمله را بر عهده گرفت.", "جبهه آزادی\u200cبخش اندراب"),
        ("جنگجویان جبهه\u200cی آزادی\u200cبخش سالنگ، در بیانیه\u200cای، گفتند.", "جبهه\u200cی آزادی\u200cبخش سالنگ"),
        ("جنبش ملی و آزادی\u200cبخش اسلامی افغانستان در بیانیه\u200cای گفت.", "جنبش ملی و آزادی\u200cبخش اسلامی افغانستان"),
        ("حزب همبستگی کوهستان اعلام کرد.", "حزب همبستگی کوهستان"),
        ("گروه جیش العدل مسئولیت را پذیرفت.", "گروه جیش العدل"),
        ("شورای مقاومت سالنگ در بیانیه\u200cای گفت.", "شورای مقاومت سالنگ"),
        ("د اندراب د آزادۍ جبهې پر یوه پوسته برید وکړ.", "د اندراب د آزادۍ جبهې"),
        ("د سالنګ د مقاومت غورځنګ اعلان وکړ.", "د سالنګ د مقاومت غورځنګ"),
    ],
)
def test_unknown_dari_and_pashto_organisations_are_extracted(finder, text, name):
    unknown = [m for m in finder.find(text) if m.actor_id is None]
    assert [(m.name, m.category) for m in unknown] == [(name, UNKNOWN_CATEGORY)]
    assert text[unknown[0].start : unknown[0].end] == name  # the evidence span, as written


@pytest.mark.parametrize(
    "text",
    [
        "گروه مسلح ناشناس به روستا حمله کرد.",  # "an unknown armed group": a common noun phrase
        "گروه\u200cهای فراری در خارج تبلیغات می\u200cکنند.",  # plural
        "جبهه\u200cهای جنگ در شمال فعال است.",
        "شورای ولایتی بغلان گفت.",
        "گروهی از باشندگان به ولسوالی رفتند.",
        "د وسله والو یوه ډله کلي ته ورننوتله.",
    ],
)
def test_generic_group_phrases_are_not_organisations(finder, text):
    assert [m for m in finder.find(text) if m.actor_id is None] == []


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("جبهه مقاومت ملی اعلام کرد.", "nrf"),
        ("جبهه\u200cی مقاومت ملی اعلام کرد.", "nrf"),
        ("جبهه مقاومت اعلام کرد.", "nrf"),
        ("د ملي مقاومت جبهې ویاند وویل.", "nrf"),
        ("جبهه آزادی افغانستان اعلام کرد.", "aff"),
        ("د افغانستان د آزادۍ جبهه وایي.", "aff"),
        ("شورای عالی مقاومت ملی در آنکارا نشست کرد.", "supreme_resistance_council"),
        ("حزب اسلامی افغانستان اعلام کرد.", "hig"),
    ],
)
def test_known_fronts_map_to_the_dictionary(finder, text, actor_id):
    mentions = finder.find(text)
    assert [m.actor_id for m in mentions] == [actor_id]


# ---------------------------------------------------------------- claims in Dari and Pashto
@pytest.mark.parametrize(
    ("sentence", "stance", "by"),
    [
        ("ادعای جبهه مقاومت مبنی بر کشته شدن دوازده مجاهد بی\u200cاساس است.", "denied", "دفتر سخنگو"),
        ("طالبان ادعای جبهه مقاومت را رد کردند.", "denied", "Taliban"),
        ("یوناما کشته شدن سه تن را تأیید کرد.", "confirmed", "UNAMA"),
        ("يوناما کشته شدن سه تن را تاييد کرد.", "confirmed", "UNAMA"),
        ("د ملګرو ملتونو په وینا، درې ملکي کسان ووژل شول.", "reported", "United Nations"),
        ("طالبانو دا ادعا رد کړه.", "denied", "Taliban"),
    ],
)
def test_dari_and_pashto_claim_cues(finder, sentence, stance, by):
    signal = detect_claim(sentence, 0, "دفتر سخنگو", "official", finder)
    assert (signal.stance.value, signal.by) == (stance, by)
