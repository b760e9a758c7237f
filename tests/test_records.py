"""frozen_dataclass makes the class dataclasses.dataclass(frozen=True) makes: the same
equality, hash, repr, fields and errors, each class below defined both ways."""

import dataclasses
import pickle

import pytest

from backprop_tui.records import frozen_dataclass


def both(make_class):
    """The class `make_class(decorator)` defines, by the stdlib and by frozen_dataclass."""
    return make_class(dataclasses.dataclass(frozen=True)), make_class(frozen_dataclass)


def point(decorate):
    @decorate
    class Point:
        x: int
        y: int = 0
        label: str = dataclasses.field(default="", compare=False)
        cache: tuple = dataclasses.field(default=(), repr=False, hash=False)

    return Point


def empty(decorate):
    @decorate
    class Empty:
        pass

    return Empty


def one(decorate):
    @decorate
    class One:
        value: float

    return One


def own_methods(decorate):
    @decorate
    class Own:
        x: int

        def __eq__(self, other):
            return isinstance(other, Own)

        def __repr__(self):
            return "Own!"

    return Own


def node(decorate):
    @decorate
    class Node:
        name: str
        children: list = dataclasses.field(default_factory=list, hash=False)

    return Node


EXAMPLE_ARGUMENTS = {point: (3, 4, "p", (1,)), empty: (), one: (0.25,), node: ("n", [1])}


@pytest.mark.parametrize("make", [point, empty, one])
def test_equal_values_are_equal_and_hash_alike(make):
    for cls in both(make):
        a, b = cls(*EXAMPLE_ARGUMENTS[make]), cls(*EXAMPLE_ARGUMENTS[make])
        assert a == b and hash(a) == hash(b)
        assert a.__eq__(object()) is NotImplemented and a != object()


@pytest.mark.parametrize("make", [point, one])
def test_values_that_differ_in_their_first_field_differ(make):
    for cls in both(make):
        first, *rest = EXAMPLE_ARGUMENTS[make]
        assert cls(first, *rest) != cls(first * 2, *rest)


def test_fields_left_out_of_comparison_and_hash_are_left_out_alike():
    for cls in both(point):
        assert cls(1, label="a") == cls(1, label="b")
        assert hash(cls(1, cache=(1,))) == hash(cls(1, cache=(2,)))
        assert cls(1, cache=(1,)) != cls(1, cache=(2,))  # compared, not hashed
        assert cls(1) != cls(1, 2)


def test_objects_of_another_class_with_the_same_fields_are_not_equal():
    stdlib, ours = both(point)
    assert stdlib(1) != ours(1) and ours(1) != stdlib(1)


@pytest.mark.parametrize("make", [point, empty, one, node])
def test_repr_is_the_stdlibs(make):
    stdlib, ours = both(make)
    assert repr(ours(*EXAMPLE_ARGUMENTS[make])) == repr(stdlib(*EXAMPLE_ARGUMENTS[make]))


def test_a_class_keeps_the_methods_it_writes_and_is_still_hashed():
    for cls in both(own_methods):
        assert repr(cls(1)) == "Own!" and cls(1) == cls(2)
        assert hash(cls(1)) == hash(cls(1)) != hash(cls(2))


def test_a_recursive_repr_ends_as_the_stdlibs_does():
    reprs = []
    for cls in both(node):
        looped = cls("a")
        looped.children.append(looped)
        reprs.append(repr(looped))
    assert reprs[0] == reprs[1] == "node.<locals>.Node(name='a', children=[...])"


def test_it_is_a_frozen_dataclass_with_slots_and_keywords_when_asked():
    @frozen_dataclass(slots=True, kw_only=True)
    class Slotted:
        a: int
        b: int = 2

    value = Slotted(a=1)
    assert dataclasses.is_dataclass(value) and not hasattr(value, "__dict__")
    assert dataclasses.replace(value, b=3) == Slotted(a=1, b=3)
    assert dataclasses.asdict(value) == {"a": 1, "b": 2}
    with pytest.raises(TypeError):
        Slotted(1)  # keywords only
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.a = 5
    assert {value: "found"}[Slotted(a=1)] == "found"


def test_a_module_level_class_pickles_and_names_its_methods():
    value = Module(1, "x")
    assert pickle.loads(pickle.dumps(value)) == value
    assert Module.__eq__.__qualname__ == "Module.__eq__" and Module.__repr__.__qualname__ == "Module.__repr__"


@frozen_dataclass
class Module:
    number: int
    text: str
