"""Reading learner text: rewriting, shapes, positions of errors, suggestions."""

from __future__ import annotations

import pytest

from backprop_tui.answers import AnswerError, parse_answer

SCALARS = {"x": -2.0, "y": 5.0, "w": 3.0, "delta": 0.5, "apple_num": 2, "w0": 1.0}
MATRICES = {"W": [[1, 2, 3], [4, 5, 6]], "d": [[1], [2]], "h": [[1], [2], [3]], "v": [1, 2, 3]}


@pytest.mark.parametrize(("text", "reading"), [
    ("2x", "2*x"),
    ("2(x+y)", "2*x + 2*y"),
    ("(x)(y)", "x*y"),
    ("x y", "x*y"),
    ("x^2", "x**2"),
    ("x²", "x**2"),
    ("x⁻¹", "1/x"),
    ("√x", "sqrt(x)"),
    ("√(x+y)", "sqrt(x + y)"),
    ("δ", "delta"),
    ("2δ", "2*delta"),
    ("σ(x)", "sigmoid(x)"),
    ("ln(y)", "log(y)"),
    ("x − y", "x - y"),
    ("x·y", "x*y"),
    ("x × y", "x*y"),
    ("x ÷ y", "x/y"),
    ("-.2", "-0.2"),
    ("1e-3", "0.001"),
    ("007", "7"),
    ("apple_num w0", "apple_num*w0"),
    ("π", "pi"),
    ("e^x", "exp(x)"),
])
def test_scalar_readings(text: str, reading: str) -> None:
    assert parse_answer(text, SCALARS).interpretation == reading


@pytest.mark.parametrize(("text", "reading", "shape"), [
    ("W.T", "W.T", (3, 2)),
    ("W^T", "W.T", (3, 2)),
    ("Wᵀ", "W.T", (3, 2)),
    ("transpose(W)", "W.T", (3, 2)),
    ("W.T.T", "W", (2, 3)),
    ("(Wᵀ)ᵀ", "W", (2, 3)),
    ("W^T d", "W.T @ d", (3, 1)),
    ("d h^T", "d @ h.T", (2, 3)),
    ("outer(d, h)", "outer(d, h)", (2, 3)),
    ("W h", "W @ h", (2, 1)),
    ("v v", "v**2", (3,)),
    ("W v", "W @ v", (2,)),
    ("2W", "2*W", (2, 3)),
    ("sum(W)", "sum(W)", ()),
    ("v.T", "v", (3,)),
    ("[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]", (2, 2)),
    ("[v, v]", "[v, v]", (2, 3)),
])
def test_matrix_readings(text: str, reading: str, shape: tuple[int, ...]) -> None:
    parsed = parse_answer(text, MATRICES)
    assert (parsed.interpretation, parsed.shape) == (reading, shape)


def test_pretty_is_multi_line_unicode() -> None:
    assert parse_answer("x^2/y", SCALARS).pretty.count("\n") >= 2
    assert "σ" in parse_answer("sigmoid(x)", SCALARS).pretty
    assert "T" in parse_answer("W^T d", MATRICES).pretty


def test_variable_named_t_makes_caret_t_a_power() -> None:
    assert parse_answer("x^T", {"x": 2.0, "T": 3.0}).interpretation == "x**T"
    assert parse_answer("x^T", {"x": [[1.0, 2.0]]}).shape == (2, 1)


def test_a_lesson_may_use_python_keywords_and_function_names_as_variables() -> None:
    parsed = parse_answer("lambda * exp + sum", {"lambda": 1.0, "exp": 2.0, "sum": 3.0})
    assert parsed.symbols == ("exp", "lambda", "sum")


@pytest.mark.parametrize(("text", "rule", "position", "words"), [
    ("x +", "syntax", 2, "missing after '+'"),
    ("x + * y", "syntax", 4, "'*'"),
    ("(x + y", "syntax", 0, "never closed"),
    ("x + y)", "syntax", 5, "Unmatched"),
    ("[x, y)", "syntax", 5, "closed by"),
    ("x # y", "syntax", 2, "'#'"),
    ("x = 2", "syntax", 2, "without '='"),
    ("2 3", "syntax", 2, "Missing an operator"),
    ("wx", "unknown_name", 0, "did you mean w*x?"),
    ("xy + 1", "unknown_name", 0, "did you mean x*y?"),
    ("2 + aple_num", "unknown_name", 4, "did you mean apple_num?"),
    ("sigmod(x)", "unknown_name", 0, "did you mean sigmoid?"),
    ("foo(x)", "unknown_name", 0, "Functions you can use"),
    ("sigmoid x", "syntax", 0, "parentheses"),
    ("x.y", "syntax", 1, "only .T"),
    ("x.__class__", "unsafe", 1, "only .T"),
    ("import", "unsafe", 0, "program code"),
    ("1/0", "undefined", 0, "divides by zero"),
    ("x^100", "too_complex", 0, "exponent"),
    ("1e999", "too_complex", 0, "too large"),
    ("123456789012345", "too_complex", 0, "too large"),
    ("∂L/∂q", "unknown_name", 0, "∂L/∂x or dL/dx"),
    ("x'", "syntax", 1, "transpose"),
    ("'x", "syntax", 0, "quote"),
])
def test_errors_name_the_problem_and_its_column(text: str, rule: str, position: int,
                                                words: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(text, SCALARS)
    assert (caught.value.rule, caught.value.position) == (rule, position)
    assert words in caught.value.message


@pytest.mark.parametrize(("text", "words"), [
    ("W + h", "Shapes don't fit for +"),
    ("W @ W", "Shapes don't fit for @"),
    ("[[1, 2], [3]]", "same shape"),
    ("dot(W, W)", "Shapes don't fit for dot"),
])
def test_shape_mismatch_in_the_typed_expression(text: str, words: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(text, MATRICES)
    assert caught.value.rule == "shape_mismatch"
    assert words in caught.value.message


def test_length_and_depth_are_bounded() -> None:
    for text, rule in (("x" * 501, "too_long"), ("(" * 31 + "x" + ")" * 31, "too_complex"),
                       ("x+" * 200 + "x", "too_complex")):
        with pytest.raises(AnswerError) as caught:
            parse_answer(text, SCALARS)
        assert caught.value.rule == rule


REGULARIZATION = {"lambda": 0.1, "W": [[1.0, -2.0], [0.5, 3.0]], "z": 0.5, "delta": 2.0}


@pytest.mark.parametrize(("text", "reading"), [
    ("2λW", "2*W*lambda"),
    ("λW", "W*lambda"),
    ("2 λ W", "2*W*lambda"),
    ("λW²", "W**2*lambda"),
    ("σz", "sigmoid(z)"),
    ("σz(1-σz)", "(1 - sigmoid(z))*sigmoid(z)"),
    ("σδ", "sigmoid(delta)"),
    ("δλ", "delta*lambda"),
    ("2πz", "2*pi*z"),
    ("λσ(z)", "lambda*sigmoid(z)"),
])
def test_a_leading_greek_letter_is_split_off(text: str, reading: str) -> None:
    assert parse_answer(text, REGULARIZATION).interpretation == reading


@pytest.mark.parametrize(("text", "message"), [
    ("Wλ", "did you mean W*λ?"),  # ASCII first: never split
    ("λWz", "did you mean λ*W*z?"),  # the rest is not one known name
    ("σσz", "Unknown name 'σσz'"),
    ("λσ", "Unknown name 'λσ'"),
    ("ηW", "Unknown name 'ηW'"),  # η means nothing in this lesson
])
def test_greek_letters_are_not_split_into_unknowns(text: str, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(text, REGULARIZATION)
    assert caught.value.rule == "unknown_name" and message in caught.value.message


def test_a_variable_named_like_the_split_wins() -> None:
    assert parse_answer("λW", {"λW": 1.0, "lambda": 2.0, "W": 3.0}).symbols == ("λW",)


@pytest.mark.parametrize("typed", ["λ", "lambda", "2λW"])
def test_lambda_finds_a_variable_named_lam(typed: str) -> None:
    assert "lam" in parse_answer(typed, {"lam": 0.1, "W": 1.0}).symbols


COLUMNS = {"d": [1.0, 2.0], "x": [1.0, 2.0, 3.0], "y": [3.0, 4.0, 5.0], "r": [[1.0, 2.0, 3.0]],
           "c": [[1.0], [2.0]], "W": [[1, 2, 3], [4, 5, 6]]}


@pytest.mark.parametrize(("text", "reading", "shape"), [
    ("d xᵀ", "outer(d, x)", (2, 3)),
    ("d x^T", "outer(d, x)", (2, 3)),
    ("d @ x.T", "outer(d, x)", (2, 3)),
    ("d transpose(x)", "outer(d, x)", (2, 3)),
    ("2 d x^T", "outer(2*d, x)", (2, 3)),
    ("-d x^T", "outer(-d, x)", (2, 3)),
    ("d r", "outer(d, r)", (2, 3)),  # a vector times a 1×n matrix
    ("c x^T", "outer(c, x)", (2, 3)),  # an n×1 matrix times a row
    ("c r", "c @ r", (2, 3)),
    ("x^T y", "x @ y", ()),
    ("x.T @ y", "x @ y", ()),
    ("x @ y", "x @ y", ()),
    ("x y", "x*y", (3,)),
    ("(x^T)^T y", "x*y", (3,)),
    ("x^T W.T", "x @ W.T", (2,)),
    ("x^T", "x", (3,)),
])
def test_vectors_are_columns(text: str, reading: str, shape: tuple[int, ...]) -> None:
    parsed = parse_answer(text, COLUMNS)
    assert (parsed.interpretation, parsed.shape) == (reading, shape)


def test_a_row_times_a_column_of_another_length_is_a_shape_mismatch() -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer("d^T x", COLUMNS)
    assert caught.value.rule == "shape_mismatch" and "@" in caught.value.message


@pytest.mark.parametrize(("typed", "names"), [
    ("2*lam*W", {"lambda": 0.1, "W": 1.0}), ("lam", {"λ": 0.1}), ("eps", {"epsilon": 1e-3}),
    ("ε", {"eps": 1e-3}),
])
def test_short_names_for_greek_letters(typed: str, names: dict) -> None:
    assert parse_answer(typed, names).symbols[-1] in names


def test_hadamard_product_signs_mean_elementwise():
    from backprop_tui.answers import check

    variables = {"u": [1.0, -2.0], "h": [0.5, 0.25]}
    assert check("u ∘ h ∘ (1-h)", "u*h*(1-h)", variables).correct
    assert check("u ⊙ h", "u*h", variables).correct


def test_list_entries_without_commas_are_a_format_error():
    from backprop_tui.answers import check

    verdict = check("[1 -2]", "[1, -2]", {})
    assert verdict.rule == "syntax" and not verdict.counts_as_attempt
    assert "commas" in verdict.feedback
    assert check("[1, -2]", "[1, -2]", {}).correct
    assert check("[1 - 2, 3]", "[-1, 3]", {}).correct  # spaced on both sides: a subtraction
    assert check("[[1, 2], [3 -4, 5]]", "[[1, 2], [-1, 5]]", {}).rule == "syntax"
