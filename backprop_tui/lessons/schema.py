"""The JSON Schema of the lesson format, for editors (yaml-language-server) and `backprop-tui schema`.

The committed copy beside this module is what lesson files point to; a test keeps it in sync.
"""

from __future__ import annotations

import json
from pathlib import Path

from backprop_tui.engine.ops import OPS
from backprop_tui.lessons.model import Lesson

SCHEMA_FILE = Path(__file__).with_name("lesson.schema.json")


def schema_text() -> str:
    schema = Lesson.model_json_schema()
    op = schema["$defs"]["NodeSpec"]["properties"]["op"]
    op["anyOf"][0]["enum"] = sorted(OPS)  # the registry's ops, for editor completion
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "backprop-tui lesson"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
