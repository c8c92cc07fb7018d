"""Place-name normalisation shared by the gazetteer index and the place resolver.

A name becomes a *key*: Latin letters lose case and diacritics, apostrophes go,
hyphens split words, the Persian izafa connectors ("-e", "-i", "-ye") and "wa"/"o"
("and") are dropped, the words are joined without spaces and vowels are folded
(e->i, o->u, y->i, w->u, q->k, doubled letters collapsed), so that
"Mazar-i-Sharif", "Mazar-e Sharif" and "Mazari Sharif" share a key.
Arabic-script names have Arabic and Pashto letter forms folded to their Dari forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# A word: letters (any script) with inner apostrophes; digits are not part of names.
TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’ʼʻ`][^\W\d_]+)*")
CONNECTORS = frozenset({"e", "i", "y", "ye", "yi", "wa", "o", "al", "ul", "us"})  # "Jabal al-Saraj", "Jabal-us-Saraj"
_APOSTROPHES = str.maketrans("", "", "'’ʼʻ`‘")
_LATIN_FOLD = [("ow", "u"), ("q", "k"), ("e", "i"), ("o", "u"), ("y", "i"), ("w", "u")]
_DOUBLE = re.compile(r"(.)\1+")
_ARABIC_FOLD = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ې": "ی", "ۍ": "ی", "ئ": "ی", "ك": "ک", "ګ": "گ", "ة": "ه",
        "ۀ": "ه", "ہ": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ړ": "ر",
        "ښ": "ش", "ټ": "ت", "ډ": "د", "ڼ": "ن", "ږ": "ژ", "ځ": "ز", "څ": "چ",
        "\u200c": "", "\u200d": "", "\u0640": "",
    }
)
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED]")


def is_arabic(word: str) -> bool:
    """Return True when the word is written in Arabic script (Dari, Pashto)."""
    return bool(word) and "\u0600" <= word[0] <= "\u06ff"


def fold_word(word: str) -> str:
    """Return one word's folded form (see the module docstring); '' for nothing left."""
    if is_arabic(word):
        return _ARABIC_MARKS.sub("", word.translate(_ARABIC_FOLD))
    text = unicodedata.normalize("NFKD", word.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("ı", "i").replace("ş", "s").replace("š", "s")
    for old, new in _LATIN_FOLD:
        text = text.replace(old, new)
    text = _DOUBLE.sub(r"\1", text)
    # a final "h" after a vowel is silent in these transliterations: Qalah/Qala, Nawah/Nawa
    return text[:-1] if len(text) > 3 and text[-1] == "h" and text[-2] in "aiu" else text


def words(text: str) -> Iterator[re.Match[str]]:
    """Yield the word matches of ``text`` (letters with inner apostrophes)."""
    return TOKEN_RE.finditer(text)


def name_keys(name: str) -> set[str]:
    """Return the lookup keys of one place name.

    Input: a name as a source spells it. Output: its key, plus variants in which a
    dropped izafa connector is glued to the word before it as "i" ("Sar-e Pul" is also
    indexed as "Sari Pul"), because reports write it both ways.
    """
    raw = [match.group(0) for match in words(name)]
    parts: list[str] = []
    glued = False
    for index, word in enumerate(raw):
        low = word.lower()
        if low in CONNECTORS and 0 < index < len(raw) - 1:
            glued = glued or low in {"e", "i", "y", "ye", "yi"}
            parts.append("\0")  # marks a dropped connector
            continue
        folded = fold_word(_strip_possessive(word))
        if folded:
            parts.append(folded)
    if not parts:
        return set()
    keys = {"".join(p for p in parts if p != "\0")}
    if glued:
        keys.add("".join("i" if p == "\0" else p for p in parts).replace("ii", "i"))
    return {key for key in keys if key}


def name_key(name: str) -> str:
    """Return the main lookup key of a name ('' when it has no letters)."""
    raw = [match.group(0) for match in words(name)]
    kept = [
        fold_word(_strip_possessive(w))
        for i, w in enumerate(raw)
        if not (w.lower() in CONNECTORS and 0 < i < len(raw) - 1)
    ]
    return "".join(kept)


def _strip_possessive(word: str) -> str:
    """Return the word without an English possessive ending ("Ghazni's" -> "Ghazni")."""
    for ending in ("'s", "’s", "'S", "’S"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word
