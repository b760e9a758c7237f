"""Lessons: the YAML format, its models, loading with file:line:col errors, the catalog.

Owns: reading lesson files safely (``files``: regular files, size; ``source``: bounded
YAML with positions), the pydantic models (``model``), schema and semantic checks
(``schema_errors``, ``semantics``, ``check``), templates and expectations over engine
values, the catalog of lessons found (``catalog``, ``packs``), what is remembered between
starts in the data dir (``cache``; ``header_cache`` and ``packs`` for the catalog,
``verified`` for answer keys), quizzes (``quiz``) and the walk-through the app renders (``walkthrough``). May import:
the engine, answers and progress — never Textual or Rich.
"""
