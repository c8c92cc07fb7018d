"""fast_init: same construction, equality, hashing and immutability as the dataclass's own __init__."""

import dataclasses
from dataclasses import dataclass, field

import pytest

from sitroom.extract.records import fast_init


@fast_init
@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    label: str = "x"
    flag: bool = False


@dataclass(frozen=True, slots=True)
class _Plain:
    start: int
    end: int
    label: str = "x"
    flag: bool = False


def test_fast_init_builds_the_same_record():
    fast, plain = _Span(1, 2, flag=True), _Plain(1, 2, flag=True)
    assert (fast.start, fast.end, fast.label, fast.flag) == (1, 2, "x", True)
    assert repr(fast) == repr(plain).replace("_Plain", "_Span")
    assert fast == _Span(start=1, end=2, label="x", flag=True) and hash(fast) == hash(_Span(1, 2, "x", True))
    assert dataclasses.replace(fast, label="y") == _Span(1, 2, "y", True)


def test_fast_init_keeps_the_record_frozen_and_checks_arguments():
    span = _Span(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        _Span(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Span(1, 2, nope=3)  # type: ignore[call-arg]


def test_fast_init_refuses_what_it_cannot_copy():
    with pytest.raises(TypeError):
        @fast_init
        @dataclass(frozen=True, slots=True)
        class _WithFactory:
            items: list = field(default_factory=list)

    with pytest.raises(TypeError):
        @fast_init
        @dataclass(frozen=True)
        class _NoSlots:
            start: int
