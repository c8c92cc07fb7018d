"""The actor part of building a mention: actor1, actor2 and the associated actors, with evidence.

A mixin of ``MentionBuilder`` (which provides ``actor_finder``, ``_publisher_actors`` and
``_evidence``); the role rules themselves are the pure functions of ``actor_roles``.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from sitroom.extract.actor_roles import (
    RoleRules, civilian_place, counted_civilians, is_no_actor, load_role_rules, responsible_actors, split_roles, state_agent_on,
    victims_to_targets,
)
from sitroom.extract.actors import ActorMention
from sitroom.extract.document_annotations import DocumentAnnotations
from sitroom.extract.event_types import EventTyping
from sitroom.models import EventMention, Stance

# Publisher lookups kept per (publisher, date): a batch holds few publishers, a long one many dates.
_PUBLISHER_CACHE = 4096
@lru_cache(maxsize=4096)
def _affiliation(dictionary, actor_id: str, day) -> str | None:
    """The affiliation of a dictionary actor's role on ``day`` (the side it fights on)."""
    return dictionary.role_on(actor_id, day, nearest=True).affiliation


@lru_cache(maxsize=4096)
def _names_a_source(finder, name: str, day, source_only: frozenset[str]) -> bool:
    """Does ``name`` name only sources (media, NGOs, the UN)? A batch repeats few claimants."""
    found = finder.find(name, day)
    return bool(found) and all(a.category in source_only for a in found)


ARMED_GROUP_CATEGORIES = frozenset({"rebel group", "militia", "unknown armed group", "political militia"})


class ActorRoles:
    """Sets a mention's actors (mixed into MentionBuilder)."""

    def _set_actors(self, mention: EventMention, annotations: DocumentAnnotations, start: int, end: int,
                    typing: EventTyping) -> ActorMention | None:
        """Set actor1 (the agent), actor2 (the target) and the associated actors; return the agent
        (the role rules are ``actor_roles``)."""
        rules = load_role_rules()
        text = annotations.document.text
        inside = self._actors_in(annotations, start, end, rules)
        agents, targets = split_roles(text, inside, typing.trigger_start, typing.trigger_end, rules)
        agents, targets = victims_to_targets(agents, targets, mention.event_type, rules)
        agent = self._agent(annotations, agents[0] if agents else self._publisher_actor(annotations), mention,
                            typing, rules)
        targets = [a for a in targets if not self._same_side(annotations, a, agent)]
        if mention.sub_event_type in rules.no_target_sub_types:
            targets = []  # what a peaceful protest is against is associated, not its target
        target = targets[0] if targets else self._implied_target(annotations, mention, agent, start, end, rules)
        # a target from outside the mention's sentences came from the report's context, not its telling
        target_told = target if target is not None and start <= target.start < end else None
        agent_told = agent
        if agent is None:
            agent = agent_told = self._told_agent(annotations, mention, target)
        if agent is None:
            agent = self._unnamed_agent(annotations, mention, typing, target, rules)
            agent_told = agent if mention.event_type not in rules.context_agent_types else None
        if not mention.is_aggregate:
            annotations.told_roles.append((mention.sub_event_type, agent_told, target_told))
        agent, target = self._named_front(annotations, agent, rules), self._named_front(annotations, target, rules)
        if agent is not None:
            mention.actor1 = agent.name
            mention.evidence["actor1"] = self._evidence(mention.doc_id, agent.start, agent.end, "actors")
        if target is not None and not self._same_side(annotations, target, agent):
            mention.actor2 = target.name
            mention.evidence["actor2"] = self._evidence(mention.doc_id, target.start, target.end, "actors")
        named = {mention.actor1, mention.actor2}
        mention.assoc_actors = sorted({*mention.assoc_actors, *(a.name for a in inside if a.category not in rules.source_only)}
                                      - named)
        return agent

    def party_claim(self, annotations: DocumentAnnotations, by: str | None, stance: Stance) -> tuple[str | None, Stance]:
        """The claimant and stance once parties and sources are told apart: media, NGOs and the UN
        report what they relay, they never claim it ("claimed" by a news site is a report)."""
        if stance is Stance.CLAIMED and by and self._is_source(by, annotations, load_role_rules()):
            return by, Stance.REPORTED
        return by, stance

    def _is_source(self, name: str, annotations: DocumentAnnotations, rules: RoleRules) -> bool:
        """Does a claimant's name name a source (media, NGO, UN), not a party?"""
        return _names_a_source(self.actor_finder, name, annotations.published, rules.source_only)

    def _named_front(self, annotations: DocumentAnnotations, actor: ActorMention | None,
                     rules: RoleRules) -> ActorMention | None:
        """Unnamed fighters ("resistance fighters") in a report that names exactly one front they
        may belong to (the NRF) are that front, with the evidence of the words that named them."""
        fronts = rules.generic_fronts.get(actor.actor_id or "") if actor is not None else None
        if not fronts:
            return actor
        named = {a.actor_id: a for a in annotations.actors if a.actor_id in fronts}
        if len(named) != 1:
            return actor
        front = next(iter(named.values()))
        return ActorMention(actor.start, actor.end, actor.text, front.actor_id, front.name, front.category)

    def _actors_in(self, annotations: DocumentAnnotations, start: int, end: int, rules: RoleRules) -> list[ActorMention]:
        """The parties named in [start, end): no adjective ("anti-Taliban") or person's family name;
        "the group" as the armed actor named last before it."""
        text = annotations.document.text
        actors = annotations.actors  # in text order
        first = bisect.bisect_left(actors, start, key=lambda a: a.start)
        last = bisect.bisect_left(actors, end, key=lambda a: a.start)
        named = [a for a in actors[first:last] if not is_no_actor(text, a, rules)]
        taken = [(a.start, a.end) for a in named]
        lower = text[start:end].lower()
        anaphors = rules.anaphor.finditer(text, start, end) if any(w in lower for w in rules.anaphor_words) else ()
        countries = rules.country_agent.finditer(text, start, end) if any(w in lower for w in rules.country_words) else ()
        for found in anaphors:
            if any(s < found.end() and found.start() < e for s, e in taken):
                continue
            referent = self._referent(annotations, found.start(), rules)
            if referent is not None:
                named.append(ActorMention(found.start(), found.end(), found.group(), referent.actor_id, referent.name,
                                          referent.category))
        for found in countries:  # "air strikes conducted by Pakistan"
            span = found.span("country")
            if not any(s < span[1] and span[0] < e for s, e in taken):
                forces = rules.country_agents[found.group("country").casefold()]
                named.append(self._dictionary_actor(annotations, forces, *span))
        return sorted(named, key=lambda a: a.start)

    @staticmethod
    def _referent(annotations: DocumentAnnotations, before: int, rules: RoleRules) -> ActorMention | None:
        """The armed actor named last before ``before`` (what "the group" refers to)."""
        text = annotations.document.text
        for actor in reversed(annotations.actors):
            if (actor.end <= before and (actor.category in rules.anaphor_categories or actor.actor_id in rules.anaphor_actor_ids)
                    and not is_no_actor(text, actor, rules)):
                return actor
        return None

    def _side(self, annotations: DocumentAnnotations, actor: ActorMention) -> str:
        """The side an actor fights on, on the report's date: its affiliation ("Taliban" and "Taliban
        forces" are one side after August 2021), civilians one side, else its own name."""
        if actor.actor_id is not None:
            affiliation = _affiliation(self.actor_finder.dictionary, actor.actor_id, annotations.published)
            if affiliation:
                return affiliation
        return actor.category if actor.category == "civilians" else actor.name

    def _same_side(self, annotations: DocumentAnnotations, actor: ActorMention, other: ActorMention | None) -> bool:
        return other is not None and (actor.name == other.name or self._side(annotations, actor) == self._side(annotations, other))

    def _unnamed_agent(self, annotations: DocumentAnnotations, mention: EventMention, typing: EventTyping,
                       target: ActorMention | None, rules: RoleRules) -> ActorMention | None:
        """An agent the sentences do not name: in a battle or an explosion, the armed actor the report
        names most on another side than the target ("five Taliban members were killed in the attack"
        in a report on the NRF); in an arrest, the state forces of its date."""
        if mention.event_type in rules.context_agent_types:
            return self._context_actor(annotations, target, rules.context_categories)
        state = state_agent_on(rules, mention.event_date or annotations.published)
        if mention.sub_event_type in rules.state_agent_sub_types and state is not None:
            return self._dictionary_actor(annotations, state, typing.trigger_start, typing.trigger_end)
        return None

    def _agent(self, annotations: DocumentAnnotations, agent: ActorMention | None, mention: EventMention,
               typing: EventTyping, rules: RoleRules) -> ActorMention | None:
        """The agent, or where none is named (or an unidentified one) the group that claimed
        responsibility in the report; else, for bombings and attacks, the unidentified armed group."""
        if agent is not None and agent.actor_id != rules.unattributed_agent:
            return agent
        if annotations.responsible is None:
            annotations.responsible = responsible_actors(annotations.document.text, annotations.actors, rules)
        here = annotations.paragraph_at(typing.trigger_start)
        near = [a for a in annotations.responsible
                if abs(annotations.paragraph_at(a.start) - here) <= rules.responsibility_paragraphs
                and not self._claim_names_another_province(annotations, a, mention)]
        if near:  # a claim of responsibility speaks of the attack told next to it, not of every attack
            return min(near, key=lambda a: abs(a.start - typing.trigger_start))
        if agent is None and mention.sub_event_type in rules.unattributed_sub_types:
            return self._dictionary_actor(annotations, rules.unattributed_agent, typing.trigger_start, typing.trigger_end)
        return agent

    @staticmethod
    def _claim_names_another_province(annotations: DocumentAnnotations, claimant: ActorMention,
                                      mention: EventMention) -> bool:
        """Does the sentence of a responsibility claim place the claimed attack in a province other
        than the mention's ("IS claimed the attack on a mosque in Mazar-i-Sharif", told beside a
        bombing in Kunduz)?"""
        sentence = next((s for s in annotations.sentences if s.start <= claimant.start < s.end), None)
        if sentence is None or mention.admin1_code is None:
            return False
        provinces = {p.place.admin1_code for p in annotations.places_in(sentence.start, sentence.end)
                     if p.place.admin1_code is not None}
        return bool(provinces) and mention.admin1_code not in provinces

    def _implied_target(self, annotations: DocumentAnnotations, mention: EventMention, agent: ActorMention | None,
                        start: int, end: int, rules: RoleRules) -> ActorMention | None:
        """A target the sentences do not name: none for peaceful protests; civilians when the
        sentences count victims ("12 people were killed") in bombings, attacks, strikes and shelling,
        and for violence against civilians anyway; in a battle or a strike, or a bombing by a named
        group (a front's claimed blast), else the armed group the report names most (context). For the other unattributed types nothing more, and for
        the rest (arrests) that group is only associated: the group a detainee is said to support
        is not the target."""
        if mention.sub_event_type in rules.no_target_sub_types:
            return None
        unattributed = mention.sub_event_type in rules.unattributed_sub_types
        counts_civilians = unattributed or mention.event_type in rules.counted_civilian_types
        span = counted_civilians(annotations.document.text, start, end, rules) if counts_civilians else None
        if span is None and mention.event_type in rules.civilian_place_types:  # "hit a mosque", "burnt houses"
            span = civilian_place(annotations.document.text, start, end, rules)
            if span is not None and not counts_civilians:
                return self._dictionary_actor(annotations, rules.civilian_victim, *span)
        if counts_civilians:
            if span is None and mention.event_type in rules.civilian_target_types:
                span = self._trigger_span(mention)  # violence against civilians: its target is civilians
            named_agent = agent is not None and agent.actor_id != rules.unattributed_agent
            if span is not None or unattributed and not named_agent:
                return self._dictionary_actor(annotations, rules.civilian_victim, *span) if span else None
        context = self._context_actor(annotations, agent, ARMED_GROUP_CATEGORIES)
        if mention.event_type in rules.context_target_types:  # armed groups first, then forces
            earlier = self._told_target(annotations, mention, agent)
            if earlier is not None:  # the report's earlier telling of such an event named its target
                return earlier
            return context or self._context_actor(annotations, agent, rules.context_categories)
        if context is None:
            return None
        mention.assoc_actors = sorted({*mention.assoc_actors, context.name})
        return None

    def _told_target(self, annotations: DocumentAnnotations, mention: EventMention,
                     agent: ActorMention | None) -> ActorMention | None:
        """The target the report's latest earlier telling of an event of the same sub-event type
        named in its own sentences, when that telling had the same agent (or this one names none)
        and the target is of another side than the agent ("Pakistani aircraft killed 30 people in
        Khost", then "Pakistani forces carried out airstrikes in Kunar": civilians again)."""
        for sub_type, told_agent, told_target in reversed(annotations.told_roles):
            if sub_type != mention.sub_event_type:
                continue
            if told_target is None or agent is not None and (told_agent is None or told_agent.name != agent.name):
                return None
            return None if self._same_side(annotations, told_target, agent) else told_target
        return None

    def _told_agent(self, annotations: DocumentAnnotations, mention: EventMention,
                    target: ActorMention | None) -> ActorMention | None:
        """The agent the report's latest earlier telling of an event of the same sub-event type
        named, when it is of another side than this telling's target ("Pakistani jets struck
        Barmal", then "the air strikes targeted TTP hideouts": Pakistani forces again)."""
        for sub_type, told_agent, _ in reversed(annotations.told_roles):
            if sub_type != mention.sub_event_type:
                continue
            if told_agent is None or self._same_side(annotations, told_agent, target):
                return None
            return told_agent
        return None

    def _dictionary_actor(self, annotations: DocumentAnnotations, actor_id: str, start: int, end: int) -> ActorMention:
        """A dictionary actor the rules imply, with its evidence at [start, end)."""
        role = self.actor_finder.dictionary.role_on(actor_id, annotations.published, nearest=True)
        return ActorMention(start, end, annotations.document.text[start:end], actor_id, role.name, role.category)

    def _canonical_publisher(self, annotations: DocumentAnnotations) -> str | None:
        """The dictionary name of a publisher that is a party ("Afghanistan Freedom Front (AFF),
        military commission" is the Afghanistan Freedom Front), else None."""
        found = self._publisher_actors_of(annotations)
        return found[0].name if found and found[0].actor_id else None

    def _publisher_actors_of(self, annotations: DocumentAnnotations) -> list[ActorMention]:
        """The actors the publisher's name holds on the report's date (a feed of one party's
        releases names it again and again: looked up once per publisher and date)."""
        publisher = annotations.document.publisher
        if not publisher:
            return []
        key = (publisher, annotations.published)
        if key not in self._publisher_actors:
            if len(self._publisher_actors) >= _PUBLISHER_CACHE:
                self._publisher_actors.clear()
            self._publisher_actors[key] = self.actor_finder.find(publisher, annotations.published)
        return self._publisher_actors[key]

    def _publisher_actor(self, annotations: DocumentAnnotations) -> ActorMention | None:
        """For a party's own statement without a named agent, the party is the agent (looked up once)."""
        if annotations.publisher_actor is None:
            annotations.publisher_actor = (self._find_publisher_actor(annotations),)
        return annotations.publisher_actor[0]

    def _find_publisher_actor(self, annotations: DocumentAnnotations) -> ActorMention | None:
        document = annotations.document
        if document.source_kind.value != "claim" or not document.publisher:
            return None
        found = self._publisher_actors_of(annotations)
        if not found:
            return None
        # Evidence for a publisher-derived actor points at the start of the document.
        return ActorMention(0, 0, document.publisher, found[0].actor_id, found[0].name, found[0].category)

    @staticmethod
    def _trigger_span(mention: EventMention) -> tuple[int, int] | None:
        trigger = mention.evidence.get("event_type")
        return (trigger.start, trigger.end) if trigger is not None else None

    def _context_actor(self, annotations: DocumentAnnotations, other: ActorMention | None,
                       categories: frozenset[str]) -> ActorMention | None:
        """The actor of ``categories`` the report names most, on another side than ``other``."""
        text = annotations.document.text
        rules = load_role_rules()
        # the unidentified armed group is a placeholder for an unnamed attacker, no side a report is about
        groups = [a for a in annotations.actors if a.category in categories and a.actor_id != rules.unattributed_agent
                  and not is_no_actor(text, a, rules)]
        groups = [a for a in groups if not self._same_side(annotations, a, other)]
        if not groups:
            return None
        counts: dict[str, int] = {}  # as Counter.most_common(1): the first name counted wins a tie
        for actor in groups:
            counts[actor.name] = counts.get(actor.name, 0) + 1
        most_named = max(counts, key=counts.__getitem__)
        return next(a for a in groups if a.name == most_named)
