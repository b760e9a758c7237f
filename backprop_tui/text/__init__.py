"""Plain-text output of the command line, rendered with Rich (never Textual).

One module per command's output: ``trace_text`` (``expr --plain`` and the walk's
steps), ``lesson_text`` (``walk``), ``progress_text`` (``progress``),
``review_text`` (``review --plain``) and ``demo_text`` (``demo --plain``); ``words``
writes counts ("3 questions"). May import: the core packages and Rich. Every string
that comes from a lesson, an answer or an ``expr`` program is printed literally
(``rich.text.Text``), never parsed as markup.
"""
