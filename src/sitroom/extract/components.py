"""Components with one protocol, and the pipeline that runs them over an annotated document.

Built as spaCy's pipeline is: each component declares the layers it ``requires`` and the
layers it ``assigns``; its pure ``match(doc)`` reads the document and the layers before it, and
``set_annotations(doc, found)`` writes what it found. The order comes from a data file
(data/extract/pipeline.toml), and ``build_pipeline`` checks at build time that every layer a
component requires is assigned by an earlier one. A layer is assigned once: a second
assignment is an error, not an overwrite.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Callable, Generic, Protocol, TypeVar

from sitroom.errors import DataPackError, PipelineError
from sitroom.models import Document

T = TypeVar("T")
R = TypeVar("R")
PIPELINE_FILE = ("extract", "pipeline.toml")


@dataclass(frozen=True)  # no slots: ``Layer[int]("name")`` must work (typing sets __orig_class__)
class Layer(Generic[T]):
    """The name of one layer of an annotated document; ``T`` is the type of its value."""

    name: str


@dataclass(slots=True)
class AnnotatedDocument:
    """One document and the layers its components assigned, each assigned once."""

    document: Document
    _layers: dict[str, Any] = field(default_factory=dict)
    _assigned_by: dict[str, str] = field(default_factory=dict)

    def assign(self, layer: Layer[T], value: T, by: str) -> None:
        """Set ``layer`` to ``value`` on behalf of component ``by``; PipelineError if it is set already."""
        if layer.name in self._layers:
            raise PipelineError(
                f"component {by!r} assigns layer {layer.name!r} of document {self.document.doc_id!r}, "
                f"which component {self._assigned_by[layer.name]!r} assigned already: a layer is assigned once"
            )
        self._layers[layer.name] = value
        self._assigned_by[layer.name] = by

    def get(self, layer: Layer[T]) -> T:
        """The value of ``layer``; PipelineError naming the layer when no component assigned it."""
        try:
            return self._layers[layer.name]
        except KeyError:
            raise PipelineError(
                f"layer {layer.name!r} of document {self.document.doc_id!r} is not assigned "
                f"(assigned: {sorted(self._layers) or 'none'})"
            ) from None

    def has(self, name: str) -> bool:
        """Has a component assigned the layer called ``name``?"""
        return name in self._layers

    def assigned_by(self, name: str) -> str | None:
        """The component that assigned layer ``name``, None when none did."""
        return self._assigned_by.get(name)


class Component(Protocol):
    """One step of the extraction: reads the layers it requires, assigns the layers it names."""

    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def match(self, doc: AnnotatedDocument) -> Any:
        """What the component finds in ``doc`` (pure: ``doc`` is left unchanged)."""

    def set_annotations(self, doc: AnnotatedDocument, found: Any) -> None:
        """Assign the component's layers on ``doc`` from what ``match`` found."""


@dataclass(frozen=True, slots=True)
class ComponentPipeline:
    """Components in the order they run; calling it annotates one document."""

    components: tuple[Component, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(component.name for component in self.components)

    def __call__(self, document: Document) -> AnnotatedDocument:
        """Run every component over ``document``; PipelineError if one leaves a declared layer unassigned."""
        doc = AnnotatedDocument(document)
        for component in self.components:
            component.set_annotations(doc, component.match(doc))
            missing = [layer for layer in component.assigns if not doc.has(layer)]
            if missing:
                raise PipelineError(
                    f"component {component.name!r} declares layers {missing} but did not assign them "
                    f"on document {document.doc_id!r}"
                )
        return doc


@dataclass(slots=True)
class ComponentRegistry(Generic[R]):
    """Component names -> factories that build the component from shared resources ``R``."""

    factories: dict[str, Callable[[R], Component]] = field(default_factory=dict)

    def register(self, name: str, factory: Callable[[R], Component]) -> None:
        """Register ``factory`` under ``name``; PipelineError if the name is taken."""
        if name in self.factories:
            raise PipelineError(f"component name {name!r} is registered twice")
        self.factories[name] = factory

    def create(self, name: str, resources: R, source: str) -> Component:
        """Build component ``name``; PipelineError naming ``source`` and the known names if unknown."""
        factory = self.factories.get(name)
        if factory is None:
            raise PipelineError(
                f"{source}: unknown component {name!r}; known components: {', '.join(sorted(self.factories))}"
            )
        return factory(resources)


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """The component names of a pipeline file, in order, and where they were read from."""

    components: tuple[str, ...]
    source: str


def parse_pipeline_spec(text: str, source: str) -> PipelineSpec:
    """Read a pipeline file's TOML (``[pipeline] components = [...]``); DataPackError naming
    ``source`` when it is not TOML, lists no components, or names one twice."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataPackError(f"{source}: not TOML ({error})") from None
    names = raw.get("pipeline", {}).get("components") if isinstance(raw.get("pipeline"), dict) else None
    if not isinstance(names, list) or not names or not all(isinstance(name, str) and name for name in names):
        raise DataPackError(f"{source}: [pipeline] components must be a non-empty list of component names")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise DataPackError(f"{source}: components listed more than once: {repeated}")
    return PipelineSpec(tuple(names), source)


def read_pipeline_spec() -> PipelineSpec:
    """The packaged pipeline file, data/extract/pipeline.toml."""
    path = resources.files("sitroom.data").joinpath(*PIPELINE_FILE)
    source = "/".join(PIPELINE_FILE)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataPackError(f"{source}: cannot read ({error}); reinstall sitroom") from None
    return parse_pipeline_spec(text, source)


def build_pipeline(spec: PipelineSpec, registry: ComponentRegistry[R], resources: R) -> ComponentPipeline:
    """Build the components ``spec`` lists, in its order, checking that each one's required
    layers are assigned by an earlier component and that no two assign the same layer."""
    components = tuple(registry.create(name, resources, spec.source) for name in spec.components)
    assigned_by: dict[str, str] = {}
    for component in components:
        for layer in component.requires:
            if layer not in assigned_by:
                raise PipelineError(_order_problem(spec.source, component, layer, components))
        for layer in component.assigns:
            if layer in assigned_by:
                raise PipelineError(
                    f"{spec.source}: components {assigned_by[layer]!r} and {component.name!r} both assign "
                    f"layer {layer!r}: a layer is assigned once"
                )
            assigned_by[layer] = component.name
    return ComponentPipeline(components)


def _order_problem(source: str, component: Component, layer: str, components: tuple[Component, ...]) -> str:
    """Say which layer ``component`` lacks, and which later component (if any) assigns it."""
    later = next((other.name for other in components if layer in other.assigns), None)
    where = (f"component {later!r} assigns it but comes later; list {later!r} before {component.name!r}"
             if later else "no component in the pipeline assigns it")
    return f"{source}: component {component.name!r} requires layer {layer!r}, which no earlier component assigns: {where}"
