"""The answer corpus: (answer, key, variables, expected rule, options) checked by test_corpus.py.

``rule == "correct"`` means the answer must be accepted; any other rule means it must be rejected
with exactly that rule id. Options are passed to ``check`` as keyword arguments.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple


class Entry(NamedTuple):
    answer: str
    key: Any
    variables: dict[str, Any]
    rule: str
    options: dict[str, Any]


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


NONE: dict[str, Any] = {}
CS231N = {"x": -2.0, "y": 5.0, "z": -4.0}
APPLE = {"apple": 100, "apple_num": 2, "orange": 150, "orange_num": 3, "tax": 1.1}
NEURON = {"z": 0.5, "w0": 2.0, "x0": -1.0, "w1": -3.0, "x1": -2.0, "w2": -3.0}
MAT = {"W": [[1, 2, 3], [4, 5, 6]], "x": [[1], [2], [3]], "delta": [[0.5], [-1.0]]}
VEC = {"v": [1.0, -2.0, 3.0], "u": [0.5, 1.5, -1.0], "z": [0.3, -0.7, 1.2]}
SQUARE = {"A": [[1, 2], [3, 4]], "B": [[0, 1], [5, -1]]}
ONE = {"x": 3.7}
TWO = {"x": 1.7, "y": 2.3}
UPSTREAM = {"z": 0.5, "dout": -1.7}
BRANCH = {"x": 1.5, "y": 0.7}
COLS = {"delta": [0.5, -1.0], "x": [1.0, 2.0, 3.0], "u": [0.25, 2.0], "y": [2.0, -1.0, 0.5]}
SCREEN = {"u": -2.4561234, "h": _sigmoid(0.5)}  # an upstream gradient shown as -2.456
REG = {"lambda": 0.1, "W": [[1.0, -2.0], [0.5, 3.0]]}

NEURON_KEY = "x0*sigmoid(w0*x0 + w1*x1 + w2)*(1 - sigmoid(w0*x0 + w1*x1 + w2))"
FORWARD = {"apple_price": 200, "all_price": 650, "price": 715}


def e(answer: str, key: Any, variables: dict[str, Any], rule: str, **options: Any) -> Entry:
    return Entry(answer, key, variables, rule, options)


CORPUS: list[Entry] = [
    # --- plain numbers and the precision rule
    e("2.2", "tax*apple_num", APPLE, "correct"),
    e("2.20", 2.2, NONE, "correct"),
    e("-0.1966", -0.19661193, NONE, "correct"),
    e("-0.197", -0.19661193, NONE, "correct"),
    e("-0.20", -0.19661193, NONE, "correct"),
    e("-0.2", -0.19661193, NONE, "correct"),
    e("-0.19", -0.19661193, NONE, "imprecise"),
    e("0.5", 0.5, NONE, "correct"),
    e("1/2", 0.5, NONE, "correct"),
    e(".5", 0.5, NONE, "correct"),
    e("5e-1", 0.5, NONE, "correct"),
    e("0.33", "1/3", NONE, "correct"),
    e("0.3", "1/3", NONE, "wrong"),
    e("1/3", 0.333333333, NONE, "correct"),
    e("110", "apple*tax", APPLE, "correct"),
    e("3.3", "orange_num*tax", APPLE, "correct"),
    e("-4", "z", CS231N, "correct"),
    e("−4", "z", CS231N, "correct"),
    e("1e-3", 0.001, NONE, "correct"),
    e("0", 0, NONE, "correct"),
    e("0.0", 0.0, NONE, "correct"),
    e("0", 0.3, NONE, "wrong"),
    e("-3.9", "z", CS231N, "imprecise"),
    e("100", 100.4, NONE, "correct"),
    e("2.2000001", 2.2, NONE, "correct"),
    e("2.21", 2.2, NONE, "correct"),
    e("2.21", 2.2, NONE, "imprecise", sig_digits=3),
    e("2.21", 2.2, NONE, "correct", tolerance=0.01),
    e("-0.20", NEURON_KEY, NEURON, "correct"),
    e("-0.196612", NEURON_KEY, NEURON, "correct"),
    e("[0.50, 1, 1.5]", [0.5, 1.0, 1.5], NONE, "correct"),
    e("[0.33, 0.67]", "[1/3, 2/3]", NONE, "correct"),
    # --- numbers read off the screen: judged at the lesson's values, allowing for their rounding
    e("-2.456*h*(1-h)", "u*h*(1-h)", SCREEN, "correct"),
    e("-2.456*0.2350", "u*h*(1-h)", SCREEN, "correct"),
    e("-2.456*0.6225*0.3775", "u*h*(1-h)", SCREEN, "correct"),
    e("u*0.2350", "u*h*(1-h)", SCREEN, "coincidence"),
    e("-2.456*h", "u*h*(1-h)", SCREEN, "missing_factor"),
    e("2.456*h*(1-h)", "u*h*(1-h)", SCREEN, "sign"),
    e("-2.456*h*(1-h)", -0.5771984, SCREEN, "correct"),
    e("outer([-0.5, 0.25], x)", "outer(d, x)", {"d": [-0.5, 0.25], "x": [1.0, 2.0, 3.0]},
      "correct"),
    e("outer([-0.4987, 0.2513], x)", "outer(d, x)", {"d": [-0.49871, 0.25129], "x": [1.0, 2.0]},
      "correct"),
    e("outer([-0.5, 0.25], x)", "outer(d, x)", {"d": [-0.49871, 0.25129], "x": [1.0, 2.0]},
      "correct"),
    e("[0.5*x, 1]", "[x/2, 1]", {"x": 3.0}, "correct"),
    e("2*s*(1-s)", "x*s*(1-s)", {"x": 2.0, "s": 0.3}, "coincidence"),
    e("3*s*(1-s)", "x*s*(1-s)", {"x": 2.0, "s": 0.3}, "wrong"),
    e("0.47*2", 0.9399, NONE, "correct"),
    e("2*0.6225*0.3775", "2*sigmoid(z)*(1-sigmoid(z))", {"z": 0.5}, "correct"),
    e("1.583 + 0.009046", 1.5920457, NONE, "correct"),
    e("1.583 + 0.009", 1.5920457, NONE, "correct"),
    e("0.5*2", 0.9399, NONE, "wrong"),
    e("0.48*2", 0.9399, NONE, "imprecise"),
    e("-0.2 + 0", -0.19661193, NONE, "correct"),
    e("0.5*0.1966", "x*y", {"x": 0.5, "y": 0.19661193}, "correct"),
    e("0.5*0.1966", 0.098305965, NONE, "correct"),
    e("715*0.1", "price*t", {"price": 715.4, "t": 0.1}, "correct"),
    # --- rounded answers that also fit a known mistake
    e("1.6", 1.592, NONE, "correct"),
    e("1.6", 1.592, NONE, "imprecise", misconceptions=[("1.583", "One path only.")]),
    e("1.59", 1.592, NONE, "correct", misconceptions=[("1.583", "One path only.")]),
    e("1.58", 1.592, NONE, "misconception", misconceptions=[("1.583", "One path only.")]),
    e("1.583", 1.592, NONE, "misconception", misconceptions=[("1.583", "One path only.")]),
    e("1.6", 1.592, NONE, "correct", misconceptions=[("1.592", "The key itself is no mistake.")]),
    e("2.1", 2.060, NONE, "missing_branch", branch_terms=["2.095", "-0.035"]),
    e("2.04", 2.060, NONE, "imprecise", branch_terms=["2.095", "-0.035"]),
    e("2.06", 2.060, NONE, "correct", branch_terms=["2.095", "-0.035"]),
    e("2.1", "x + y", {"x": 2.095, "y": -0.035}, "missing_branch", branch_terms=["x", "y"]),
    e("1.6", 1.592, NONE, "imprecise", branch_terms=["1.0", "0.583", "0.009"]),
    e("0.79*2", 1.592, NONE, "misconception", misconceptions=[(1.583, "One path only.")]),
    e("[1.6, 2]", [1.592, 2], NONE, "imprecise", misconceptions=[([1.583, 2], "One path.")]),
    # --- equivalent forms of one expression
    e("2*(x+y)", "2*x + 2*y", CS231N, "correct"),
    e("2(x+y)", "2*x + 2*y", CS231N, "correct"),
    e("2x+2y", "2*(x+y)", CS231N, "correct"),
    e("x^2", "x**2", CS231N, "correct"),
    e("x²", "x*x", CS231N, "correct"),
    e("x**2", "x^2", CS231N, "correct"),
    e("x³", "x^2*x", CS231N, "correct"),
    e("(x+y)z", "x*z + y*z", CS231N, "correct"),
    e("z(x+y)", "(x+y)*z", CS231N, "correct"),
    e("x y", "x*y", CS231N, "correct"),
    e("(x)(y)", "x*y", CS231N, "correct"),
    e("x·y", "x*y", CS231N, "correct"),
    e("x×y", "y*x", CS231N, "correct"),
    e("x − y", "x-y", CS231N, "correct"),
    e("y/x", "y*x^-1", CS231N, "correct"),
    e("y/x", "y*x⁻¹", CS231N, "correct"),
    e("sqrt(x^2)", "abs(x)", CS231N, "correct"),
    e("√(y)", "y^0.5", TWO, "correct"),
    e("√y", "sqrt(y)", TWO, "correct"),
    e("exp(x)", "e^x", CS231N, "correct"),
    e("ln(y)", "log(y)", TWO, "correct"),
    e("(x+y)*z", "x*z + y*z", CS231N, "correct"),
    e("x*y*z", "z*y*x", CS231N, "correct"),
    e("2*pi*x", "2π x", CS231N, "correct"),
    e("+x", "x", CS231N, "correct"),
    e("--x", "x", CS231N, "correct"),
    e("2*x/x", 2, CS231N, "correct"),
    e("e^(x)", "exp(x)", CS231N, "correct"),
    e("x^(1/2)", "sqrt(x)", TWO, "correct"),
    e("1/(1/x)", "x", TWO, "correct"),
    e("(x+y)^2", "x^2 + 2x y + y^2", TWO, "correct"),
    e("x^2 - y^2", "(x-y)(x+y)", TWO, "correct"),
    e("2 x y", "2*x*y", TWO, "correct"),
    e("x/2", "0.5x", TWO, "correct"),
    e("sin(x)^2 + cos(x)^2", 1, TWO, "correct"),
    e("apple_num*tax", "tax*apple_num", APPLE, "correct"),
    e("apple_num tax", "tax*apple_num", APPLE, "correct"),
    e("δ*2", "2*delta", {"delta": 3.0}, "correct"),
    e("2δ", "2*delta", {"delta": 3.0}, "correct"),
    e("w0 x0", "w0*x0", NEURON, "correct"),
    e("2λW", "2*lambda*W", REG, "correct"),
    e("λW", "2*lambda*W", REG, "factor"),
    e("2λW", "2*lam*W", {"lam": 0.1, "W": [[1.0, -2.0], [0.5, 3.0]]}, "correct"),
    e("σz(1-σz)", "sigmoid(z)*(1-sigmoid(z))", NEURON, "correct"),
    # --- sigmoid and friends
    e("sigmoid(z)*(1-sigmoid(z))", "σ(z)(1-σ(z))", NEURON, "correct"),
    e("1/(1+exp(-z))", "sigmoid(z)", NEURON, "correct"),
    e("exp(-z)/(1+exp(-z))^2", "sigmoid(z)*(1-sigmoid(z))", NEURON, "correct"),
    e("σ(z) - σ(z)²", "sigmoid(z)*(1-sigmoid(z))", NEURON, "correct"),
    e("1 - tanh(z)^2", "1/cosh(z)^2", NEURON, "correct"),
    e("relu(z)", "max(z, 0)", NEURON, "correct"),
    e("step(x0)", 0, NEURON, "correct"),
    e("x0 σ(w0 x0 + w1 x1 + w2)(1 - σ(w0 x0 + w1 x1 + w2))", NEURON_KEY, NEURON, "correct"),
    e(f"{-_sigmoid(1) * (1 - _sigmoid(1)):.6f}", NEURON_KEY, NEURON, "correct"),
    e("σ(z)(1-σ(z))", "sigmoid(z)*(1-sigmoid(z))", VEC, "correct"),
    e("relu(v)", "max(v, 0)", VEC, "correct"),
    e("step(v)*u", "u*heaviside(v)", VEC, "correct"),
    e("softmax(v)", "exp(v)/sum(exp(v))", VEC, "correct"),
    # --- vectors and matrices
    e("delta @ x.T", "outer(delta, x)", MAT, "correct"),
    e("delta x^T", "delta @ x.T", MAT, "correct"),
    e("δ xᵀ", "delta @ x.T", MAT, "correct"),
    e("outer(delta, x)", "delta @ transpose(x)", MAT, "correct"),
    e("W.T @ delta", "transpose(W) @ delta", MAT, "correct"),
    e("W^T delta", "W.T @ delta", MAT, "correct"),
    e("Wᵀδ", "W.T @ delta", MAT, "correct"),
    e("(delta.T @ W).T", "W.T @ delta", MAT, "correct"),
    e("W.T.T", "W", MAT, "correct"),
    e("transpose(transpose(W))", "W", MAT, "correct"),
    e("(W^T)^T", "W", MAT, "correct"),
    e("[[0.5, 1.0, 1.5], [-1, -2, -3]]", "delta @ x.T", MAT, "correct"),
    e("[[-3.5], [-4], [-4.5]]", "W.T @ delta", MAT, "correct"),
    e("sum(v)", 2.0, VEC, "correct"),
    e("mean(v)", "sum(v)/3", VEC, "correct"),
    e("v*u", "u*v", VEC, "correct"),
    e("dot(v, u)", "sum(v*u)", VEC, "correct"),
    e("v @ u", "dot(u, v)", VEC, "correct"),
    e("2v", "v+v", VEC, "correct"),
    e("[1, -2, 3]", "v", VEC, "correct"),
    e("A B", "A @ B", SQUARE, "correct"),
    e("A*B", "B*A", SQUARE, "correct"),
    e("A^T", "A.T", SQUARE, "correct"),
    e("(A B)^T", "B^T A^T", SQUARE, "correct"),
    e("[[1, 3], [2, 4]]", "A.T", SQUARE, "correct"),
    # --- 1-D vectors read as columns, as in the lecture
    e("δ xᵀ", "outer(delta, x)", COLS, "correct"),
    e("delta x^T", "outer(delta, x)", COLS, "correct"),
    e("u x^T", "outer(u, x)", COLS, "correct"),
    e("delta @ x.T", "outer(delta, x)", COLS, "correct"),
    e("-δ xᵀ", "outer(delta, x)", COLS, "sign"),
    e("x δᵀ", "outer(delta, x)", COLS, "transposed"),
    e("x^T y", "dot(x, y)", COLS, "correct"),
    e("x.T @ y", "sum(x*y)", COLS, "correct"),
    e("x y", "x*y", COLS, "correct"),
    e("δᵀ x", "outer(delta, x)", COLS, "shape_mismatch"),
    # --- sign
    e("4", "z", CS231N, "sign"),
    e("-2.2", "tax*apple_num", APPLE, "sign"),
    e("-x", "x", CS231N, "sign"),
    e("y - x", "x - y", CS231N, "sign"),
    e("-delta @ x.T", "delta @ x.T", MAT, "sign"),
    e("0.1966", -0.19661193, NONE, "sign"),
    e("-σ(z)(1-σ(z))", "σ(z)(1-σ(z))", NEURON, "sign"),
    e("[-1, 2, -3]", "v", VEC, "sign"),
    # --- a constant factor off
    e("-8", "z", CS231N, "factor"),
    e("-2", "z", CS231N, "factor"),
    e("4.4", "tax*apple_num", APPLE, "factor"),
    e("1.1", "tax*apple_num", APPLE, "factor"),
    e("x", "2x", ONE, "factor"),
    e("4x", "2x", CS231N, "factor"),
    e("mean(v)", "sum(v)", VEC, "factor"),
    e("sum(v)", "mean(v)", VEC, "factor"),
    e("22", 2.2, NONE, "factor"),
    e("0.22", 2.2, NONE, "factor"),
    e("-2*delta @ x.T", "delta @ x.T", MAT, "factor"),
    e("[2, -4, 6]", "v", VEC, "factor"),
    e("0.5 x", "x", CS231N, "factor"),
    e("3x", "x", CS231N, "factor"),
    # --- a chain-rule factor missing
    e("apple_num", "tax*apple_num", APPLE, "missing_factor"),
    e("sigmoid(z)", "sigmoid(z)*(1-sigmoid(z))", NEURON, "missing_factor"),
    e("x0", NEURON_KEY, NEURON, "missing_factor"),
    e("sigmoid(z)*(1-sigmoid(z))", "dout*sigmoid(z)*(1-sigmoid(z))", UPSTREAM, "missing_factor"),
    e("1 - tanh(z)^2", "dout*(1-tanh(z)^2)", UPSTREAM, "missing_factor"),
    e("2", "2*x", ONE, "missing_factor"),
    e("2", 2.2, APPLE, "missing_factor"),
    e("exp(x^2)", "2*x*exp(x^2)", {"x": 0.7}, "missing_factor"),
    e("delta", "delta*dout", {"delta": [0.5, -1.0], "dout": -1.7}, "missing_factor"),
    # --- an extra factor
    e("tax*apple_num*orange", "tax*apple_num", APPLE, "extra_factor"),
    e("dout*sigmoid(z)", "sigmoid(z)", UPSTREAM, "extra_factor"),
    e("x*sigmoid(y)*(1-sigmoid(y))", "sigmoid(y)*(1-sigmoid(y))", TWO, "extra_factor"),
    e("2.42", 2.2, APPLE, "extra_factor"),
    e("x^2*y", "x*y", TWO, "extra_factor"),
    # --- transposed or wrong shape
    e("x @ delta.T", "delta @ x.T", MAT, "transposed"),
    e("W", "W.T", MAT, "transposed"),
    e("A.T", "A", SQUARE, "transposed"),
    e("delta.T @ W", "W.T @ delta", MAT, "transposed"),
    e("W.T @ delta", "delta @ x.T", MAT, "wrong_shape"),
    e("sum(delta)", "delta", MAT, "wrong_shape"),
    e("[0.5, -1]", "delta", MAT, "wrong_shape"),
    e("v", "sum(v)", VEC, "wrong_shape"),
    e("outer(v, u)", "dot(v, u)", VEC, "wrong_shape"),
    # --- forward value instead of the gradient
    e("200", "tax", APPLE, "forward_value", forward_values=FORWARD),
    e("715", 1, NONE, "forward_value", forward_values=FORWARD),
    e("sigmoid(z)", "sigmoid(z)*(1-sigmoid(z))", NEURON, "forward_value",
      forward_values={"a": _sigmoid(0.5)}),
    e("0.62", 0.235, NONE, "forward_value", forward_values={"a": _sigmoid(0.5)}),
    e("W", "delta @ x.T", MAT, "forward_value", forward_values={"W": MAT["W"]}),
    # --- a branch missing at a fork
    e("y", "y + 2*x", BRANCH, "missing_branch", branch_terms=["y", "2*x"]),
    e("2x", "y + 2x", BRANCH, "missing_branch", branch_terms=["y", "2*x"]),
    e("3", 5, NONE, "missing_branch", branch_terms=["3", "2"]),
    e("x + y", "x + y + x*y", BRANCH, "missing_branch", branch_terms=["x", "y", "x*y"]),
    e("x + y + x y", "x + y + x*y", BRANCH, "correct", branch_terms=["x", "y", "x*y"]),
    # --- author-listed misconceptions
    e("x", "2*x", ONE, "misconception", misconceptions=[("x", "The power comes down: 2x.")]),
    e("sigmoid(z)", "sigmoid(z)*(1-sigmoid(z))", NEURON, "misconception",
      misconceptions=[("σ(z)", "σ′ is σ(1−σ), not σ itself.")]),
    e("1", "tax", APPLE, "misconception",
      misconceptions=[("1", "A mul gate swaps: the local gradient is the other input.")]),
    e("4", "z", CS231N, "sign", misconceptions=[("x", "unused")]),
    e("4", "z", CS231N, "sign", misconceptions=[("x+", "a broken misconception is ignored")]),
    e("1", "tax", APPLE, "misconception", misconceptions=[(1, "A number from YAML.")]),
    e("0.5", 1.5, NONE, "misconception", misconceptions=[(0.5, "A float misconception.")]),
    e("[1, 2]", [3, 4], NONE, "misconception", misconceptions=[([1, 2], "A list one.")]),
    # --- k of n entries right
    e("[1, -2, 4]", "v", VEC, "partial_entries"),
    e("[[0.5, 1.0, 1.5], [-1, -2, 3]]", "delta @ x.T", MAT, "partial_entries"),
    e("[0.2, -2, 3]", "v", VEC, "partial_entries"),
    e("[[1, 3], [2, 5]]", "A.T", SQUARE, "partial_entries"),
    e("[0.2, 0.5]", [0.1966, 0.5], NONE, "correct"),
    # --- the same answer as last time
    e("4", "z", CS231N, "same_as_previous", previous="4"),
    e("x*2", "3x", CS231N, "same_as_previous", previous="2x"),
    e("4", "z", CS231N, "sign", previous="5"),
    e("-4", "z", CS231N, "correct", previous="-4"),
    e("4", "z", CS231N, "sign", previous="x+"),
    # --- right here, wrong as a formula
    e("max(x, y)", "y", CS231N, "coincidence"),
    e("x*2", "x+4", {"x": 4.0}, "coincidence"),
    e("x^2", "2x", {"x": 2.0}, "coincidence"),
    e("a*(1-a)", "sigmoid(z)*(1-sigmoid(z))", {"z": 0.5, "a": _sigmoid(0.5)}, "coincidence"),
    e("a*(1-a)", "sigmoid(z)*(1-sigmoid(z))", {"z": 0.5, "a": _sigmoid(0.5)}, "correct",
      definitions={"a": "sigmoid(z)"}),
    # --- plainly wrong
    e("exp(x)", "2*x*exp(x^2)", {"x": 0.7}, "wrong"),
    e("7", "z", CS231N, "wrong"),
    e("x+y", "x*y", {"x": 1.3, "y": 0.4}, "wrong"),
    e("sin(x)", "cos(x)", TWO, "wrong"),
    e("log(x)", "x", CS231N, "wrong"),
    # --- format errors (not counted as attempts)
    e("x+", "x", CS231N, "syntax"),
    e("2 3", 6, NONE, "syntax"),
    e("(x", "x", CS231N, "syntax"),
    e("x)", "x", CS231N, "syntax"),
    e("", 1, NONE, "syntax"),
    e("   ", 1, NONE, "syntax"),
    e("dx = 3", 3, NONE, "syntax"),
    e("exp", 1, CS231N, "syntax"),
    e("max(1, 2, 3)", 3, NONE, "syntax"),
    e("(1, 2)", [1, 2], NONE, "syntax"),
    e("x[0]", 1, CS231N, "syntax"),
    e("x ** * 2", 4, CS231N, "syntax"),
    e("wx", "w*x", {"w": 2.0, "x": 3.0}, "unknown_name"),
    e("sigmod(z)", "sigmoid(z)", NEURON, "unknown_name"),
    e("q", 1, CS231N, "unknown_name"),
    e("apple_nm*tax", 2.2, APPLE, "unknown_name"),
    e("Wλ", "2*lambda*W", REG, "unknown_name"),
    e("a" * 501, 1, NONE, "too_long"),
    e("9**9**9**9", 1, NONE, "too_complex"),
    e("(" * 40 + "1" + ")" * 40, 1, NONE, "too_complex"),
    e("__import__", 1, NONE, "unsafe"),
    e("x.__class__", 1, CS231N, "unsafe"),
    e("lambda", 1, NONE, "unsafe"),
    e("v + [1, 2]", "v", VEC, "shape_mismatch"),
    e("W @ W", "W", MAT, "shape_mismatch"),
    e("1/0", 1, NONE, "undefined"),
    e("0.0^-1", 1, NONE, "undefined"),
    e("0.0^2", 0, NONE, "correct"),
    # --- a broken question is reported, not blamed on the learner
    e("1", "nonexistent + 1", NONE, "invalid_key"),
    e("1", [[1, 2], [3]], NONE, "invalid_key"),
]
