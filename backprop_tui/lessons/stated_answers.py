"""`check --strict`: a hint that states its question's answer formula word for word.

A hint should lead the learner to the answer; one that spells out the `answer:` formula (say
`sum(W**2)`) turns the question into copying. Formulas are compared as text once spaces are
dropped and `**` is read as `^`; a plain number or a lone name (`x`) never counts, since a hint
may well mention one.
"""

from __future__ import annotations

import re

from backprop_tui.lessons.load import LoadedLesson
from backprop_tui.lessons.source import Problem, read_yaml

_FORMULA = re.compile(r"[A-Za-z_]\w*\s*[(^*/+\-]|[)\]]")  # a name applied or combined with something


def hints_stating_answers(loaded: LoadedLesson) -> list[Problem]:
    located = loaded.located or read_yaml(loaded.path)
    warnings = []
    for index, question in enumerate(loaded.lesson.questions):
        answer = question.answer
        if not isinstance(answer, str) or not _FORMULA.search(answer):
            continue
        for number, hint in enumerate(question.hints):
            if _plain(answer) in _plain(hint):
                warnings.append(located.problem(("questions", index, "hints", number), (
                    f"warning: hint {number + 1} of question '{question.id}' states its answer {answer}: "
                    "give a step towards it instead")))
    return warnings


def _plain(formula: str) -> str:
    return re.sub(r"\s+", "", formula).replace("**", "^")
