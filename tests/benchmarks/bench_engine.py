"""Engine benchmark: run with `python tests/benchmarks/bench_engine.py`.

1. Forward + backward of a 2-layer MLP on a batch (N=500, d=300, hidden 100, C=5, softmax
   cross-entropy) through the engine (full Trace) vs the same computation in raw NumPy.
2. Parse + run of a 1,000-node scalar graph.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from backprop_tui.engine.statements import parse_program
from backprop_tui.engine.trace import run

N, D, HIDDEN, CLASSES = 500, 300, 100, 5
MLP = "h = relu(X @ W1 + b1); s = h @ W2 + b2; L = cross_entropy(s, y)"


def median_time(fn, repeats: int = 30) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def mlp_inputs(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "X": rng.normal(size=(N, D)),
        "W1": rng.normal(size=(D, HIDDEN)) * np.sqrt(2 / D),
        "b1": np.zeros(HIDDEN),
        "W2": rng.normal(size=(HIDDEN, CLASSES)) * np.sqrt(2 / HIDDEN),
        "b2": np.zeros(CLASSES),
        "y": rng.integers(0, CLASSES, size=N).astype(float),
    }


def raw_numpy(v) -> dict[str, np.ndarray]:
    a = v["X"] @ v["W1"] + v["b1"]
    h = np.maximum(a, 0)
    s = h @ v["W2"] + v["b2"]
    y = v["y"].astype(int)
    shifted = s - s.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(N), y].mean()
    ds = np.exp(log_probs)
    ds[np.arange(N), y] -= 1
    ds /= N
    dW2, db2, dh = h.T @ ds, ds.sum(axis=0), ds @ v["W2"].T
    da = dh * (a > 0)
    return {"W1": v["X"].T @ da, "b1": da.sum(axis=0), "W2": dW2, "b2": db2, "X": da @ v["W1"].T, "L": loss}


def main() -> None:
    inputs = mlp_inputs()
    graph = parse_program(MLP)
    trace = run(graph, inputs)
    expected = raw_numpy(inputs)
    np.testing.assert_allclose(trace.values["L"], expected.pop("L"), rtol=1e-12)
    for name, grad in expected.items():
        np.testing.assert_allclose(trace.grads[name], grad, rtol=1e-10, atol=1e-12)
    engine = median_time(lambda: run(graph, inputs))
    raw = median_time(lambda: raw_numpy(inputs))
    print(f"MLP N={N} d={D} hidden={HIDDEN} C={CLASSES}, forward+backward (median of 30):")
    print(f"  engine {engine * 1e3:.2f} ms   raw NumPy {raw * 1e3:.2f} ms   ratio {engine / raw:.2f}x")

    chain = "; ".join(f"x{i} = sin(x{i - 1}) * x{i - 1}" for i in range(1, 500))
    parse = median_time(lambda: parse_program(chain), repeats=5)
    scalar_graph = parse_program(chain)
    nodes = len(scalar_graph.nodes)
    trace = median_time(lambda: run(scalar_graph, {"x0": 0.3}), repeats=5)
    print(f"scalar graph of {nodes} nodes: parse {parse * 1e3:.1f} ms, run (forward+backward trace) {trace * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
