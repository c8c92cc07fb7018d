"""The shape of every JSON data-pack file, as pydantic models: the one place packs are validated.

The actor dictionary (``data/actors/<pack>.json``), a gazetteer pack's ``manifest.json`` and its
``places.json.gz`` are read through ``validate_pack_file``, which raises DataPackError naming the
file and the key path of the first problems (``actors[3].roles[0].valid_from: ...``). The JSON
Schema shipped beside the actor dictionary (``data/actors/schema.json``) is generated from these
models (``actor_pack_json_schema``; a test keeps the two in step), so it documents, never decides.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from sitroom.errors import DataPackError

ACTOR_SCHEMA_ID = "sitroom.actors/1"
GAZETTEER_FORMAT = "sitroom-gazetteer/1"
GAZETTEER_FILES = ("places", "polygons", "aliases", "abroad", "regions", "cues", "stopwords")
NonEmpty = Annotated[str, Field(min_length=1, pattern=r"\S")]
Model = TypeVar("Model", bound=BaseModel)


def _alias_object(value: Any) -> Any:
    """A bare string alias is short for {"text": ...} (open-ended)."""
    return {"text": value} if isinstance(value, str) else value


class Period(BaseModel):
    """Inclusive dates; None is open-ended. The end may not come before the start."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="after")
    def _ends_after_start(self):
        start, end = getattr(self, "valid_from", None), getattr(self, "valid_until", None)
        if start and end and end < start:
            raise ValueError(f"valid_until {end} is before valid_from {start}")
        return self


class AliasEntry(Period):
    """A name matched case-insensitively, limited to a period when dates are given."""

    text: NonEmpty
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


class RoleEntry(Period):
    """One period of an actor's category and affiliation (every key required, null allowed)."""

    category: NonEmpty
    affiliation: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None


class ActorEntry(BaseModel):
    """One actor: canonical name, aliases, acronyms (matched case-sensitively), roles over time."""

    model_config = ConfigDict(extra="forbid")

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    name: NonEmpty
    aliases: list[Annotated[AliasEntry, BeforeValidator(_alias_object)]]
    acronyms: list[NonEmpty]
    roles: list[RoleEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _roles_do_not_overlap(self):
        ordered = sorted(self.roles, key=lambda role: role.valid_from or dt.date.min)
        for earlier, later in zip(ordered, ordered[1:]):
            if earlier.valid_until is None or (later.valid_from is not None and later.valid_from <= earlier.valid_until):
                raise ValueError(f"roles overlap ({earlier.category} and {later.category}); give each an end date")
        return self


class ActorPack(BaseModel):
    """A whole actor dictionary file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_id: Literal["sitroom.actors/1"] = Field(alias="schema")
    pack: str
    version: str
    description: str = ""
    categories: list[NonEmpty] = Field(min_length=1)
    actors: list[ActorEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique_and_categories_known(self):
        seen: set[str] = set()
        for number, actor in enumerate(self.actors):
            if actor.id in seen:
                raise ValueError(f"actors[{number}]: duplicate actor id {actor.id!r}")
            seen.add(actor.id)
            for index, role in enumerate(actor.roles):
                if role.category not in self.categories:
                    allowed = ", ".join(sorted(self.categories))
                    raise ValueError(f"actors[{number}].roles[{index}].category: unknown category "
                                     f"{role.category!r}; expected one of: {allowed}")  # fmt: skip
        return self


class GazetteerManifest(BaseModel):
    """A gazetteer pack's manifest.json: format, country and the file of each part."""

    format: Literal["sitroom-gazetteer/1"]
    country_code: str = ""
    country_name: str = ""
    version: str = ""
    files: dict[str, NonEmpty]

    @model_validator(mode="after")
    def _every_part_named(self):
        missing = [name for name in GAZETTEER_FILES if name not in self.files]
        if missing:
            raise ValueError(f"files lacks {', '.join(missing)}")
        return self


class PlaceEntry(BaseModel):
    """One gazetteer place (other keys, such as kind or population, are kept as they are)."""

    model_config = ConfigDict(extra="allow")

    id: NonEmpty
    name: NonEmpty
    level: Literal["country", "admin1", "admin2", "populated"]
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    admin1_code: str | None = None
    names: list[str] = []


class PlacesFile(BaseModel):
    """places.json.gz: every place once; districts and towns inside a known province."""

    places: list[PlaceEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique_and_provinces_known(self):
        seen: set[str] = set()
        provinces = {place.id for place in self.places if place.level == "admin1"}
        for number, place in enumerate(self.places):
            if place.id in seen:
                raise ValueError(f"places[{number}] ({place.id}): duplicates an id")
            seen.add(place.id)
            if place.level in ("admin2", "populated") and place.admin1_code not in provinces:
                raise ValueError(f"places[{number}] ({place.id}).admin1_code: unknown province {place.admin1_code!r}")
        return self


def validate_pack_file(model: type[Model], data: Any, source: str) -> Model:
    """Validate parsed JSON ``data`` against ``model``; DataPackError names ``source`` and the keys."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise DataPackError(f"{source}: {describe_errors(error)}") from None


def describe_errors(error: ValidationError, limit: int = 3) -> str:
    """Return the first ``limit`` problems as 'key.path[0].name: message', joined by '; '."""
    parts = []
    for problem in error.errors()[:limit]:
        where = key_path(problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        value = problem.get("input")
        shown = f" (got {value!r})" if problem["type"] not in ("value_error", "missing") and not isinstance(value, (dict, list)) else ""
        parts.append(f"{where}: {message}{shown}" if where else f"{message}{shown}")
    extra = len(error.errors()) - limit
    return "; ".join(parts) + (f"; and {extra} more" if extra > 0 else "")


def key_path(location: tuple) -> str:
    """('actors', 3, 'roles', 0, 'category') -> 'actors[3].roles[0].category'."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.startswith("function-") or part.endswith("]"):
            continue  # pydantic's names for a validator step, not a key of the file
        else:
            text += f".{part}" if text else str(part)
    return text


def actor_pack_json_schema() -> dict[str, Any]:
    """The actor dictionary's JSON Schema, generated from ActorPack (data/actors/schema.json)."""
    schema = ActorPack.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"sitroom actor dictionary ({ACTOR_SCHEMA_ID})"
    schema["description"] = ("Generated from sitroom.gazetteer.pack_models.ActorPack, which validates every "
                             "actor dictionary; regenerate with `python scripts/write_pack_schema.py`.")  # fmt: skip
    return schema
