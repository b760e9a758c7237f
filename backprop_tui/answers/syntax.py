"""How to type an answer, in examples: shown in the app's `?` help and kept in step with
FORMAT.md by a test. Pure data (no SymPy), so the help screen can show it at once."""

from __future__ import annotations

ANSWER_SYNTAX: tuple[tuple[str, str], ...] = (
    ("2.2   -0.197   1e-3   1/3", "a number: right within 2% of the key unless the question asks for more"),
    ("[0.5, -1]   (0.5, -1)   0.5, -1", "a vector; [[1, 2], [3, 4]] a matrix"),
    ("tax * apple_num   2(x+y)   x^2   x²", "a formula over the node names; 2x is 2*x"),
    ("σ(z)(1-σ(z))   σ'(z)   tanh′(z)   relu'(z)", "σ is sigmoid; a prime is the derivative"),
    ("ŷ - y   y_hat - y   yhat - y", "one name, three spellings"),
    ("dL/dx   ∂L/∂x   dprice/dall_price", "the gradient of the output with respect to a node"),
    ("δ   delta   W^T δ   Wᵀδ   δ xᵀ   delta @ x.T", "δ is ∂L/∂z where the graph has a z; ᵀ, ^T, .T transpose"),
    ("||W||^2   ‖W‖²   sum(W^2)   |x|", "norms and absolute values"),
    ("2λW   2*lambda*W", "Greek letters or their names"),
    ("exp log sqrt sum mean max min softmax l2 ...", "every op of the graphs is a function"),
)
