"""Ops on vectors and matrices: products, reductions, softmax and the classification losses.

Every VJP here is vectorized: a gradient is computed with whole-array NumPy operations,
never a Python loop over elements. A gradient always has the shape of what it is the
gradient of.
"""

from __future__ import annotations

import numpy as np

from backprop_tui.engine.ops import Op, register


def _matmul(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError("@ multiplies vectors and matrices; use * for a scalar")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(
            f"inner dimensions differ: {a.shape} @ {b.shape} needs {a.shape[-1]} = {b.shape[0]} "
            "(is one of them meant to be transposed?)"
        )
    return a @ b


def _matmul_vjp(g, out, a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim == 1 and b.ndim == 1:
        return g * b, g * a
    if b.ndim == 1:
        return np.outer(g, b), a.T @ g
    if a.ndim == 1:
        return b @ g, np.outer(a, g)
    return g @ b.T, a.T @ g


def _check_vector(name, *xs):
    for x in xs:
        if np.ndim(x) != 1:
            raise ValueError(f"{name} takes vectors, got shape {np.shape(x)}")


def _dot(a, b):
    _check_vector("dot", a, b)
    return np.dot(a, b)


def _outer(a, b):
    _check_vector("outer", a, b)
    return np.outer(a, b)


def _concat(*xs):
    for x in xs:
        if np.ndim(x) > 1:
            raise ValueError(f"concat joins scalars and vectors, got shape {np.shape(x)}")
    return np.concatenate([np.atleast_1d(x) for x in xs])


def _concat_vjp(g, out, *xs):
    bounds = np.cumsum([np.size(x) for x in xs])[:-1]
    return tuple(part.reshape(np.shape(x)) for part, x in zip(np.split(g, bounds), xs, strict=True))


def softmax(x):
    if np.ndim(x) == 0:
        return np.ones_like(x, dtype=float)  # one class: probability 1
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def _labels(scores, label):
    """Class indices as ints, checked against the scores' shape: one per row of scores."""
    scores = np.asarray(scores)
    label = np.asarray(label)
    if scores.ndim not in (1, 2):
        raise ValueError(f"scores must be a vector or a batch matrix, got shape {scores.shape}")
    expected = () if scores.ndim == 1 else scores.shape[:1]
    if label.shape != expected:
        raise ValueError(f"need one class index per example: labels {label.shape}, scores {scores.shape}")
    if not np.all(np.equal(np.mod(label, 1), 0)):
        raise ValueError("class indices must be whole numbers")
    classes = scores.shape[-1]
    if np.any(label < 0) or np.any(label >= classes):
        raise ValueError(f"class index out of range for {classes} classes (0 to {classes - 1})")
    return label.astype(int)


def _rows(scores, label):
    """Scores as a 2-D batch with its labels, and the batch size."""
    scores2 = np.atleast_2d(scores)
    labels2 = np.atleast_1d(_labels(scores, label))
    return scores2, labels2, scores2.shape[0]


def _cross_entropy(logits, label):
    s, y, n = _rows(logits, label)
    shifted = s - s.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_probs[np.arange(n), y].mean()


def _cross_entropy_vjp(g, out, logits, label):
    s, y, n = _rows(logits, label)
    probs = softmax(s)
    probs[np.arange(n), y] -= 1.0
    return (g * probs / n).reshape(np.shape(logits)), None


def _svm_margins(scores, label):
    s, y, n = _rows(scores, label)
    margins = s - s[np.arange(n), y][:, None] + 1.0
    margins[np.arange(n), y] = 0.0
    return margins, y, n


def _svm_loss(scores, label):
    margins, _, n = _svm_margins(scores, label)
    return np.maximum(margins, 0.0).sum() / n


def _svm_vjp(g, out, scores, label):
    margins, y, n = _svm_margins(scores, label)
    active = (margins > 0).astype(float)
    active[np.arange(n), y] = -active.sum(axis=1)
    return (g * active / n).reshape(np.shape(scores)), None


def _svm_kink(scores, label):
    return _svm_margins(scores, label)[0] > 0


register(Op(
    name="matmul", arity=2, forward=_matmul, vjp=_matmul_vjp, symbol="@",
    description="matrix product A @ B (a matrix times a vector is the vector of row·x sums)",
    pattern="matmul: A gets upstream @ Bᵀ and B gets Aᵀ @ upstream — each gradient has the "
    "shape of its parameter",
    formulas=("upstream @ Bᵀ (outer product when B is a vector)", "Aᵀ @ upstream"),
    notation="A @ B",
))
register(Op(
    name="transpose", arity=1, forward=np.transpose, vjp=lambda g, out, x: (np.transpose(g),),
    description="the transpose: rows become columns",
    pattern="transpose: the gradient is transposed back",
    formulas=("upstreamᵀ",), symbolic=lambda sp, x: [sp.Integer(1)], notation="xᵀ",
))
register(Op(
    name="sum", arity=1, forward=np.sum,
    vjp=lambda g, out, x: (np.broadcast_to(g, np.shape(x)).astype(float),),
    description="sum of all elements",
    pattern="sum distributes like add: every element receives the upstream gradient",
    formulas=("upstream copied to every element",), symbolic=lambda sp, x: [sp.Integer(1)],
    notation="Σᵢ xᵢ",
))
def _mean(x):
    if np.size(x) == 0:  # NumPy would warn and give NaN
        raise ValueError("the mean of no elements is undefined")
    return np.mean(x)


register(Op(
    name="mean", arity=1, forward=_mean,
    vjp=lambda g, out, x: (np.broadcast_to(g / max(np.size(x), 1), np.shape(x)).astype(float),),
    description="mean of all elements",
    pattern="mean distributes a 1/N share of the upstream gradient to each of its N elements",
    formulas=("upstream / N on every element",), symbolic=lambda sp, x: [sp.Integer(1)],
    notation="(1/N) Σᵢ xᵢ", aliases=("average",),
))
register(Op(
    name="dot", arity=2, forward=_dot, vjp=lambda g, out, a, b: (g * np.asarray(b), g * np.asarray(a)),
    description="dot product aᵀb of two vectors",
    pattern="dot swaps like mul: a gets upstream × b and b gets upstream × a",
    formulas=("upstream × b", "upstream × a"), notation="aᵀb",
))
register(Op(
    name="outer", arity=2, forward=_outer,
    vjp=lambda g, out, a, b: (g @ np.asarray(b), np.asarray(g).T @ np.asarray(a)),
    description="outer product a bᵀ (a matrix)",
    pattern="outer: a gets upstream @ b and b gets upstreamᵀ @ a",
    formulas=("upstream @ b", "upstreamᵀ @ a"), notation="a bᵀ",
))
register(Op(
    name="concat", arity=None, forward=_concat, vjp=_concat_vjp,
    description="the inputs joined end to end into one vector",
    pattern="concat splits the upstream gradient back into one piece per input",
    formulas=("this input's slice of upstream",), notation="[a; b; …]",
))
register(Op(
    name="softmax", arity=1, forward=softmax,
    vjp=lambda g, out, x: (out * (g - np.sum(g * out, axis=-1, keepdims=np.ndim(out) > 0)),),
    description="softmax: exponentiate and normalise so the outputs sum to 1",
    pattern="softmax mixes: each input receives p ∘ (upstream − Σ upstream·p)",
    formulas=("p ∘ (upstream − (upstream·p))",), notation="softmax(s)ⱼ = e^(sⱼ) / Σₖ e^(sₖ)",
))
register(Op(
    name="cross_entropy", arity=2, forward=_cross_entropy, vjp=_cross_entropy_vjp,
    description="cross-entropy of softmax(scores) against the correct class (mean over a batch)",
    pattern="softmax + cross-entropy: the scores receive ŷ − y, the predicted probabilities "
    "minus the one-hot label",
    formulas=("upstream × (softmax(s) − onehot(y))",), notation="−log softmax(s)_y",
    nondiff=frozenset({1}),
))
register(Op(
    name="svm_loss", arity=2, forward=_svm_loss, vjp=_svm_vjp, kink=_svm_kink,
    description="multiclass hinge loss Σ_{j≠y} max(0, s_j − s_y + 1) (mean over a batch)",
    pattern="hinge: each class with a positive margin gets +1, the correct class gets −(number of "
    "such classes), the rest get 0",
    formulas=("upstream × (1 per violating class, −count at the correct class)",),
    notation="Σ_{j≠y} max(0, s_j − s_y + 1)",
    nondiff=frozenset({1}),
))
register(Op(
    name="l2", arity=1, forward=lambda x: np.sum(np.square(x)),
    vjp=lambda g, out, x: (2.0 * g * np.asarray(x),),
    description="sum of squares Σ θ² (the L2 penalty)",
    pattern="l2: each element receives upstream × 2θ — the penalty pulls every weight toward 0",
    formulas=("upstream × 2θ",), symbolic=lambda sp, x: [2 * x], notation="‖θ‖² = Σ θ²",
))
