"""The lesson file format as frozen dataclasses: one definition, read two ways. See lessons/FORMAT.md.

pydantic validates a file against these classes (schema_errors.py): their annotations and
field metadata are pydantic's own Field arguments, applied when a validator or the JSON
Schema is built. A file whose content passed before is rebuilt from its data by
`from_data`, without pydantic (verified.py). How a record is declared and rebuilt is in
format_records.py. Importing this module imports neither.

Only structure is checked here; whether names resolve, shapes fit and answer keys are
right is the semantic pass (`semantics.py`), which needs the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

from backprop_tui.lessons.format_records import JsonSchema, Rules, attr, record

_NAME = r"[A-Za-z][A-Za-z0-9_]*"
# What a question may `expect` (and lesson text may quote in braces), as an author reads the
# forms and an editor offers them; expectations.py computes them.
EXPECT_EXAMPLES = ("value.NODE", "grad.NODE", "local.NODE.INPUT", "downstream.NODE.INPUT", "updated.INPUT",
                   "after.NODE", "numeric.INPUT", "relerr.INPUT")
EXPECT_KINDS = {form.split(".")[0]: form.count(".") for form in EXPECT_EXAMPLES}  # kind -> names after it
EXPECT_PATTERN = "^(" + "|".join(rf"{kind}(\.{_NAME}){{{names}}}" for kind, names in EXPECT_KINDS.items()) + ")$"
EXPECT_FORMS = ", ".join(EXPECT_EXAMPLES[:-1]) + " or " + EXPECT_EXAMPLES[-1]

Slug = Annotated[str, Rules(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Name = Annotated[str, Rules(pattern=f"^{_NAME}$", max_length=40)]
StepKey = Annotated[str, Rules(pattern=rf"^(forward|backward)\.{_NAME}$")]
Text = Annotated[str, Rules(min_length=1, max_length=4000)]
Number = Annotated[float, Rules(strict=True)]  # 2 and 2.5, never true or "2"


def _offer(names: Callable[[], Iterable[str]]) -> Callable[[dict], None]:
    """A field's JSON Schema offers a registry's names (read when the schema is made, not on import);
    the semantic pass checks the name itself, with a did-you-mean message."""

    def extra(schema: dict) -> None:
        string = next((branch for branch in schema.get("anyOf", []) if branch.get("type") == "string"), schema)
        string["enum"] = list(names())

    return extra


def _op_names() -> list[str]:
    from backprop_tui.engine.ops import OPS

    return sorted(OPS)


def _demo_names() -> list[str]:
    from backprop_tui.demos import DEMOS

    return list(DEMOS)


def _init_names() -> tuple[str, ...]:
    from backprop_tui.engine.init import INITS

    return INITS


@record
class GeneratedTensor:
    """An input filled with seeded random numbers, e.g. {shape: [5, 3], init: xavier, seed: 0}."""

    shape: list[Annotated[int, Rules(ge=1, le=1000)]] = attr(min_length=1, max_length=2)
    init: str = attr(default="normal", description="how the numbers are drawn", json_schema_extra=_offer(_init_names))
    seed: int = 0
    scale: float = 1.0
    vary: bool = attr(default=False, description="a quiz draws it again with another seed")


MAX_END = 10**9  # of a range: NumPy can count its numbers, even at 6 decimal places
WholeEnd = Annotated[int, Rules(ge=-MAX_END, le=MAX_END)]
DecimalEnd = Annotated[float, Rules(strict=True, ge=-MAX_END, le=MAX_END)]


@record
class Vary:
    """How a quiz draws a fresh number (each entry of a list alike): integers, decimals or a choice."""

    integers: tuple[WholeEnd, WholeEnd] | None = attr(default=None, description="[low, high], both included")
    decimals: tuple[DecimalEnd, DecimalEnd] | None = attr(default=None, description="[low, high], rounded to `places`")
    places: int | None = attr(default=None, ge=0, le=6, description="decimal places of `decimals` (default 1)")
    choice: list[Number] | None = attr(default=None, min_length=1, max_length=100, description="numbers to pick from")
    excluded: list[Number] = attr(
        factory=list, alias="not", max_length=100, description="numbers never drawn, e.g. [0]"
    )

    def __post_init__(self) -> None:  # pydantic reports a ValueError here as the value's error
        kinds = [k for k in ("integers", "decimals", "choice") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("vary needs exactly one of 'integers', 'decimals' or 'choice'")
        if self.places is not None and self.decimals is None:
            raise ValueError("'places' goes with 'decimals'")
        span = self.integers or self.decimals
        if span is not None and span[0] > span[1]:
            raise ValueError(f"the range [{span[0]}, {span[1]}] is empty: write [low, high]")
        if not self._candidates_left():
            raise ValueError("'not' excludes every number the range or choice allows")

    @property
    def count(self) -> int:
        """How many numbers the spec allows before `not`."""
        if self.choice is not None:
            return len(self.choice)
        low, high = self.integers or self.decimals
        return math.floor(round((high - low) / self._step, 6)) + 1

    def number(self, index: int) -> float:
        """The index-th number the spec allows before `not` (0 <= index < count)."""
        if self.choice is not None:
            return self.choice[index]
        low = (self.integers or self.decimals)[0]
        return float(low + index) if self.integers else round(low + index * self._step, self._places)

    @property
    def _places(self) -> int:
        return 1 if self.places is None else self.places

    @property
    def _step(self) -> float:
        return 1.0 if self.integers is not None else 10.0 ** -self._places

    def _candidates_left(self) -> bool:
        excluded = set(self.excluded)
        return self.count > len(excluded) or any(self.number(i) not in excluded for i in range(self.count))


@record
class VariedInput:
    """An input a quiz may draw afresh, e.g. {value: -2, vary: {integers: [-5, 5], not: [0]}}."""

    value: Annotated[Any, JsonSchema({"anyOf": [{"type": "number"}, {"type": "array"}]})] = attr(
        description="the authored value, a number or a list: the walk-through always uses it"
    )
    vary: Vary


def input_form(raw: Any) -> type[GeneratedTensor] | type[VariedInput] | None:
    """The model an input written as a mapping is read with (None: a number or a list)."""
    if not isinstance(raw, dict):
        return None
    return VariedInput if "value" in raw or "vary" in raw and "shape" not in raw else GeneratedTensor


class InputValue:
    """The JSON Schema of an input. The semantic pass reads the value (engine/values.py), so
    that a ragged matrix or a NaN gets a message about the input rather than about types."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        """Any value; the mapping forms are kept beside it for the JSON Schema."""
        from pydantic_core import core_schema

        forms = [handler.generate_schema(VariedInput), handler.generate_schema(GeneratedTensor)]
        return core_schema.json_or_python_schema(json_schema=core_schema.union_schema(forms), python_schema=handler(source))

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler) -> dict:
        number = {"type": "number"}
        return {"anyOf": [
            {**number, "description": "a scalar"},
            {"type": "array", "items": number, "minItems": 1, "description": "a vector"},
            {"type": "array", "items": {"type": "array", "items": number, "minItems": 1}, "minItems": 1,
             "description": "a matrix, by rows"},
            *(handler(form) for form in core_schema["json_schema"]["choices"]),
        ]}


AnswerValue = Annotated[Any, JsonSchema({"anyOf": [
    {"type": "number"},
    {"type": "string", "description": "an expression over node names, or one of the choices"},
    {"type": "array", "description": "a vector, or a matrix by rows"},
]})]


@record
class NodeSpec:
    """A node: `{op: mul, inputs: [a, b]}`, or an expression string such as `a * b + c`."""

    op: str | None = attr(default=None, json_schema_extra=_offer(_op_names))
    inputs: list[Name | float] = attr(factory=list)
    expr: str | None = attr(default=None, max_length=2000)
    label: str | None = attr(default=None, max_length=24)
    rank: int | None = attr(default=None, ge=0, description="layout hint: column of the graph")
    order: int | None = attr(default=None, ge=0, description="layout hint: position in its column")

    @staticmethod
    def shorthand(data: Any) -> Any:
        """`a * b` is written for {expr: a * b}."""
        return {"expr": data} if isinstance(data, str) else data

    def __post_init__(self) -> None:
        if (self.op is None) == (self.expr is None):
            raise ValueError("a node needs either 'op' (with 'inputs') or an expression, not both")
        if self.expr is not None and self.inputs:
            raise ValueError("an expression node takes its inputs from the expression; drop 'inputs'")

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        from pydantic_core import core_schema

        # a named definition, as the JSON Schema has always had it ($defs/NodeSpec)
        return core_schema.no_info_before_validator_function(cls.shorthand, handler(source), ref="NodeSpec")

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler) -> dict:
        expression = {"type": "string", "maxLength": 2000, "description": "an expression over earlier names, e.g. x*y + z"}
        spec = handler.resolve_ref_schema(handler(core_schema))
        spec["oneOf"] = [{"required": ["op"]}, {"required": ["expr"], "not": {"required": ["inputs"]}}]  # as _op_or_expression
        return {"anyOf": [expression, spec]}


@record
class Misconception:
    answer: AnswerValue = attr(description="a wrong answer a learner is likely to give")
    message: Text


@record
class Question:
    id: Slug
    at: StepKey = attr(
        description="the step at which the question is asked, before it is revealed",
        examples=["forward.NODE", "backward.NODE"],
    )
    ask: Text
    expect: Annotated[str, Rules(pattern=EXPECT_PATTERN)] | None = attr(
        default=None, description=f"what the engine computes for this question: {EXPECT_FORMS}",
        examples=list(EXPECT_EXAMPLES),
    )
    answer: AnswerValue = attr(default=None, description="number, list, or expression over node names")
    choices: list[Text] | None = attr(default=None, min_length=2, max_length=8)
    hints: list[Text] = attr(min_length=1)
    misconceptions: list[Misconception] = attr(factory=list)
    tolerance: float | None = attr(
        default=None, gt=0, description="relative tolerance of a learner's answer (default 0.02) "
        "and of the key check",
    )
    aliases: dict[Annotated[str, Rules(max_length=40)], Annotated[str, Rules(max_length=200)]] = attr(
        factory=dict,
        description="other names a learner may use in this answer, each for an expression over "
        "node names, e.g. {δ: delta_z}",
    )
    sig_digits: int | None = attr(
        default=None, ge=1, le=12,
        description="a learner's numbers must be right to this many significant digits",
    )
    exact: bool = attr(
        default=False, description="the answer must be the key's formula exactly (SymPy decides), not just its value"
    )
    explain: str | None = attr(default=None, description="the worked step shown on reveal")

    def __post_init__(self) -> None:
        if self.choices is not None:
            if self.expect is not None:
                raise ValueError("a multiple-choice question has 'choices' and no 'expect'")
            if self.answer not in self.choices:
                raise ValueError("'answer' must be one of the 'choices', word for word")
        elif self.expect is None and self.answer is None:
            raise ValueError("a question needs 'expect' (what the engine checks) or 'choices'")
        elif self.expect is None:
            raise ValueError("a question needs 'expect' so that the engine can verify its answer")


@record
class Training:
    """One step of gradient descent after the backward pass: inputs ← inputs − learning_rate × grad."""

    learning_rate: float = attr(gt=0)
    update: list[Name] = attr(min_length=1, description="the inputs (parameters) the step changes")


@record
class Lesson:
    format: Literal[1] = attr(description="version of the lesson format")
    id: Slug = attr(description="stable id: progress is keyed by it")
    title: Text
    summary: Text
    tags: list[str] = attr(factory=list)
    inputs: dict[Name, Annotated[Any, InputValue]] = attr(
        description="leaves: numbers, lists (vectors), nested lists (matrices), generated tensors, "
        "or {value, vary} for inputs a quiz draws afresh"
    )
    nodes: dict[Name, NodeSpec] = attr(min_length=1)
    output: Name
    notes: dict[StepKey, Text] = attr(factory=dict)
    questions: list[Question] = attr(factory=list)
    predict_every_step: bool = attr(
        default=False, description="ask for the local and downstream gradient at every backward node"
    )
    digits: int | None = attr(
        default=None, ge=1, le=15,
        description="significant digits of every {value.NODE}-style field without its own format (default 4)",
    )
    demo: str | None = attr(
        default=None, description="a demo to link to, e.g. vectorization", json_schema_extra=_offer(_demo_names)
    )
    train: Training | None = attr(
        default=None, description="take one gradient-descent step; then updated.NAME and after.NODE exist"
    )
    claims: list[Annotated[str, Rules(min_length=1, max_length=500)]] = attr(
        factory=list, alias="assert",
        description="what the narration relies on, checked for every drawn variant, e.g. '{grad.x} < 0'",
    )


@record
class CourseEntry:
    id: Slug
    requires: list[Slug] = attr(factory=list)
    section: str | None = attr(default=None, description="heading the lesson is listed under")


@record
class Course:
    format: Literal[1]
    title: Text
    lessons: list[CourseEntry]
