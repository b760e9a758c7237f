"""Lessons: the YAML format, its models, loading with file:line:col errors, the catalog.

Owns: reading lesson files safely (``files``: regular files, size; ``source``: bounded
YAML with positions; ``located``: the data with positions, without YAML), the format as
dataclasses that pydantic validates (``model``), schema and semantic checks
(``schema_errors``, ``semantics``, ``check``), templates and expectations over engine
values, the catalog of lessons found (``catalog``, ``packs``), what is remembered between
starts in the data dir (``cache``; ``header_cache`` and ``packs`` for the catalog,
``verified`` for files that passed: answer keys, and their data, so that an unchanged file
opens without YAML, pydantic or SymPy), quizzes (``quiz``) and the walk-through the app
renders (``walkthrough``). May import: the engine, answers and progress — never Textual or Rich.
"""
