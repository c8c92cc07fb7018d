"""The component protocol: layers assigned once, the order checked when the pipeline is built,
the names of data/extract/pipeline.toml known, and the pipeline-built extractor coding as before."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sitroom.errors import DataPackError, PipelineError
from sitroom.extract.components import (
    AnnotatedDocument, ComponentRegistry, Layer, build_pipeline, parse_pipeline_spec, read_pipeline_spec,
)
from sitroom.extract.extractor import Extractor
from sitroom.extract.stages import MENTIONS, SENTENCES, register_extraction_components
from sitroom.ingest.jsondocs import document_from_object
from sitroom.models import Document

PACKAGED = read_pipeline_spec().components


def _document(text: str, published: str | None = None, doc_id: str = "t1") -> Document:
    record = {"id": doc_id, "source_kind": "news", "published": published, "text": text}
    return document_from_object(record, raw=b"", source_path="test", ingest_format="jsonl", retrieved_at=None)


def _spec(*names: str):
    listed = ", ".join(f'"{name}"' for name in names)
    return parse_pipeline_spec(f"[pipeline]\ncomponents = [{listed}]\n", "test.toml")


@dataclass
class _Counter:
    """A component counting a document's characters into one layer."""

    name: str
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("length",)
    version: str = "counter-v1"
    assign_nothing: bool = False

    def match(self, doc: AnnotatedDocument) -> int:
        return len(doc.document.text)

    def set_annotations(self, doc: AnnotatedDocument, found: int) -> None:
        if not self.assign_nothing:
            doc.assign(Layer(self.assigns[0]), found, by=self.name)


def _registry(*components: _Counter) -> ComponentRegistry[None]:
    registry: ComponentRegistry[None] = ComponentRegistry()
    for component in components:
        registry.register(component.name, lambda _resources, component=component: component)
    return registry


def test_a_component_before_the_layer_it_requires_is_refused_naming_both(extractor: Extractor) -> None:
    with pytest.raises(PipelineError) as error:
        build_pipeline(_spec("sentences", "dates", "publication"), register_extraction_components(), extractor)
    message = str(error.value)
    assert "test.toml" in message and "component 'dates' requires layer 'publication'" in message
    assert "'publication' assigns it but comes later" in message


def test_a_required_layer_no_component_assigns_is_refused(extractor: Extractor) -> None:
    with pytest.raises(PipelineError, match="'actors' requires layer 'publication'.*no component in the pipeline"):
        build_pipeline(_spec("actors"), register_extraction_components(), extractor)


def test_an_unknown_component_name_is_refused_with_the_known_names(extractor: Extractor) -> None:
    with pytest.raises(PipelineError) as error:
        build_pipeline(_spec("sentences", "placez"), register_extraction_components(), extractor)
    message = str(error.value)
    assert "test.toml: unknown component 'placez'" in message
    assert all(name in message for name in PACKAGED)


def test_assigning_a_layer_twice_names_both_components() -> None:
    doc = AnnotatedDocument(_document("Text."))
    doc.assign(SENTENCES, [], by="sentences")
    with pytest.raises(PipelineError, match="'splitter' assigns layer 'sentences'.*'sentences' assigned already"):
        doc.assign(SENTENCES, [], by="splitter")
    assert doc.get(SENTENCES) == [] and doc.assigned_by("sentences") == "sentences"


def test_two_components_assigning_one_layer_are_refused_at_build_time() -> None:
    registry = _registry(_Counter("first"), _Counter("second"))
    with pytest.raises(PipelineError, match="'first' and 'second' both assign layer 'length'"):
        build_pipeline(_spec("first", "second"), registry, None)


def test_reading_an_unassigned_layer_names_it() -> None:
    with pytest.raises(PipelineError, match="layer 'mentions' of document 't1' is not assigned"):
        AnnotatedDocument(_document("Text.")).get(MENTIONS)


def test_a_component_that_leaves_its_layer_unassigned_fails_the_run() -> None:
    pipeline = build_pipeline(_spec("lazy"), _registry(_Counter("lazy", assign_nothing=True)), None)
    with pytest.raises(PipelineError, match="'lazy' declares layers \\['length'\\] but did not assign them"):
        pipeline(_document("Text."))


def test_a_pipeline_runs_its_components_in_order() -> None:
    registry = _registry(_Counter("count"), _Counter("recount", requires=("length",), assigns=("again",)))
    doc = build_pipeline(_spec("count", "recount"), registry, None)(_document("Four"))
    assert doc.get(Layer[int]("length")) == 4 and doc.assigned_by("again") == "recount"


@pytest.mark.parametrize("text, problem", [
    ("[pipeline\n", "not TOML"),
    ("[pipeline]\ncomponents = []\n", "non-empty list"),
    ("[other]\ncomponents = ['places']\n", "non-empty list"),
    ("[pipeline]\ncomponents = ['places', 'places']\n", "more than once: \\['places'\\]"),
])
def test_a_malformed_pipeline_file_is_refused_naming_it(text: str, problem: str) -> None:
    with pytest.raises(DataPackError, match=f"test.toml: .*{problem}"):
        parse_pipeline_spec(text, "test.toml")


def test_the_extractor_runs_the_packaged_pipeline_in_its_order(extractor: Extractor) -> None:
    assert extractor.pipeline.names == PACKAGED
    assert PACKAGED[0] == "publication" and PACKAGED[-1] == "mentions"
    doc = extractor.annotate(_document("Gunmen killed two policemen in Khost on Monday.", "2023-05-17"))
    assert {name: doc.assigned_by(name) for name in ("places", "dates", "mentions")} == {
        "places": "places", "dates": "dates", "mentions": "mentions"}


# Texts written for this test; the values are what the extractor gave before it ran as a pipeline
# (commit 0d8da1b), so the refactor is checked to keep them.
BEFORE = [
    ("On Tuesday, gunmen killed three policemen and wounded two others at a checkpoint in Khost city, "
     "officials said. No group claimed responsibility.", "2023-05-17",
     [("Battles", "Armed clash", "Khost", "Matun", "2023-05-16", 3, 2, None, "Unidentified armed group", None)]),
    ("An airstrike killed 12 Taliban fighters in Nad Ali district of Helmand province on 3 March 2010.\n\n"
     "In a separate operation, Afghan forces detained four suspected insurgents in Kandahar.", "2010-03-04",
     [("Explosions/Remote violence", "Air/drone strike", "Helmand", "Nad-e-Ali", "2010-03-03", 12, None, None,
       "Afghan National Defence and Security Forces", "Taliban"),
      ("Strategic developments", "Arrests", "Kandahar", None, "2010-03-03", None, None, 4,
       "Afghan National Defence and Security Forces", None)]),
    ("The Islamic State claimed a suicide bombing in Kabul that killed at least 6 people on Monday.", "2024-02-07",
     [("Explosions/Remote violence", "Suicide bomb", "Kabul", None, "2024-02-05", 6, None, None,
       "Islamic State Khorasan Province", "Civilians")]),
]
FIELDS = ("event_type", "sub_event_type", "admin1", "admin2", "event_date", "fatalities", "injured", "detained",
          "actor1", "actor2")


@pytest.mark.parametrize("text, published, expected", BEFORE)
def test_the_pipeline_built_extractor_codes_as_before(extractor: Extractor, text: str, published: str,
                                                      expected: list[tuple]) -> None:
    mentions = [m.to_contract() for m in extractor.extract(_document(text, published))]
    assert [tuple(m[name] for name in FIELDS) for m in mentions] == expected
    assert all(m["evidence"]["event_type"] and m["evidence"]["admin1"] for m in mentions)


def test_another_valid_order_gives_the_same_mentions(extractor: Extractor) -> None:
    reordered = ("sentences", "places", "publication", "actors", "dates", *PACKAGED[5:])
    pipeline = build_pipeline(_spec(*reordered), register_extraction_components(), extractor)
    for text, published, _ in BEFORE:
        document = _document(text, published)
        assert pipeline(document).get(MENTIONS) == extractor.extract(document)


def test_each_evidence_entry_names_the_component_and_version_that_found_it(extractor: Extractor) -> None:
    versions = {component.name: component.version for component in extractor.pipeline.components}
    text, published, _ = BEFORE[0]
    mention = extractor.extract(_document(text, published))[0]
    stages = {name: (evidence.stage, evidence.version) for name, evidence in mention.evidence.items()}
    assert stages["admin1"] == ("extract.places", versions["places"]) == ("extract.places", "places-v1")
    assert stages["event_date"] == ("extract.dates", versions["dates"])
    assert stages["actor1"] == ("extract.actors", versions["actors"])
    assert stages["fatalities"] == ("extract.casualties", versions["casualties"])
    assert stages["event_type"] == ("extract.event_types", versions["event_groups"])
    assert stages["claim"] == ("extract.claims", versions["claims"])
