"""Lessons: the YAML format, its models, loading with file:line:col errors, the catalog.

Owns: reading lesson files (``source``), the pydantic models (``model``),
schema and semantic checks (``schema_errors``, ``semantics``, ``check``),
templates and expectations over engine values, the catalog of lessons found
(``catalog``), quizzes (``quiz``) and the walk-through the app renders
(``walkthrough``). May import: the engine, answers and progress — never
Textual or Rich.
"""
