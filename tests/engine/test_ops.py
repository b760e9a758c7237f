"""Every registered op's VJP against central finite differences, on several shapes.

Elementwise ops are covered without any entry here: a new op gets the default samples
(and the default broadcasting pairs when it takes two inputs). Ops with domains,
shapes or kinks of their own have sample makers below.
"""

import numpy as np
import pytest

from backprop_tui.engine.ops import OPS

H = 1e-6


def away_from(values, points, gap=0.2):
    """Push values at least `gap` away from each kink point, keeping their side."""
    for point in points:
        close = np.abs(values - point) < gap
        values = np.where(close, point + np.where(values >= point, gap, -gap), values)
    return values


def positive(rng, shape):
    return rng.uniform(0.5, 2.0, shape)


def normal(rng, shape):
    return away_from(rng.normal(size=shape), [0.0, 1.0, -1.0])


UNARY_SHAPES = [(), (3,), (2, 3)]
BINARY_SHAPES = [((), ()), ((3,), (3,)), ((2, 3), (3,)), ((2, 3), (1, 3)), ((), (2, 2))]


def default_samples(op, rng):
    if op.arity == 1:
        return [(normal(rng, s),) for s in UNARY_SHAPES]
    return [(normal(rng, a), normal(rng, b)) for a, b in BINARY_SHAPES]


def _max_samples(rng):
    return [
        (np.array(2.0), np.array(-1.0)),
        (np.array([1.0, -2.0, 3.0]), np.array([0.0, 1.0, 2.0])),
        (np.array([[1.0, -1.0], [0.5, 3.0]]), np.array([0.0, 2.0])),
    ]


SPECIAL = {
    "log": lambda rng: [(positive(rng, s),) for s in UNARY_SHAPES],
    "sqrt": lambda rng: [(positive(rng, s),) for s in UNARY_SHAPES],
    "div": lambda rng: [(normal(rng, a), positive(rng, b)) for a, b in BINARY_SHAPES],
    "pow": lambda rng: [(positive(rng, (3,)), np.array(2.0)), (positive(rng, ()), np.array(0.5)),
                        (positive(rng, (2, 2)), np.array(-1.5)), (normal(rng, (3,)), np.array(3.0))],
    "max": _max_samples,
    "prelu": lambda rng: [(normal(rng, (4,)), np.array(0.2)), (normal(rng, ()), np.array(0.1)),
                          (normal(rng, (2, 3)), rng.uniform(0.1, 0.3, (3,)))],
    "matmul": lambda rng: [(rng.normal(size=(2, 3)), rng.normal(size=(3, 4))),
                           (rng.normal(size=(2, 4)), rng.normal(size=(4,))),
                           (rng.normal(size=(3,)), rng.normal(size=(3, 2))),
                           (rng.normal(size=(3,)), rng.normal(size=(3,)))],
    "transpose": lambda rng: [(rng.normal(size=(2, 3)),), (rng.normal(size=(4,)),)],
    "dot": lambda rng: [(rng.normal(size=(4,)), rng.normal(size=(4,)))],
    "outer": lambda rng: [(rng.normal(size=(2,)), rng.normal(size=(3,)))],
    "concat": lambda rng: [(rng.normal(size=(2,)), rng.normal(size=()), rng.normal(size=(3,)))],
    "softmax": lambda rng: [(rng.normal(size=(5,)),), (rng.normal(size=(3, 4)),)],
    "cross_entropy": lambda rng: [(rng.normal(size=(5,)), np.array(2.0)),
                                  (rng.normal(size=(4, 3)), np.array([0.0, 2.0, 1.0, 2.0]))],
    "svm_loss": lambda rng: [(np.array([3.2, 5.1, -1.7]), np.array(0.0)),
                             (np.array([[1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]), np.array([1.0, 0.0]))],
}


def samples(name):
    rng = np.random.default_rng(sum(map(ord, name)))
    maker = SPECIAL.get(name)
    return maker(rng) if maker else default_samples(OPS[name], rng)


def numeric_vjp(op, upstream, inputs, slot):
    grad = np.zeros_like(inputs[slot], dtype=float)
    for index in np.ndindex(np.shape(inputs[slot])):
        shifted = []
        for step in (H, -H):
            nudged = [np.array(x, dtype=float) for x in inputs]
            nudged[slot][index] += step
            shifted.append(np.sum(upstream * op.forward(*nudged)))
        grad[index] = (shifted[0] - shifted[1]) / (2 * H)
    return grad


@pytest.mark.parametrize("name", sorted(OPS))
def test_vjp_matches_central_differences(name):
    op = OPS[name]
    rng = np.random.default_rng(7)
    for inputs in samples(name):
        inputs = [np.asarray(x, dtype=float) for x in inputs]
        out = np.asarray(op.forward(*inputs))
        upstream = rng.normal(size=out.shape)
        grads = op.vjp(upstream, out, *inputs)
        assert len(grads) == len(inputs)
        for slot, grad in enumerate(grads):
            if slot in op.nondiff:
                assert grad is None
                continue
            assert np.shape(grad) == np.shape(inputs[slot]), "a gradient has the shape of its input"
            expected = numeric_vjp(op, upstream, inputs, slot)
            np.testing.assert_allclose(grad, expected, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", sorted(OPS))
def test_every_op_describes_itself(name):
    op = OPS[name]
    assert op.description and op.pattern
    if op.arity is not None and op.symbolic is None:
        assert op.formulas, f"{name} needs a symbolic derivative or a VJP formula in words"


def test_kink_policies():
    relu, mx, ab = OPS["relu"], OPS["max"], OPS["abs"]
    g = np.array(1.0)
    assert relu.vjp(g, relu.forward(0.0), np.array(0.0)) == (0.0,)
    assert mx.vjp(g, mx.forward(2.0, 2.0), np.array(2.0), np.array(2.0)) == (1.0, 0.0)
    assert ab.vjp(g, ab.forward(0.0), np.array(0.0)) == (0.0,)


@pytest.mark.parametrize("x", [-1000.0, 1000.0])
def test_saturating_ops_are_stable(x):
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for name in ("sigmoid", "tanh"):
            op = OPS[name]
            out = op.forward(np.array(x))
            (grad,) = op.vjp(np.array(1.0), out, np.array(x))
            assert np.isfinite(out) and np.isfinite(grad)
            assert grad == pytest.approx(0.0, abs=1e-300)
        assert OPS["sigmoid"].forward(np.array(x)) == (1.0 if x > 0 else 0.0)


def test_softmax_and_cross_entropy_are_stable_for_huge_scores():
    scores = np.array([1000.0, -1000.0, 999.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        probs = OPS["softmax"].forward(scores)
        loss = OPS["cross_entropy"].forward(scores, np.array(1.0))
        (grad, _) = OPS["cross_entropy"].vjp(np.array(1.0), loss, scores, np.array(1.0))
    assert probs.sum() == pytest.approx(1.0)
    assert loss == pytest.approx(2000.0 + np.log1p(np.exp(-1.0)))
    np.testing.assert_allclose(grad, probs - np.array([0.0, 1.0, 0.0]))


def test_cross_entropy_gradient_is_prediction_minus_onehot():
    scores = np.array([1.0, 2.0, 3.0])
    probs = np.exp(scores) / np.exp(scores).sum()
    (grad, _) = OPS["cross_entropy"].vjp(np.array(1.0), None, scores, np.array(0.0))
    np.testing.assert_allclose(grad, probs - [1, 0, 0])


def test_svm_loss_hand_example():
    # CS231n's example: scores (3.2, 5.1, -1.7), correct class 0 -> loss 2.9
    scores = np.array([3.2, 5.1, -1.7])
    assert OPS["svm_loss"].forward(scores, np.array(0.0)) == pytest.approx(2.9)
    (grad, _) = OPS["svm_loss"].vjp(np.array(1.0), None, scores, np.array(0.0))
    np.testing.assert_allclose(grad, [-1.0, 1.0, 0.0])


def test_broadcast_gradient_is_unbroadcast():
    a, b = np.ones((2, 3)), np.array([1.0, 2.0, 3.0])
    ga, gb = OPS["add"].vjp(np.ones((2, 3)), a + b, a, b)
    assert ga.shape == (2, 3) and gb.shape == (3,)
    np.testing.assert_allclose(gb, [2.0, 2.0, 2.0])


@pytest.mark.parametrize("labels", [np.array(3.0), np.array(1.5), np.array(-1.0)])
def test_bad_class_labels_are_errors(labels):
    with pytest.raises(ValueError, match="class"):
        OPS["cross_entropy"].forward(np.zeros(3), labels)
