"""Graph layout: places a computation graph's nodes and edges on a character grid.

Owns: ranking nodes into columns, ordering them to reduce crossings, sizing the
boxes, routing edges (``grid`` is the entry point; ``order``, ``place`` and
``route`` are its helpers). May import: the standard library only — no NumPy,
no SymPy, no Textual — so the app can lay out a graph on any thread and the
layout is testable as plain text.
"""
