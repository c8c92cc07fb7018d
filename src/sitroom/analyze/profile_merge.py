"""An actor's profile as shown: the profiles file's statements plus the suggestions an analyst
accepted from stored documents (each sourced by its document, quote and character span)."""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable

from sitroom.errors import DataPackError, NotFoundError
from sitroom.gazetteer.profiles import ActorProfile, Dated, Source, StrengthEstimate, empty_profile, profile_for
from sitroom.store.profile_records import ProfileSuggestion


def suggestion_source(suggestion: ProfileSuggestion) -> Source:
    """Return the stored document behind a suggestion as a profile Source."""
    document, fact = suggestion.document, suggestion.fact
    return Source(f"document:{fact.doc_id}", document.get("title") or fact.doc_id, document.get("publisher") or "",
                  document.get("published") or fact.stated_on or "", document.get("url"), fact.doc_id, fact.quote,
                  (fact.start, fact.end))  # fmt: skip


def merge_accepted(profile: ActorProfile, accepted: Iterable[ProfileSuggestion]) -> ActorProfile:
    """Return ``profile`` with each accepted suggestion added to its leaders, bases, strength or alliances."""
    parts: dict[str, list[Any]] = {"leaders": list(profile.leaders), "bases": list(profile.bases),
                                   "strength": list(profile.strength), "alliances": list(profile.alliances)}  # fmt: skip
    for suggestion in accepted:
        fact, source = suggestion.fact, suggestion_source(suggestion)
        value = fact.value
        if fact.kind == "leader":
            parts["leaders"].append(Dated({"name": value["name"], "role": value["role"]}, None, None, source))
        elif fact.kind == "base":
            parts["bases"].append(Dated({"place": value.get("place_name") or value["place"], "inside": value.get("inside")},
                                        None, None, source))  # fmt: skip
        elif fact.kind == "strength":
            parts["strength"].append(StrengthEstimate(value["low"], value["high"], fact.stated_on or "", source, False,
                                                      f"{value.get('unit', 'fighters')}, as the document states"))  # fmt: skip
        elif fact.kind == "alliance":
            parts["alliances"].append(Dated({"with": value["with"], "kind": value["kind"], "actor_id": value["with_actor_id"]},
                                            value.get("from"), None, source))  # fmt: skip
    return dataclasses.replace(profile, **{key: tuple(items) for key, items in parts.items()})


def _actor_id(name: str, pack: str) -> str | None:
    from sitroom.gazetteer.actors import load_actor_dictionary

    try:
        found = load_actor_dictionary(pack).lookup(name)
    except (DataPackError, NotFoundError):
        return None
    return found[0].actor_id if found else None


def profile_with_accepted(name: str, pack: str, repository: Any) -> ActorProfile | None:
    """Return the profile of the actor called ``name`` with its accepted suggestions; None if it has neither."""
    profile = profile_for(name, pack)
    actor_id = profile.actor_id if profile else _actor_id(name, pack)
    if actor_id is None:
        return None
    accepted = repository.list_profile_suggestions(actor_id, "accepted") if hasattr(repository, "list_profile_suggestions") else []
    if profile is None and not accepted:
        return None
    return merge_accepted(profile or empty_profile(actor_id, pack), accepted)
