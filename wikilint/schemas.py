"""The JSON Schemas in ``schemas/`` and validators built from them once.

jsonschema costs about 0.1 s to import, so it is imported here, on first validation only.
Local ``$ref``s are inlined before a validator is built: jsonschema resolves each ``$ref`` anew
for every instance, which doubled the time to validate a corpus report or the name tables.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from wikilint.paths import project_folder

SCHEMAS = project_folder("schemas")


class SchemaError(ValueError):
    """A schema that cannot be used (missing, recursive $refs)."""


def inline_refs(schema: dict) -> dict:
    """Replace ``{"$ref": "#/$defs/x"}`` by the definition itself (local, non-recursive refs only)."""
    defs = schema.get("$defs", {})

    def walk(node: Any, depth: int = 0) -> Any:
        if depth > 50:
            raise SchemaError("schema $refs nest too deep (recursive?)")
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
                return walk(defs[ref[len("#/$defs/"):]], depth + 1)
            return {k: walk(v, depth + 1) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [walk(v, depth + 1) for v in node]
        return node

    return walk(schema)


def load_schema(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def validator_for(path: Path):
    """A Draft 2020-12 validator for the schema file at ``path`` (built once per process)."""
    import jsonschema

    return jsonschema.Draft202012Validator(inline_refs(load_schema(path)))


def validator(name: str):
    """The validator for ``schemas/<name>.schema.json``."""
    return validator_for(SCHEMAS / f"{name}.schema.json")
