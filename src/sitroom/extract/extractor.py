"""Document -> EventMention: the extraction stage, run as a pipeline of components.

The components (sitroom/extract/stages.py) run in the order data/extract/pipeline.toml
gives, each assigning its layers once: places, dates and actors over the whole text;
sentences that report an event (event typing) become sentence groups, then mentions, and
each mention takes the annotations inside its sentences, or the nearest ones before it in
the document, keeping evidence for every value. Consecutive sentences about the same
incident are one mention. The ``Extractor`` holds the components' shared resources and
the grouping of event sentences and the casualty accounts they call.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from sitroom.config import Settings
from sitroom.extract.actors import ActorFinder
from sitroom.extract.casualties import Account, Passage, casualty_accounts, counted_casualties, find_casualties
from sitroom.extract.components import AnnotatedDocument, build_pipeline, read_pipeline_spec
from sitroom.extract.claims import ClaimSignal, denial_needles, is_denial
from sitroom.extract.denials import denied_event_typing, speaks_of_reports
from sitroom.extract.event_types import EventTyping, classify_sentence, load_taxonomy
from sitroom.extract.mention_builder import DocumentAnnotations, MentionBuilder
from sitroom.extract.numbers import load_conventions
from sitroom.extract.places import PlaceResolver
from sitroom.extract.regex_needles import NeedleScanner
from sitroom.extract.report_summaries import as_summary
from sitroom.extract.stages import EXTRACTOR_VERSION, MENTIONS, evidence_versions, register_extraction_components
from sitroom.extract.sentence_groups import SentenceGroup
from sitroom.extract.sentences import Sentence, is_header_field, is_heading
from sitroom.gazetteer import load_gazetteer
from sitroom.gazetteer.actors import load_actor_dictionary
from sitroom.models import Document, EventMention


@dataclass(slots=True)
class _EventSentence:
    sentence: Sentence
    typing: EventTyping


class Extractor:
    """Turns documents into coded, geocoded event mentions with evidence."""

    def __init__(self, places: PlaceResolver, actors: ActorFinder, conventions, country_code: str) -> None:
        self.places = places
        self.actors = actors
        self.conventions = conventions
        home = places.gazetteer.place(places.gazetteer.country_code.upper())
        regions = {e.place.place_id: frozenset(e.members) for e in places.gazetteer.entries if e.kind == "region"}
        self.pipeline = build_pipeline(read_pipeline_spec(), register_extraction_components(), self)
        self.builder = MentionBuilder(actors=actors, version=EXTRACTOR_VERSION,
                                      country_names={home.country_code: home.name}, region_provinces=regions,
                                      component_versions=evidence_versions(self.pipeline))
        self.country_code = country_code
        # One needle scan of a sentence serves both event typing and the denial test.
        self._scanner = NeedleScanner(load_taxonomy().scanner.needles | denial_needles())

    @classmethod
    def from_config(cls, settings: Settings) -> "Extractor":
        """Load the country pack named in settings and build the extractor."""
        gazetteer = load_gazetteer(settings.country_pack)
        dictionary = load_actor_dictionary(settings.country_pack)
        return cls(
            places=PlaceResolver(gazetteer),
            actors=ActorFinder(dictionary),
            conventions=load_conventions(settings.conventions),
            country_code=settings.country_pack,
        )

    def group_key(self, name: str) -> str | None:
        """Return a stable key for an actor name: its dictionary id, else the folded name."""
        found = self.actors.dictionary.lookup(name)
        return found[0].actor_id if found else " ".join(name.casefold().split()) or None

    def extract(self, document: Document) -> list[EventMention]:
        """Return the event mentions of ``document`` in text order."""
        return self.pipeline(document).get(MENTIONS)

    def annotate(self, document: Document) -> AnnotatedDocument:
        """Run the pipeline's components over ``document``; every layer they assigned."""
        return self.pipeline(document)

    def figures(self, annotations: DocumentAnnotations, groups: list[SentenceGroup], claims: list[ClaimSignal],
                 title_end: int) -> list:
        """The casualty figures of the event sentences and the title line (ending at ``title_end``,
        where they can be used), each person counted once per account (an incident as one source tells it)."""
        text = annotations.document.text
        within = ([(0, title_end)] if title_end > 0 else []) + [(s, e) for s, e, _ in annotations.event_spans]
        found = find_casualties(text, self.conventions, sentences=annotations.sentences, within=within)
        return counted_casualties(found, self._casualty_accounts(annotations, groups, claims))

    def _casualty_accounts(self, annotations: DocumentAnnotations, groups: list[SentenceGroup],
                           claims: list[ClaimSignal]) -> list[Account] | None:
        """Where each account (an incident as one source tells it) starts; None: one account."""
        if len(groups) < 2:
            return None
        document = annotations.document
        own_release = document.source_kind.value == "claim"
        passages = [self._passage(annotations, group, claim, own_release) for group, claim in zip(groups, claims)]
        # the publisher's key only when a passage names a source (a dictionary look-up costs)
        publisher = self.group_key(document.publisher or "") if any(p.source for p in passages) else None
        return casualty_accounts(passages, publisher, own_release=own_release)

    def _passage(self, annotations: DocumentAnnotations, group: SentenceGroup, claim: ClaimSignal,
                 own_release: bool) -> Passage:
        """A group's provinces, days, separate-incident cue, and the source its claim cue names."""
        sentences = group.sentences
        foreground, _ = annotations.event_places_in(sentences)
        cued = not own_release and claim.cued and claim.by
        return Passage(
            start=sentences[0].start,
            provinces=frozenset(p.place.admin1_code for p in foreground if p.place.admin1_code),
            dates=frozenset(d.date for s in sentences for d in annotations.dates_in(s.start, s.end)),
            separate=group.separate_incident(annotations.document.text),
            source=self.group_key(claim.by.rstrip(" .,;:")) if cued else None,
            districts=frozenset(p.place.admin2 for p in foreground if p.place.admin2),
        )

    def event_groups(self, annotations: DocumentAnnotations, title_end: int) -> list[SentenceGroup]:
        """Type every body sentence after the title (ending at ``title_end``); consecutive
        sentences about the same incident form one group."""
        groups: list[SentenceGroup] = []
        text = annotations.document.text
        lowered = self._scanner.lowered(text)  # lower-cased once for every sentence's needle scan
        for index, sentence in enumerate(annotations.sentences):
            if sentence.end <= title_end or is_header_field(sentence.text) or is_heading(text, sentence):
                continue  # the title, headings and header fields repeat or describe the body's report
            present = self._scanner.scan_slice(lowered, text, sentence.start, sentence.end)
            annotations.needles[index] = present  # background masks of the builder read them too
            typing = classify_sentence(sentence.text, sentence.start, masker=partial(annotations.masked, index),
                                       present=present)
            typing = as_summary(typing, sentence.text)  # "the report documented at least 50 killings"
            # Does a sentence without an event verb deny an event ("the reports ... were baseless")?
            denial = typing is None and is_denial(sentence.text, present)
            if denial:
                typing = denied_event_typing(sentence.text, sentence.start)
            previous = groups[-1] if groups else None
            if denial and previous is not None and previous.denial and previous.continues_denial(sentence, annotations):
                previous.sentences.append(sentence)  # "The claim is a lie. There was no attack. ..."
                continue
            if denial and typing is None and previous is not None:
                self._deny_previous(groups, sentence, annotations.document)  # "these reports are baseless"
                continue
            if typing is None:
                continue
            if previous and not denial and previous.continues_with(sentence, typing, annotations):
                previous.sentences.append(sentence)
            else:
                groups.append(SentenceGroup([sentence], typing, denial))
        return groups

    def _deny_previous(self, groups: list[SentenceGroup], sentence: Sentence, document: Document) -> None:
        """A denial that names no event ("these reports are baseless") denies the event just reported.

        A sentence about reports of it ("media spread reports of an attack") joins the denial, which
        is the document's own stance on that event; an account of the event itself (a party's claim,
        a family's report) keeps its own mention, and the denial gets one typed like it, so the
        ledger holds both.
        """
        previous = groups[-1]
        if previous.denial or sentence.paragraph - previous.sentences[-1].paragraph > 1:
            return
        start, end = previous.sentences[0].start, previous.sentences[-1].end
        if speaks_of_reports(document.text[start:end]):
            previous.sentences.append(sentence)
            previous.denial = True
            return
        typing = EventTyping(previous.typing.event_type, previous.typing.sub_event_type, previous.typing.tags,
                             sentence.start, sentence.end, previous.typing.is_aggregate)
        groups.append(SentenceGroup([sentence], typing, True))
