"""The autograd engine: ops, graphs, the forward/backward trace, gradient checks.

Owns: the op registry (``ops``, ``op_scalar``, ``op_tensor``), the ``expr``
statement language (``statements``), graphs (``graph``), the recorded
step-through (``trace``), numerical gradient checks and their bands (``gradcheck``), weight
initialization (``init``), the explanation of a backward step (``explain``, ``notation``), number
formatting (``format``) and the ``--json`` export (``export``). May import:
NumPy, and SymPy lazily (``symbolic``) — never Textual, Rich, the lesson
format or anything that only a renderer needs (graph layout lives in
``backprop_tui.layout``).
"""
