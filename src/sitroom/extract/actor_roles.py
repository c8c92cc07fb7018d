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

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.extract.actors import ActorMention

_SOURCE = "actors/roles.json"


_BRACKETED = r"(?:\s*\([^()\n]{1,20}\))?"


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
    agent_before: re.Pattern[str]  # before an agent: "by (the)", "shelling from"
    leader_before: re.Pattern[str]  # "forces led by (X)": a leader's name, no agent cue
    agent_noun_after: re.Pattern[str]  # after an agent: "'s operation", " attacks"
    object_verb: re.Pattern[str]  # between an agent and a later actor, making it the object: "attacked"
    object_marker_after: re.Pattern[str]  # after a Dari object: "را"
    verb_final_counted: re.Pattern[str]  # after a counted Dari victim ("۲ تن از X"): its clause, commas allowed
    context_agent_types: frozenset[str]  # event types whose unnamed agent is the report's main armed actor
    context_categories: frozenset[str]  # categories an agent or target taken from context may have
    civilian_target_types: frozenset[str]  # event types whose unnamed target is civilians
    state_agent_sub_types: frozenset[str]  # sub-event types whose unnamed agent is the state forces of the date
    state_agents: tuple[tuple[str, dt.date | None, dt.date | None], ...]  # (actor id, from, until)
    not_actor_before: re.Pattern[str]  # before a name that is no actor: "anti-"
    family_names: frozenset[str]  # aliases that are also family names ("Khalil Haqqani")
    anaphor: re.Pattern[str]  # "the group", "این گروه": the armed actor named last
    anaphor_categories: frozenset[str]
    anaphor_words: tuple[str, ...]  # lower-case anaphors: a span holding none needs no regex pass
    country_words: tuple[str, ...]  # lower-case country names, likewise
    anaphor_actor_ids: frozenset[str]  # movements "the group" may name whatever their category
    predicate_before: re.Pattern[str]  # before a predicate actor: "were (the)"
    negated_affiliation_before: re.Pattern[str]  # "with no links to", "no (civilians)"
    responsibility_negation: re.Pattern[str]  # before a responsibility cue: "no group has"
    no_target_sub_types: frozenset[str]  # sub-event types with no target: peaceful protests
    counted_civilian_types: frozenset[str]  # event types whose counted people are civilian victims
    civilian_place: re.Pattern[str]  # a civilian place or object hit: "a mosque", "houses", "a wedding"
    civilian_place_types: frozenset[str]  # event types whose unnamed target is civilians where such a place is hit
    place_owner_before: re.Pattern[str]  # before a place: one person's ("his house", "the commander's house")
    speaker_after: re.Pattern[str]  # after an actor: a few words, then a speech verb ("'s spokesman X said")
    speaker_after_arabic: re.Pattern[str]  # after a Dari/Pashto actor, in its clause: "... اعلام کرد"
    generic_fronts: dict[str, frozenset[str]]  # unnamed fighters -> the fronts they may be
    country_agent: re.Pattern[str]  # "conducted by Pakistan": group "country" names the country
    country_agents: dict[str, str]  # country name (folded) -> its forces' dictionary id
    possessive_victim_after: re.Pattern[str]  # "'s acting minister ... was killed": its member was the victim
    casualty_pairs: tuple[str, ...]  # "کشته و زخمی": one clause, not two
    speaker_label_after: re.Pattern[str]  # "NRF: ...": the statement's source
    victim_only_categories: frozenset[str]  # categories that never act in the victim_only_types: civilians
    victim_only_types: frozenset[str]  # event types whose agent is armed: battles, explosions, violence against civilians


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
            # an abbreviation in brackets may follow the name: "members of the Islamic State (IS) were killed"
            passive_after=re.compile(rf"{_BRACKETED}[\s,]*(?:(?:{aux})\s+){{1,3}}(?:{participles})(?!\w)", re.IGNORECASE),
            participle_after=re.compile(rf"{_BRACKETED}[\s,]*(?:[\w'-]+\s+){{0,2}}(?:{participles})(?!\w)", re.IGNORECASE),
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
            **_construction_rules(raw),
        )
    except (KeyError, TypeError, ValueError, re.error) as error:
        raise DataPackError(f"{_SOURCE}: missing or malformed entry ({error})") from None
    return rules


def _construction_rules(raw: dict) -> dict:
    """The rules on constructions, sides, context and anaphora (see the data file's description)."""
    articles = r"(?:\s+(?:the|a|an))?"
    anaphors = raw["anaphors"]
    english = rf"(?<!\w)(?:{_alternation(anaphors['english'])})(?!\w)"
    return {
        "agent_before": re.compile(rf"(?<!\w)(?:{_alternation(raw['agent_cues_before'])}){articles}\s*$", re.IGNORECASE),
        "leader_before": re.compile(rf"(?<!\w)(?:{_alternation(raw['leader_verbs'])})\s+by{articles}\s*$", re.IGNORECASE),
        "agent_noun_after": re.compile(rf"(?:'s|\u2019s)?\s+(?:{_alternation(raw['agent_nouns_after'])})(?!\w)", re.IGNORECASE),
        "object_verb": re.compile(rf"(?<!\w)(?:{_alternation(raw['object_verbs'])})(?!\w)", re.IGNORECASE),
        "object_marker_after": re.compile(
            rf"(?:\s+[^\s.،؛]+){{0,2}}?\s+(?:{_alternation(raw['object_markers_after'])})(?![\w\u200c])"),
        "verb_final_counted": re.compile(
            rf"[^.؛:!?؟\n]{{0,{int(raw['counted_victim_clause_window'])}}}?(?:{_alternation(raw['verb_final_passives'])})"),
        "context_agent_types": frozenset(raw["context_agent_event_types"]),
        "context_categories": frozenset(raw["context_actor_categories"]),
        "civilian_target_types": frozenset(raw["civilian_target_event_types"]),
        "state_agent_sub_types": frozenset(raw["state_agent_sub_event_types"]),
        "state_agents": tuple((str(entry["actor"]), _day(entry.get("valid_from")), _day(entry.get("valid_until")))
                              for entry in raw["state_agents"]),
        "not_actor_before": re.compile(rf"(?:{_alternation(raw['not_actor_prefixes'])})$", re.IGNORECASE),
        "family_names": frozenset(name.casefold() for name in raw["family_name_aliases"]),
        "anaphor": re.compile(rf"{english}|(?<![\w\u200c])(?:{_alternation(anaphors['arabic_script'])})(?![\w\u200c])",
                              re.IGNORECASE),
        "anaphor_categories": frozenset(raw["anaphor_categories"]),
        "anaphor_words": tuple(sorted({w.lower() for w in anaphors["english"] + anaphors["arabic_script"]})),
        "country_words": tuple(sorted({str(k).lower() for k in raw["country_agents"]})),
        "anaphor_actor_ids": frozenset(raw["anaphor_actor_ids"]),
        # "with no links to ISKP", "ensured no civilians were in the area": no party to the event
        "negated_affiliation_before": re.compile(
            rf"(?<!\w)(?:{_alternation(raw['negated_affiliation_before'] + raw['negated_quantifiers'])}){articles}\s*$",
            re.IGNORECASE),
        "predicate_before": re.compile(rf"(?<!\w)(?:{_alternation(raw['predicate_before'])}){articles}(?:\s+(?:all|both|\w+-linked))?\s*$",
                                       re.IGNORECASE),
        "responsibility_negation": re.compile(rf"(?<![\w\u200c])(?:{_alternation(raw['responsibility_negations'])})(?![\w\u200c])",
                                              re.IGNORECASE),
        "no_target_sub_types": frozenset(raw["no_target_sub_event_types"]),
        "counted_civilian_types": frozenset(raw["counted_civilian_event_types"]),
        "civilian_place": re.compile(rf"(?<![\w\u200c])(?:{_alternation(raw['civilian_places'])})(?![\w\u200c])", re.IGNORECASE),
        "civilian_place_types": frozenset(raw["civilian_place_event_types"]),
        "place_owner_before": _owner_before(raw["civilian_place_owners_before"]),
        "speaker_after": re.compile(
            rf"(?:['\u2019]s)?(?:\s+[^\s,.;:\"\u201c]+){{0,6}}?\s+(?:{_alternation(raw['speech_verbs'])})\b", re.IGNORECASE),
        "speaker_after_arabic": re.compile(
            rf"[^.،؛:!?؟\n]{{0,{int(raw['speaker_window'])}}}?(?<![\w\u200c])(?:{_alternation(raw['speech_verbs_arabic_script'])})"
            rf"(?![\w\u200c])"),  # whole words: "وايي" (says) ends "هوايي" (air)
        "generic_fronts": {str(k): frozenset(v) for k, v in raw["generic_fronts"].items()},
        "country_agent": re.compile(
            rf"(?<!\w)(?:{_alternation(raw['country_agent_cues'])})\s+(?P<country>{_alternation(raw['country_agents'])})(?![\w'\u2019-])",
            re.IGNORECASE),
        "country_agents": {str(k).casefold(): str(v) for k, v in raw["country_agents"].items()},
        "possessive_victim_after": re.compile(
            rf"['\u2019]s\s+(?:[^\s.;]+\s+){{1,10}}?(?:{_alternation(raw['passive_auxiliaries'])})\s+(?:\w+\s+)?"
            rf"(?:{_alternation(raw['casualty_participles'])})(?!\w)", re.IGNORECASE),
        "casualty_pairs": tuple(raw["casualty_pairs"]),
        "speaker_label_after": re.compile(str(raw["speaker_label_after"])),
        "victim_only_categories": frozenset(raw["victim_only_categories"]),
        "victim_only_types": frozenset(raw["victim_only_event_types"]),
    }


def _day(value) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def state_agent_on(rules: RoleRules, day: dt.date | None) -> str | None:
    """The dictionary id of the state forces that make arrests on ``day`` (None before any is listed)."""
    if day is None:
        return None
    for actor_id, first, last in rules.state_agents:
        if (first is None or first <= day) and (last is None or day <= last):
            return actor_id
    return None


def is_no_actor(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Is this name no party to the event: an adjective ("anti-Taliban slogans") or a person's
    family name ("Khalil Haqqani", a minister, not the Haqqani Network)?"""
    if rules.not_actor_before.search(text, max(0, actor.start - 10), actor.start):
        return True
    if actor.text.casefold() not in rules.family_names:
        return False
    before = text[max(0, actor.start - 30):actor.start].split()
    return bool(before) and before[-1][:1].isupper() and before[-1].isalpha()


def is_passive_victim(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Is the actor the one something happened to ("12 Taliban killed", "soldiers were wounded")?"""
    before = _CLAUSE_BREAK.split(text[max(0, actor.start - 40):actor.start])[-1]  # a count of this sentence only
    if rules.victim_cue_before.search(before):
        return True
    if rules.passive_after.match(text, actor.end, min(len(text), actor.end + 60)):
        return True
    if rules.possessive_victim_after.match(text, actor.end, min(len(text), actor.end + 120)):
        return True  # "the Taliban's acting minister of refugees was killed"
    if not actor.text.isascii() and (_verb_final_victim(text, actor, rules) or _counted_dari_victim(text, actor, before, rules)):
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


_CLAUSE_BREAK = re.compile(r"\n|[.!?;؛؟](?:\s|$)")


def _counted_dari_victim(text: str, actor: ActorMention, before: str, rules: RoleRules) -> bool:
    """A counted Dari/Pashto actor ("۲ تن از نیروهای طالبان، به شمول یک فرمانده، کشته شدند") whose
    clause, an appositive between commas allowed, ends in a passive casualty verb."""
    if not rules.counted_before.search(before):
        return False
    found = rules.verb_final_counted.match(text, actor.end, min(len(text), actor.end + 200))
    if not found:
        return False
    between = f" {text[actor.end:found.end()]} "
    for pair in rules.casualty_pairs:
        between = between.replace(pair, " ")
    return not any(f" {word} " in between for word in ("که", "و", "چې", "او", "اما", "ولی"))


def is_speaker(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Is the actor the subject of a speech verb ("Taliban spokesman Zabihullah Mujahid condemned the
    strikes", "حکومت سرپرست آمار تلفات را ... اعلام کرد"), with no attack or casualty verb between?"""
    if actor.text.isascii():
        found = rules.speaker_after.match(text, actor.end, min(len(text), actor.end + 80))
    else:
        found = rules.speaker_after_arabic.match(text, actor.end, min(len(text), actor.end + 120))
    if found is None:
        return False
    between = text[actor.end:found.end()]
    if _SPEAKER_IS_SUBJECT.match(text, found.end(), min(len(text), found.end() + 60)):
        return False  # "the ministry said that they had recaptured the district": it speaks of its own act
    return not rules.object_verb.search(between) and not rules.passive_after.search(between) \
        and not rules.verb_final_passive.match(between)


# After a speech verb: the reported clause's subject refers back to the speaker.
_SPEAKER_IS_SUBJECT = re.compile(r"[^.;]{0,40}?\b(?:that\s+)?(?:they|it|we|its (?:forces|fighters|members)|their (?:forces|fighters))\b"
                                 r"(?!\s+(?:was|were|is|are)\s+(?:killed|wounded|attacked|targeted))", re.IGNORECASE)


def claims_responsibility(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Does a responsibility cue follow the actor closely ("ISKP claimed responsibility"), not
    negated ("ISIS militants. However, no group has claimed responsibility")?"""
    found = rules.responsibility_after.match(text, actor.end, min(len(text), actor.end + 200))
    return bool(found) and not rules.responsibility_negation.search(text, actor.end, found.end())


def responsible_actors(text: str, actors: list[ActorMention], rules: RoleRules) -> list[ActorMention]:
    """The report's actors that claim responsibility for an attack, in text order."""
    return [a for a in actors if a.category not in rules.source_only and not is_no_actor(text, a, rules)
            and claims_responsibility(text, a, rules)]


def split_roles(text: str, actors: list[ActorMention], trigger_start: int, trigger_end: int,
                rules: RoleRules) -> tuple[list[ActorMention], list[ActorMention]]:
    """(agents, targets) among one mention's actors, each in text order; sources take no role."""
    agents, targets = [], []
    for actor in actors:
        if actor.category in rules.source_only or rules.speaker_label_after.match(text[actor.end:actor.end + 4]):
            continue  # a source, or the label of one: "NRF: the Taliban attacked ..."
        if (rules.predicate_before.search(text, max(0, actor.start - 20), actor.start)
                or rules.negated_affiliation_before.search(text, max(0, actor.start - 30), actor.start)):
            continue  # "all three were ISKP members": what the people were, not a party to the act
        if is_speaker(text, actor, rules) and not _genitive_agent(text, actor, rules):
            continue  # "the Taliban government reported that air strikes by Pakistan ..."
        affiliated = rules.affiliation_before.search(text, max(0, actor.start - 30), actor.start) is not None
        if _agent_cue_before(text, actor, rules) or affiliated and not is_passive_victim(text, actor, rules):
            agents.append(actor)  # "killed by X", "a suicide bomber related to X" (not "members of X were killed")
        elif rules.agent_noun_after.match(text, actor.end) and not is_passive_victim(text, actor, rules):
            agents.append(actor)  # "the Taliban's operation", "Taliban attacks on NRF positions"
        elif actor.start < trigger_start and not is_passive_victim(text, actor, rules):
            agents.append(actor)
        elif _genitive_agent(text, actor, rules):
            agents.append(actor)  # "حمله طالبان": the Taliban's attack
        else:
            targets.append(actor)
    agents, targets = _objects_to_targets(text, agents, targets, trigger_start, rules)
    pair = _between_pair(text, targets, trigger_end)
    if not agents and pair is not None:
        agents.append(targets.pop(pair))  # "clashes between the Taliban and the NRF"
        if pair < len(targets):  # its second side is the target, before a victim counted earlier
            targets.insert(0, targets.pop(pair))
    # "X از حمله طالبان خبر داد": the attack's own attacker comes before the speaker X
    agents.sort(key=lambda actor: not _genitive_agent(text, actor, rules))
    return agents, targets


def victims_to_targets(agents: list[ActorMention], targets: list[ActorMention], event_type: str | None,
                       rules: RoleRules) -> tuple[list[ActorMention], list[ActorMention]]:
    """(agents, targets) with civilians moved from the agents to the targets in the event types only
    armed actors carry out: in "د پاکستاني ځواکونو له لوري په ملکي وګړو ... هوايي بریدونه" (air strikes
    on civilians by Pakistani forces) the civilians named before the trigger are struck, they do not strike."""
    if event_type not in rules.victim_only_types:
        return agents, targets
    victims = [a for a in agents if a.category in rules.victim_only_categories]
    if not victims:
        return agents, targets
    kept = [a for a in agents if a.category not in rules.victim_only_categories]
    return kept, sorted(targets + victims, key=lambda actor: actor.start)


def _genitive_agent(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Is the actor the ezafe complement of a Dari attack noun just before it ("حمله طالبان")?"""
    words = text[max(0, actor.start - 16):actor.start].split()
    return bool(words) and words[-1].replace("\u200c", "") in rules.genitive_nouns


def _objects_to_targets(text: str, agents: list[ActorMention], targets: list[ActorMention], trigger_start: int,
                        rules: RoleRules) -> tuple[list[ActorMention], list[ActorMention]]:
    """Move the objects among the agents to the targets: an actor after an object verb that follows
    the first agent ("AFF fighters attacked the gate of the Taliban's district, killing three") and
    a Dari actor marked as an object ("باشندگان را")."""
    kept, objects = [], []
    for actor in agents:
        after_verb = (kept and actor.start < trigger_start and not _agent_cue_before(text, actor, rules)
                      and rules.object_verb.search(text, kept[0].end, actor.start))
        (objects if after_verb or _marked_object(text, actor, agents, rules) else kept).append(actor)
    if not objects:
        return agents, targets
    return kept, sorted(objects + targets, key=lambda actor: actor.start)


def _marked_object(text: str, actor: ActorMention, actors: list[ActorMention], rules: RoleRules) -> bool:
    """Is a Dari actor its clause's object, "را" after it with no other actor in between?"""
    if actor.text.isascii():
        return False
    found = rules.object_marker_after.match(text, actor.end, min(len(text), actor.end + 40))
    return found is not None and not any(actor.end <= other.start < found.end() for other in actors)


def _between_pair(text: str, targets: list[ActorMention], trigger_end: int) -> int | None:
    """The index of the target that opens "between X and Y" after the trigger (Y named or not:
    "between the Taliban and local militias"; "one civilian was killed during the conflict between
    Taliban militants and Pakistani border guards"). X is then the first side, coded as actor1."""
    for index, actor in enumerate(targets):
        if "between" in text[max(trigger_end, actor.start - 20):actor.start].lower():
            return index
    return None


def _agent_cue_before(text: str, actor: ActorMention, rules: RoleRules) -> bool:
    """Is the actor introduced as the agent: "by (the) X", "shelling from X"?"""
    return (rules.agent_before.search(text, max(0, actor.start - 30), actor.start) is not None
            and rules.leader_before.search(text, max(0, actor.start - 30), actor.start) is None)


def counted_civilians(text: str, start: int, end: int, rules: RoleRules) -> tuple[int, int] | None:
    """The span of "12 people" in the mention's text, naming civilians as victims; None without one."""
    found = rules.counted_victims.search(text, start, end)
    return (found.start(), found.end()) if found else None


def _owner_before(owners: list[str]) -> re.Pattern[str]:
    """Before a place, its owner: a whole possessive word ("his") or a clitic ending a name ("'s")."""
    words = [w for w in owners if re.match(r"\w", w)]
    clitics = [w for w in owners if not re.match(r"\w", w)]
    parts = ([rf"(?<!\w)(?:{_alternation(words)})"] if words else []) + ([rf"(?:{_alternation(clitics)})"] if clitics else [])
    return re.compile(rf"(?:{'|'.join(parts) or '(?!)'})\s*$", re.IGNORECASE)


def civilian_place(text: str, start: int, end: int, rules: RoleRules) -> tuple[int, int] | None:
    """The span of the first civilian place or object ("a mosque", "houses", "a wedding") in the
    mention's text, naming civilians as what was hit; None without one, or when that place is one
    person's ("an airstrike on his house", "the commander's house": the person is the target)."""
    found = rules.civilian_place.search(text, start, end)
    if found is None or rules.place_owner_before.search(text, max(start, found.start() - 20), found.start()):
        return None
    return found.start(), found.end()
