"""The JSON Schema of the lesson format, for editors (yaml-language-server) and `backprop-tui schema`.

The committed copy beside this module is what lesson files point to; a test keeps it in sync.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from backprop_tui.lessons.model import Lesson

SCHEMA_FILE = Path(__file__).with_name("lesson.schema.json")


class _ClosedMaps(GenerateJsonSchema):
    """A map whose keys have a pattern (names, steps) takes no other key, as in the model."""

    def dict_schema(self, schema):
        json_schema = super().dict_schema(schema)
        if "patternProperties" in json_schema:
            json_schema["additionalProperties"] = False
        return json_schema


def schema_text() -> str:
    schema = TypeAdapter(Lesson).json_schema(schema_generator=_ClosedMaps)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "backprop-tui lesson"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
