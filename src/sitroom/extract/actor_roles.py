"""Give an event sentence's actors their roles: actor1 (who acted) and actor2 (the target).

Pure functions over the actor mentions of one mention's sentences, with the
rules in ``data/actors/roles.json``:
- media, monitors and the UN are sources, never actors (``source_only_categories``);
- "by X" makes X the agent; otherwise an actor before the event trigger is the
  agent unless it is the passive victim ("12 Taliban killed when ...", "two
  soldiers were wounded", "the death of one Taliban member"), and one after it
  is the target;
- "clashes between X and Y": X the agent, Y the target;
- the group that claimed responsibility in the report is the agent of its
  bombings and attacks; with no agent named, those types get the unidentified
  armed group; a count before a victim noun ("12 people were killed") names
  civilians as the target where no target is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.actors import ActorMention

_SOURCE = "actors/roles.json"


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class RoleRules:
    """The role rules of data/actors/roles.json, compiled."""

    source_only: frozenset[str]
    passive_after: re.Pattern[str]  # after a victim: (aux) participle
    participle_after: re.Pattern[str]  # after a counted victim: a participle a few words on
    counted_before: re.Pattern[str]  # before a victim: a count ("12", "two of the")
    victim_cue_before: re.Pattern[str]  # before a victim: "the death of (one)"
    affiliation_before: re.Pattern[str]  # before an agent: "a suicide bomber related to"
    verb_final_passive: re.Pattern[str]  # after a Dari/Pashto victim, in its clause: "کشته شدند"
    genitive_nouns: frozenset[str]  # Dari attack nouns whose ezafe names the attacker: "حمله طالبان"
    responsibility_after: re.Pattern[str]
    responsibility_paragraphs: int  # how many paragraphs from its attack a responsibility claim may stand
    unattributed_agent: str
    unattributed_sub_types: frozenset[str]
    counted_victims: re.Pattern[str]  # "12 people"
    civilian_victim: str
    context_target_types: frozenset[str]  # event types whose unnamed target is the report's main armed group


@lru_cache(maxsize=1)
def load_role_rules() -> RoleRules:
    """Load and compile data/actors/roles.json; DataPackError when malformed."""
    raw = read_data_json("actors", "roles.json")
    try:
        aux, participles = _alternation(raw["passive_auxiliaries"]), _alternation(raw["casualty_participles"])
        counts, connectors = _alternation(raw["count_words"]), _alternation(raw["count_connectors"])
        window = int(raw["responsibility_window"])
        rules = RoleRules(
            source_only=frozenset(raw["source_only_categories"]),
            passive_after=re.compile(rf"[\s,]*(?:(?:{aux})\s+){{1,3}}(?:{participles})(?!\w)", re.IGNORECASE),
            participle_after=re.compile(rf"[\s,]*(?:[\w'-]+\s+){{0,2}}(?:{participles})(?!\w)", re.IGNORECASE),
            counted_before=re.compile(rf"(?:\d+|(?<!\w)(?:{counts}))(?:\s+(?:{counts}|{connectors}))*\s*$",
                                      re.IGNORECASE),
            victim_cue_before=re.compile(rf"(?<!\w)(?:{_alternation(raw['victim_cues'])})(?:\s+(?:{counts}|{connectors}))*\s*$",
                                         re.IGNORECASE),
            affiliation_before=re.compile(rf"\b(?:{_alternation(raw['affiliation_cues'])})(?:\s+the)?\s*$", re.IGNORECASE),
            verb_final_passive=re.compile(
                rf"[^.،؛:!?؟«»\n]{{0,{int(raw['verb_final_window'])}}}?(?:{_alternation(raw['verb_final_passives'])})"),
            genitive_nouns=frozenset(str(w).replace("\u200c", "") for w in raw["genitive_trigger_nouns"]),
            responsibility_after=re.compile(rf".{{0,{window}}}?(?:{_alternation(raw['responsibility_cues'])})",
                                            re.IGNORECASE | re.DOTALL),
            responsibility_paragraphs=int(raw["responsibility_paragraphs"]),
            unattributed_agent=str(raw["unattributed_agent"]),
            unattributed_sub_types=frozenset(raw["unattributed_sub_event_types"]),
            counted_victims=re.compile(rf"(?:\d+|(?<!\w)(?:{counts}))\s+(?:{_alternation(raw['victim_nouns'])})(?!\w)",
                                       re.IGNORECASE),
            civilian_victim=str(raw["civilian_victim"]),
            context_target_types=frozenset(raw["context_target_event_types"]),
        )
    except (KeyError, TypeError, ValueError, re.error) as error:
        raise DataPackError(f"{_SOURCE}: missing or malformed entry ({error})") from None
    return rules


def is_passive_victim(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Is the actor the one something happened to ("12 Taliban killed", "soldiers were wounded")?"""
    before = text[max(0, actor.start - 40):actor.start]
    if rules.victim_cue_before.search(before):
        return True
    if rules.passive_after.match(text, actor.end, min(len(text), actor.end + 60)):
        return True
    if not actor.text.isascii() and _verb_final_victim(text, actor, rules):
        return True
    return bool(rules.counted_before.search(before)
                and rules.participle_after.match(text, actor.end, min(len(text), actor.end + 80)))


def _verb_final_victim(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """A Dari/Pashto actor whose clause ends in a passive casualty verb ("... طالبان ... کشته شدند"),
    no conjunction ("که", "و", "چې", "او") before it."""
    found = rules.verb_final_passive.match(text, actor.end, min(len(text), actor.end + 120))
    if not found:
        return False
    between = f" {text[actor.end:found.end()]} "
    return not any(f" {word} " in between for word in ("که", "و", "چې", "او", "اما", "ولی"))


def claims_responsibility(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Does a responsibility cue follow the actor closely ("ISKP claimed responsibility")?"""
    return bool(rules.responsibility_after.match(text, actor.end, min(len(text), actor.end + 200)))


def responsible_actors(text: str, actors: list[ActorMention], rules: RoleRules) -> list[ActorMention]:
    """The report's actors that claim responsibility for an attack, in text order."""
    return [a for a in actors if a.category not in rules.source_only and claims_responsibility(text, a, rules)]


def split_roles(text: str, actors: list[ActorMention], trigger_start: int, trigger_end: int,
                rules: RoleRules) -> tuple[list[ActorMention], list[ActorMention]]:
    """(agents, targets) among one mention's actors, each in text order; sources take no role."""
    agents, targets = [], []
    for actor in actors:
        if actor.category in rules.source_only:
            continue
        if _preceded_by_by(text, actor.start) or rules.affiliation_before.search(text, max(0, actor.start - 30), actor.start):
            agents.append(actor)  # "killed by X", "a suicide bomber related to X"
        elif actor.start < trigger_start and not is_passive_victim(text, actor, rules):
            agents.append(actor)
        elif _genitive_agent(text, actor, rules):
            agents.append(actor)  # "حمله طالبان": the Taliban's attack
        else:
            targets.append(actor)
    if not agents and _between_pair(text, targets, trigger_end):
        agents.append(targets.pop(0))  # "clashes between the Taliban and the NRF"
    # "X از حمله طالبان خبر داد": the attack's own attacker comes before the speaker X
    agents.sort(key=lambda actor: not _genitive_agent(text, actor, rules))
    return agents, targets


def _genitive_agent(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Is the actor the ezafe complement of a Dari attack noun just before it ("حمله طالبان")?"""
    words = text[max(0, actor.start - 16):actor.start].split()
    return bool(words) and words[-1].replace("\u200c", "") in rules.genitive_nouns


def _between_pair(text: str, targets: list[ActorMention], trigger_end: int) -> bool:
    """Does the first target open "between X and Y" (Y named or not: "between the Taliban and
    local militias")? X is then the first side, coded as actor1."""
    if not targets:
        return False
    lead = text[max(trigger_end, targets[0].start - 20):targets[0].start].lower()
    return "between" in lead


def counted_civilians(text: str, start: int, end: int, rules: RoleRules) -> tuple[int, int] | None:
    """The span of "12 people" in the mention's text, naming civilians as victims; None without one."""
    found = rules.counted_victims.search(text, start, end)
    return (found.start(), found.end()) if found else None


def _preceded_by_by(text: str, start: int) -> bool:
    return text[max(0, start - 8):start].rstrip().lower().endswith(" by")
