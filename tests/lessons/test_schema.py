"""The exported JSON Schema, read by a real JSON Schema validator, agrees with the loader:
every bundled lesson passes it, and the mistakes it exists to catch in the editor fail it."""

import copy
import json

import jsonschema
import pytest
import yaml

from backprop_tui.demos import DEMOS
from backprop_tui.engine.init import INITS
from backprop_tui.engine.ops import OPS
from backprop_tui.lessons.catalog import lesson_files
from backprop_tui.lessons.expectations import KINDS
from backprop_tui.lessons.load import load_lesson
from backprop_tui.lessons.model import Lesson
from backprop_tui.lessons.schema import SCHEMA_FILE
from backprop_tui.lessons.schema_errors import validator
from backprop_tui.lessons.source import LessonFileError, read_yaml
from backprop_tui.lessons.starter import starter_lesson

from .test_loader import LESSONS

SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
BUNDLED = lesson_files([LESSONS])


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_bundled_lesson_is_valid_against_the_schema(path):
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(read_yaml(path).data)]
    assert errors == []


def test_the_starter_lesson_is_valid_against_the_schema():
    assert VALIDATOR.is_valid(yaml.safe_load(starter_lesson("my-lesson")))


def test_the_schema_offers_the_registries_names():
    node = next(branch for branch in SCHEMA["$defs"]["NodeSpec"]["anyOf"] if branch["type"] == "object")
    assert node["properties"]["op"]["anyOf"][0]["enum"] == sorted(OPS)
    assert SCHEMA["properties"]["demo"]["anyOf"][0]["enum"] == list(DEMOS)
    tensor = SCHEMA["properties"]["inputs"]["patternProperties"]["^[A-Za-z][A-Za-z0-9_]*$"]["anyOf"][-1]
    assert set(tensor["properties"]) >= {"shape", "init", "seed"}
    assert tensor["properties"]["init"]["enum"] == list(INITS)


def apple_tax() -> dict:
    return read_yaml(next(LESSONS.glob("*apple-tax.yaml"))).data


def with_change(change) -> dict:
    lesson = copy.deepcopy(apple_tax())
    change(lesson)
    return lesson


def set_in(*path_and_value):
    *path, key, value = path_and_value

    def change(lesson):
        target = lesson
        for part in path:
            target = target[part]
        target[key] = value

    return change


# Each a mistake an author makes by hand, which the editor should underline before `check` runs.
REJECTED = {
    "unknown op": set_in("nodes", "price", {"op": "mull", "inputs": ["all_price", "tax"]}),
    "unknown demo": set_in("demo", "no-such-demo"),
    "expect of an unknown kind": set_in("questions", 0, "expect", "gradient.apple"),
    "local gradient without its input": set_in("questions", 0, "expect", "local.apple_price"),
    "grad with an input": set_in("questions", 0, "expect", "grad.apple.tax"),
    "note at something that is not a step": set_in("notes", "forwards.apple", "text"),
    "misspelt key of a generated input": set_in("inputs", "apple", {"shap": [2]}),
    "unknown initializer": set_in("inputs", "apple", {"shape": [2], "init": "xavir"}),
    "text as an input": set_in("inputs", "apple", "a hundred"),
    "misspelt question key": set_in("questions", 0, "hint", ["x"]),
    "node with neither op nor expression": set_in("nodes", "price", {"inputs": ["all_price", "tax"]}),
}


@pytest.mark.parametrize("name", REJECTED)
def test_the_schema_rejects_what_the_loader_rejects(name, tmp_path):
    lesson = with_change(REJECTED[name])
    assert not VALIDATOR.is_valid(lesson)
    path = tmp_path / "lesson.yaml"
    path.write_text(yaml.safe_dump(lesson, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LessonFileError):
        load_lesson(path)


ACCEPTED = {
    "expression node": set_in("nodes", "price", "all_price * tax"),
    "vector input": set_in("inputs", "apple", [100, 120]),
    "matrix input": set_in("inputs", "apple", [[100], [120]]),
    "generated input": set_in("inputs", "tax", {"shape": [1], "init": "ones", "seed": 3}),
    "local gradient": set_in("questions", 0, "expect", "local.price.tax"),
    "misconception given as a formula": set_in("questions", 0, "misconceptions", [{"answer": "apple_num", "message": "m"}]),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_the_schema_accepts_the_forms_the_loader_reads(name):
    lesson = with_change(ACCEPTED[name])
    assert VALIDATOR.is_valid(lesson)
    validator(Lesson).validate_python(lesson)


def test_the_schema_offers_each_expect_form_as_an_example_it_accepts():
    expect = SCHEMA["$defs"]["Question"]["properties"]["expect"]
    string = next(branch for branch in expect["anyOf"] if branch.get("type") == "string")
    assert {example.split(".")[0] for example in expect["examples"]} == set(KINDS)
    for example in expect["examples"]:
        jsonschema.validate(example, string)
