"""The lesson file format as pydantic models (the schema pass). See lessons/FORMAT.md.

Only structure is checked here; whether names resolve, shapes fit and answer keys are
right is the semantic pass (`semantics.py`), which needs the engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, WithJsonSchema, model_validator

_NAME = r"[A-Za-z][A-Za-z0-9_]*"
# What a question may `expect` (and lesson text may quote in braces), as an author reads the
# forms and an editor offers them; expectations.py computes them.
EXPECT_EXAMPLES = ("value.NODE", "grad.NODE", "local.NODE.INPUT", "downstream.NODE.INPUT", "updated.INPUT",
                   "after.NODE", "numeric.INPUT", "relerr.INPUT")
EXPECT_KINDS = {form.split(".")[0]: form.count(".") for form in EXPECT_EXAMPLES}  # kind -> names after it
EXPECT_PATTERN = "^(" + "|".join(rf"{kind}(\.{_NAME}){{{names}}}" for kind, names in EXPECT_KINDS.items()) + ")$"
EXPECT_FORMS = ", ".join(EXPECT_EXAMPLES[:-1]) + " or " + EXPECT_EXAMPLES[-1]

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Name = Annotated[str, Field(pattern=f"^{_NAME}$", max_length=40)]
StepKey = Annotated[str, Field(pattern=rf"^(forward|backward)\.{_NAME}$")]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
Number = Annotated[float, Field(strict=True)]  # 2 and 2.5, never true or "2"


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


class Strict(BaseModel):
    # defer_build: a model's validator is built when first used, and the nested ones inside
    # Lesson's: a lesson loads without building the others' (Course, or Question on its own)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class GeneratedTensor(Strict):
    """An input filled with seeded random numbers, e.g. {shape: [5, 3], init: xavier, seed: 0}."""

    shape: list[Annotated[int, Field(ge=1, le=1000)]] = Field(min_length=1, max_length=2)
    init: str = Field(default="normal", description="how the numbers are drawn", json_schema_extra=_offer(_init_names))
    seed: int = 0
    scale: float = 1.0
    vary: bool = Field(default=False, description="a quiz draws it again with another seed")


MAX_END = 10**9  # of a range: NumPy can count its numbers, even at 6 decimal places
WholeEnd = Annotated[int, Field(ge=-MAX_END, le=MAX_END)]
DecimalEnd = Annotated[float, Field(strict=True, ge=-MAX_END, le=MAX_END)]


class Vary(Strict):
    """How a quiz draws a fresh number (each entry of a list alike): integers, decimals or a choice."""

    integers: tuple[WholeEnd, WholeEnd] | None = Field(default=None, description="[low, high], both included")
    decimals: tuple[DecimalEnd, DecimalEnd] | None = Field(default=None, description="[low, high], rounded to `places`")
    places: int | None = Field(default=None, ge=0, le=6, description="decimal places of `decimals` (default 1)")
    choice: list[Number] | None = Field(default=None, min_length=1, max_length=100, description="numbers to pick from")
    excluded: list[Number] = Field(
        default_factory=list, alias="not", max_length=100, description="numbers never drawn, e.g. [0]"
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Vary:
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
        return self

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


class VariedInput(Strict):
    """An input a quiz may draw afresh, e.g. {value: -2, vary: {integers: [-5, 5], not: [0]}}."""

    value: Annotated[Any, WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "array"}]})] = Field(
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
    def __get_pydantic_json_schema__(cls, core_schema, handler: GetJsonSchemaHandler) -> dict:
        number = {"type": "number"}
        return {"anyOf": [
            {**number, "description": "a scalar"},
            {"type": "array", "items": number, "minItems": 1, "description": "a vector"},
            {"type": "array", "items": {"type": "array", "items": number, "minItems": 1}, "minItems": 1,
             "description": "a matrix, by rows"},
            handler(VariedInput.__pydantic_core_schema__),
            handler(GeneratedTensor.__pydantic_core_schema__),
        ]}


AnswerValue = Annotated[Any, WithJsonSchema({"anyOf": [
    {"type": "number"},
    {"type": "string", "description": "an expression over node names, or one of the choices"},
    {"type": "array", "description": "a vector, or a matrix by rows"},
]})]


class NodeSpec(Strict):
    """A node: `{op: mul, inputs: [a, b]}`, or an expression string such as `a * b + c`."""

    op: str | None = Field(default=None, json_schema_extra=_offer(_op_names))
    inputs: list[Name | float] = Field(default_factory=list)
    expr: str | None = Field(default=None, max_length=2000)
    label: str | None = Field(default=None, max_length=24)
    rank: int | None = Field(default=None, ge=0, description="layout hint: column of the graph")
    order: int | None = Field(default=None, ge=0, description="layout hint: position in its column")

    @model_validator(mode="before")
    @classmethod
    def _expression_shorthand(cls, data: Any) -> Any:
        return {"expr": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _op_or_expression(self) -> NodeSpec:
        if (self.op is None) == (self.expr is None):
            raise ValueError("a node needs either 'op' (with 'inputs') or an expression, not both")
        if self.expr is not None and self.inputs:
            raise ValueError("an expression node takes its inputs from the expression; drop 'inputs'")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler: GetJsonSchemaHandler) -> dict:
        expression = {"type": "string", "maxLength": 2000, "description": "an expression over earlier names, e.g. x*y + z"}
        spec = handler.resolve_ref_schema(handler(core_schema))
        spec["oneOf"] = [{"required": ["op"]}, {"required": ["expr"], "not": {"required": ["inputs"]}}]  # as _op_or_expression
        return {"anyOf": [expression, spec]}


class Misconception(Strict):
    answer: AnswerValue = Field(description="a wrong answer a learner is likely to give")
    message: Text


class Question(Strict):
    id: Slug
    at: StepKey = Field(
        description="the step at which the question is asked, before it is revealed",
        examples=["forward.NODE", "backward.NODE"],
    )
    ask: Text
    expect: Annotated[str, Field(pattern=EXPECT_PATTERN)] | None = Field(
        default=None, description=f"what the engine computes for this question: {EXPECT_FORMS}",
        examples=list(EXPECT_EXAMPLES),
    )
    answer: AnswerValue = Field(default=None, description="number, list, or expression over node names")
    choices: list[Text] | None = Field(default=None, min_length=2, max_length=8)
    hints: list[Text] = Field(min_length=1)
    misconceptions: list[Misconception] = Field(default_factory=list)
    tolerance: float | None = Field(
        default=None, gt=0, description="relative tolerance of a learner's answer (default 0.02) "
        "and of the key check",
    )
    aliases: dict[Annotated[str, Field(max_length=40)], Annotated[str, Field(max_length=200)]] = Field(
        default_factory=dict,
        description="other names a learner may use in this answer, each for an expression over "
        "node names, e.g. {δ: delta_z}",
    )
    sig_digits: int | None = Field(
        default=None, ge=1, le=12,
        description="a learner's numbers must be right to this many significant digits",
    )
    exact: bool = Field(
        default=False, description="the answer must be the key's formula exactly (SymPy decides), not just its value"
    )
    explain: str | None = Field(default=None, description="the worked step shown on reveal")

    @model_validator(mode="after")
    def _kind(self) -> Question:
        if self.choices is not None:
            if self.expect is not None:
                raise ValueError("a multiple-choice question has 'choices' and no 'expect'")
            if self.answer not in self.choices:
                raise ValueError("'answer' must be one of the 'choices', word for word")
        elif self.expect is None and self.answer is None:
            raise ValueError("a question needs 'expect' (what the engine checks) or 'choices'")
        elif self.expect is None:
            raise ValueError("a question needs 'expect' so that the engine can verify its answer")
        return self


class Training(Strict):
    """One step of gradient descent after the backward pass: inputs ← inputs − learning_rate × grad."""

    learning_rate: float = Field(gt=0)
    update: list[Name] = Field(min_length=1, description="the inputs (parameters) the step changes")


class Lesson(Strict):
    format: Literal[1] = Field(description="version of the lesson format")
    id: Slug = Field(description="stable id: progress is keyed by it")
    title: Text
    summary: Text
    tags: list[str] = Field(default_factory=list)
    inputs: dict[Name, Annotated[Any, InputValue]] = Field(
        description="leaves: numbers, lists (vectors), nested lists (matrices), generated tensors, "
        "or {value, vary} for inputs a quiz draws afresh"
    )
    nodes: dict[Name, NodeSpec] = Field(min_length=1)
    output: Name
    notes: dict[StepKey, Text] = Field(default_factory=dict)
    questions: list[Question] = Field(default_factory=list)
    predict_every_step: bool = Field(
        default=False, description="ask for the local and downstream gradient at every backward node"
    )
    digits: int | None = Field(
        default=None, ge=1, le=15,
        description="significant digits of every {value.NODE}-style field without its own format (default 4)",
    )
    demo: str | None = Field(
        default=None, description="a demo to link to, e.g. vectorization", json_schema_extra=_offer(_demo_names)
    )
    train: Training | None = Field(
        default=None, description="take one gradient-descent step; then updated.NAME and after.NODE exist"
    )
    claims: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list, alias="assert",
        description="what the narration relies on, checked for every drawn variant, e.g. '{grad.x} < 0'",
    )


class CourseEntry(Strict):
    id: Slug
    requires: list[Slug] = Field(default_factory=list)
    section: str | None = Field(default=None, description="heading the lesson is listed under")


class Course(Strict):
    format: Literal[1]
    title: Text
    lessons: list[CourseEntry]
