"""The actor part of building a mention: actor1, actor2 and the associated actors, with evidence.

A mixin of ``MentionBuilder`` (which provides ``actor_finder``, ``_publisher_actors`` and
``_evidence``); the role rules themselves are the pure functions of ``actor_roles``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitroom.extract.actor_roles import RoleRules, counted_civilians, load_role_rules, responsible_actors, split_roles
from sitroom.extract.actors import ActorMention
from sitroom.extract.event_types import EventTyping
from sitroom.models import EventMention

if TYPE_CHECKING:
    from sitroom.extract.mention_builder import DocumentAnnotations

# Publisher lookups kept per (publisher, date): a batch holds few publishers, a long one many dates.
_PUBLISHER_CACHE = 4096
ARMED_GROUP_CATEGORIES = frozenset({"rebel group", "militia", "unknown armed group", "political militia"})


class ActorRoles:
    """Sets a mention's actors (mixed into MentionBuilder)."""

    def _set_actors(self, mention: EventMention, annotations: DocumentAnnotations, start: int, end: int,
                    typing: EventTyping) -> ActorMention | None:
        """Set actor1 (the agent), actor2 (the target) and the associated actors; return the agent
        (the role rules are ``actor_roles``)."""
        rules = load_role_rules()
        inside = [a for a in annotations.actors if start <= a.start < end]
        text = annotations.document.text
        agents, targets = split_roles(text, inside, typing.trigger_start, typing.trigger_end, rules)
        agent = self._agent(annotations, agents[0] if agents else self._publisher_actor(annotations), mention,
                            typing, rules)
        targets = [a for a in targets if agent is None or a.name != agent.name]
        target = targets[0] if targets else self._implied_target(annotations, mention, agent, start, end, rules)
        if agent is not None:
            mention.actor1 = agent.name
            mention.evidence["actor1"] = self._evidence(mention.doc_id, agent.start, agent.end, "actors")
        if target is not None and (agent is None or target.name != agent.name):
            mention.actor2 = target.name
            mention.evidence["actor2"] = self._evidence(mention.doc_id, target.start, target.end, "actors")
        named = {mention.actor1, mention.actor2}
        mention.assoc_actors = sorted({*mention.assoc_actors, *(a.name for a in inside if a.category not in rules.source_only)}
                                      - named)
        return agent

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
                if abs(annotations.paragraph_at(a.start) - here) <= rules.responsibility_paragraphs]
        if near:  # a claim of responsibility speaks of the attack told next to it, not of every attack
            return min(near, key=lambda a: abs(a.start - typing.trigger_start))
        if agent is None and mention.sub_event_type in rules.unattributed_sub_types:
            return self._dictionary_actor(annotations, rules.unattributed_agent, typing.trigger_start, typing.trigger_end)
        return agent

    def _implied_target(self, annotations: DocumentAnnotations, mention: EventMention, agent: ActorMention | None,
                        start: int, end: int, rules: RoleRules) -> ActorMention | None:
        """A target the sentences do not name: for bombings and attacks (the unattributed types),
        civilians when the sentences count victims ("12 people were killed"); in a battle or a
        strike, the armed group the report names most (context). For other types (arrests) that
        group is only associated: the group a detainee is said to support is not the target."""
        if mention.sub_event_type in rules.unattributed_sub_types:
            span = counted_civilians(annotations.document.text, start, end, rules)
            return self._dictionary_actor(annotations, rules.civilian_victim, *span) if span else None
        context = self._context_target(annotations, agent)
        if mention.event_type in rules.context_target_types or context is None:
            return context
        mention.assoc_actors = sorted({*mention.assoc_actors, context.name})
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
    def _context_target(annotations: DocumentAnnotations, agent: ActorMention | None) -> ActorMention | None:
        groups = [a for a in annotations.actors if a.category in ARMED_GROUP_CATEGORIES]
        if agent is not None:
            groups = [a for a in groups if a.name != agent.name]
        if not groups:
            return None
        counts: dict[str, int] = {}  # as Counter.most_common(1): the first name counted wins a tie
        for actor in groups:
            counts[actor.name] = counts.get(actor.name, 0) + 1
        most_named = max(counts, key=counts.__getitem__)
        return next(a for a in groups if a.name == most_named)
