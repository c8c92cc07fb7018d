"""HTML blocks are paragraphs: a headline is never joined to the lead below it (page written for sitroom)."""

from __future__ import annotations

from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.html import read_html

PAGE = b"""<html><head><title>Blast in Kabul</title></head><body><article>
<h1>At least six killed as bomb tears through minibus in western Kabul</h1>
<p>KABUL - At least six people were killed and more than a dozen wounded when a bomb exploded on a
passenger minibus in the Dasht-e Barchi area of Kabul on Tuesday afternoon, residents said.</p>
<p>Kabul police said four people were killed and 11 wounded.</p>
</article></body></html>"""


def test_each_html_block_is_a_paragraph():
    (record,) = list(read_html(SourceFile("page.html", PAGE, None)))
    text = record.document.text
    assert "western Kabul\n\nKABUL - At least six" in text
    assert "\n\n\n" not in text
