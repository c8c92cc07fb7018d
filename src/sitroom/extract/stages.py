"""The extraction stage's components: thin adapters over the existing finders and builders.

Each one follows the protocol of ``components.py``; ``register_extraction_components`` is the
one place they are registered, and data/extract/pipeline.toml gives their order. Their shared
resources (the gazetteer's place resolver, the actor finder, the conventions, the mention
builder) are those of the ``Extractor`` that builds the pipeline.

The ``annotations`` layer is the mention builder's working object (``DocumentAnnotations``);
it still caches lookups and receives the event spans and casualty figures of later
components, until the builder reads the layers themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from sitroom.extract import actors as actors_module
from sitroom.extract import dates as dates_module
from sitroom.extract import places as places_module
from sitroom.extract.actors import ActorFinder, ActorMention
from sitroom.extract.casualties import CASUALTIES_VERSION, CasualtyMention
from sitroom.extract.claims import ClaimSignal, detect_claim
from sitroom.extract.components import AnnotatedDocument, ComponentPipeline, ComponentRegistry, Layer
from sitroom.extract.dates import DateMention, find_dates, publication_from_text
from sitroom.extract.history import dated_by_period_only
from sitroom.extract.list_evidence import complete_list_evidence
from sitroom.extract.mention_builder import STAGE, DocumentAnnotations, MentionBuilder
from sitroom.extract.place_metonymy import without_metonyms
from sitroom.extract.place_origins import without_origins
from sitroom.extract.places import PlaceMention, PlaceResolver
from sitroom.extract.province_split import provinces_named, split_listed_provinces
from sitroom.extract.repeats import join_repeats
from sitroom.extract.sentence_groups import SentenceGroup
from sitroom.extract.sentences import Sentence, headline_end, is_header_field, split_sentences
from sitroom.models import EventMention, Stance

EXTRACTOR_VERSION = "extract-v1"


class ExtractionResources(Protocol):
    """What the components use of the ``Extractor`` that builds the pipeline (typed here, so this
    module does not import ``extractor``, which imports it)."""

    places: PlaceResolver
    actors: ActorFinder
    builder: MentionBuilder

    def event_groups(self, annotations: DocumentAnnotations, title_end: int) -> list[SentenceGroup]: ...

    def figures(self, annotations: DocumentAnnotations, groups: list[SentenceGroup], claims: list[ClaimSignal],
                title_end: int) -> list: ...


@dataclass(frozen=True, slots=True)
class Publication:
    """When the document was published: the date and its precision (1 day, 2 week, 3 month)."""

    date: dt.date | None
    precision: int

    @property
    def anchor(self) -> dt.date | None:
        """The day that anchors "yesterday" or "on Monday": only a known day does."""
        return self.date if self.precision == 1 else None

    @property
    def month(self) -> dt.date | None:
        """The first of the month when only the month is known (a release id)."""
        return self.date if self.precision > 1 else None


@dataclass(frozen=True, slots=True)
class EventGroups:
    """The sentence groups that report events, and where the title ends (0: no title)."""

    title_end: int
    groups: list[SentenceGroup]


PUBLICATION: Layer[Publication] = Layer("publication")
SENTENCES: Layer[list[Sentence]] = Layer("sentences")
PLACES: Layer[list[PlaceMention]] = Layer("places")
DATES: Layer[list[DateMention]] = Layer("dates")
ACTORS: Layer[list[ActorMention]] = Layer("actors")
ANNOTATIONS: Layer[DocumentAnnotations] = Layer("annotations")
EVENT_GROUPS: Layer[EventGroups] = Layer("event_groups")
CLAIMS: Layer[list[ClaimSignal]] = Layer("claims")
CASUALTIES: Layer[list[CasualtyMention]] = Layer("casualties")
MENTIONS: Layer[list[EventMention]] = Layer("mentions")
# The component names evidence records carry (extract.<name>) -> the layer whose values they cite.
EVIDENCE_LAYERS = {"places": PLACES.name, "dates": DATES.name, "actors": ACTORS.name,
                   "casualties": CASUALTIES.name, "claims": CLAIMS.name, "event_types": EVENT_GROUPS.name}


class _Adapter:
    """What every extraction component shares: its extractor's resources, one layer assigned."""

    name = ""
    version = EXTRACTOR_VERSION
    requires: tuple[str, ...] = ()
    layer: Layer[Any]

    def __init__(self, extractor: ExtractionResources) -> None:
        self.extractor = extractor

    @property
    def assigns(self) -> tuple[str, ...]:
        return (self.layer.name,)

    def set_annotations(self, doc: AnnotatedDocument, found: Any) -> None:
        doc.assign(self.layer, found, by=self.name)


class PublicationComponent(_Adapter):
    """The publication date: the document's, else one the text gives (a release id, a dateline)."""

    name, version, layer = "publication", dates_module.VERSION, PUBLICATION

    def match(self, doc: AnnotatedDocument) -> Publication:
        document = doc.document
        if document.published:
            return Publication(document.published, 1)
        found = publication_from_text(document.text)
        return Publication(*found) if found else Publication(None, 3)


class SentencesComponent(_Adapter):
    name, version, layer = "sentences", "sentences-v1", SENTENCES

    def match(self, doc: AnnotatedDocument) -> list[Sentence]:
        return split_sentences(doc.document.text)


class PlacesComponent(_Adapter):
    """Gazetteer places, without metonyms and origins ("Kabul said", "a man from Khost")."""

    name, version, layer = "places", places_module.VERSION, PLACES

    def match(self, doc: AnnotatedDocument) -> list[PlaceMention]:
        text = doc.document.text
        return without_origins(text, without_metonyms(text, self.extractor.places.find(text)))


class DatesComponent(_Adapter):
    """Dates anchored on the publication day, without those of "Published: ..." header lines."""

    name, version, layer = "dates", dates_module.VERSION, DATES
    requires = (PUBLICATION.name, SENTENCES.name)

    def match(self, doc: AnnotatedDocument) -> list[DateMention]:
        found = find_dates(doc.document.text, doc.get(PUBLICATION).anchor)
        return _outside_header_fields(found, doc.get(SENTENCES))


class ActorsComponent(_Adapter):
    name, version, layer = "actors", actors_module.VERSION, ACTORS
    requires = (PUBLICATION.name,)

    def match(self, doc: AnnotatedDocument) -> list[ActorMention]:
        return self.extractor.actors.find(doc.document.text, doc.get(PUBLICATION).date)


class AnnotationsComponent(_Adapter):
    """The mention builder's working object over the layers found so far."""

    name, version, layer = "annotations", "annotations-v1", ANNOTATIONS
    requires = (PUBLICATION.name, SENTENCES.name, PLACES.name, DATES.name, ACTORS.name)

    def match(self, doc: AnnotatedDocument) -> DocumentAnnotations:
        publication = doc.get(PUBLICATION)
        return DocumentAnnotations(
            document=doc.document, published=publication.anchor, publication_month=publication.month,
            sentences=doc.get(SENTENCES), places=doc.get(PLACES), dates=doc.get(DATES),
            casualties=[],  # read by the casualties component, in the event sentences and the title only
            actors=doc.get(ACTORS),
        )


class EventGroupsComponent(_Adapter):
    """Typed event sentences after the title, consecutive ones about one incident grouped."""

    name, version, layer = "event_groups", "event-groups-v1", EVENT_GROUPS
    requires = (ANNOTATIONS.name,)

    def match(self, doc: AnnotatedDocument) -> EventGroups:
        annotations = doc.get(ANNOTATIONS)
        title_end = headline_end(doc.document.text, annotations.sentences)
        return EventGroups(title_end, self.extractor.event_groups(annotations, title_end))

    def set_annotations(self, doc: AnnotatedDocument, found: EventGroups) -> None:
        super().set_annotations(doc, found)
        doc.get(ANNOTATIONS).event_spans = [
            (g.sentences[0].start, g.sentences[-1].end, g.typing.is_aggregate) for g in found.groups
        ]


class ClaimsComponent(_Adapter):
    """Each event group's claim signal: who claims or denies it, and how."""

    name, version, layer = "claims", "claims-v1", CLAIMS
    requires = (EVENT_GROUPS.name, ACTORS.name)

    def match(self, doc: AnnotatedDocument) -> list[ClaimSignal]:
        document, actors = doc.document, doc.get(ACTORS)
        claims = []
        for group in doc.get(EVENT_GROUPS).groups:
            start, end = group.sentences[0].start, group.sentences[-1].end
            claims.append(detect_claim(
                document.text[start:end], start, document.publisher, document.source_kind.value,
                self.extractor.actors, actors=[a for a in actors if start <= a.start and a.end <= end],
            ))
        return claims


class CasualtiesComponent(_Adapter):
    """Casualty figures of the event sentences and the title, each person counted once per account."""

    name, version, layer = "casualties", CASUALTIES_VERSION, CASUALTIES
    requires = (ANNOTATIONS.name, EVENT_GROUPS.name, CLAIMS.name)

    def match(self, doc: AnnotatedDocument) -> list[CasualtyMention]:
        groups = doc.get(EVENT_GROUPS)
        return self.extractor.figures(doc.get(ANNOTATIONS), groups.groups, doc.get(CLAIMS), groups.title_end)

    def set_annotations(self, doc: AnnotatedDocument, found: list[CasualtyMention]) -> None:
        super().set_annotations(doc, found)
        doc.get(ANNOTATIONS).casualties = found


class MentionsComponent(_Adapter):
    """One mention per event group (history dropped, listed provinces split, repeats joined)."""

    name, version, layer = "mentions", "mentions-v1", MENTIONS
    requires = (ANNOTATIONS.name, EVENT_GROUPS.name, CLAIMS.name, CASUALTIES.name)

    def match(self, doc: AnnotatedDocument) -> list[EventMention]:
        annotations, builder, text = doc.get(ANNOTATIONS), self.extractor.builder, doc.document.text
        mentions, separate, listed = [], [], []
        for group, claim in zip(doc.get(EVENT_GROUPS).groups, doc.get(CLAIMS)):
            previous = mentions[-1] if mentions and not group.separate_incident(text) else None
            answers = group.denial or claim.stance is Stance.DENIED  # a denial answers the event before it
            mention = builder.build(annotations, group.sentences, group.typing, previous, answers=answers)
            builder.set_claim(mention, claim, annotations)
            if mention.is_aggregate or not dated_by_period_only(mention, annotations.dates):  # "In 2011, ...": history
                mentions.append(mention)
                separate.append(group.separate_incident(text))
                listed.append(_listed_provinces(annotations, group))
        places_version = builder.component_versions.get("places", EXTRACTOR_VERSION)
        mentions, separate = split_listed_provinces(mentions, separate, listed, f"{STAGE}.places", places_version)
        mentions = join_repeats(mentions, separate)
        for index, mention in enumerate(mentions):
            mention.mention_id = f"{doc.document.doc_id}#m{index}"
            complete_list_evidence(mention, text, annotations.actors, builder._evidence)
        return mentions


def register_extraction_components() -> ComponentRegistry[ExtractionResources]:
    """The one place the extraction components are registered, by the names pipeline.toml uses."""
    registry: ComponentRegistry[ExtractionResources] = ComponentRegistry()
    for component in (PublicationComponent, SentencesComponent, PlacesComponent, DatesComponent, ActorsComponent,
                      AnnotationsComponent, EventGroupsComponent, ClaimsComponent, CasualtiesComponent,
                      MentionsComponent):
        registry.register(component.name, component)
    return registry


def evidence_versions(pipeline: ComponentPipeline) -> dict[str, str]:
    """Evidence component name -> the version of the pipeline component whose layer the evidence
    comes from (event-type evidence from the event groups' typing), for the mention builder."""
    versions = {layer: component.version for component in pipeline.components for layer in component.assigns}
    return {evidence: versions[layer] for evidence, layer in EVIDENCE_LAYERS.items() if layer in versions}


def _listed_provinces(annotations: DocumentAnnotations, group: SentenceGroup) -> list:
    """The provinces the group's sentences list ("in the provinces of Khost and Kunar"), read over
    all their places (a list is read whole, background or not); [] when they list none."""
    foreground, background = annotations.event_places_in(group.sentences)
    return provinces_named(annotations.document.text, sorted(foreground + background, key=lambda p: p.start))


def _outside_header_fields(dates: list, sentences: list[Sentence]) -> list:
    """Drop dates in "Published: 2023-06-20" header lines: they date the report, not an event."""
    header_spans = [(s.start, s.end) for s in sentences[:20] if is_header_field(s.text)]
    if not header_spans:
        return dates
    return [d for d in dates if not any(start <= d.start < end for start, end in header_spans)]
