"""The JSON Schemas wikilint ships (``schemas/``, package data) and validators built from them once.

jsonschema costs about 0.1 s to import, so it is imported here, on first validation only.
Local ``$ref``s are inlined before a validator is built: jsonschema resolves each ``$ref`` anew
for every instance, which doubled the time to validate a corpus report or the name tables.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources.abc import Traversable
from typing import Any

from wikilint.paths import packaged


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


def schema_file(name: str) -> Traversable:
    """The shipped ``schemas/<name>.schema.json``."""
    return packaged("schemas") / f"{name}.schema.json"


def load_schema(path: Traversable) -> dict:
    return json.loads(path.read_bytes())


def validator_for(path: Traversable):
    """A Draft 2020-12 validator for the schema file at ``path`` (built once per process for each schema text)."""
    return _validator(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def _validator(source: str):
    # keyed by the schema's text, not its path: a zip application's paths are new objects each time
    import jsonschema

    return jsonschema.Draft202012Validator(inline_refs(json.loads(source)))


def validator(name: str):
    """The validator for ``schemas/<name>.schema.json``."""
    return validator_for(schema_file(name))


class InvalidDocument(ValueError):
    """A document (a report) that does not match its schema; the message gives the path."""


@lru_cache(maxsize=8)
def _compiled(name: str):
    import fastjsonschema

    schema = inline_refs(load_schema(schema_file(name)))
    schema.pop("$schema", None)  # the keywords used are draft-07's too; fastjsonschema knows up to 07
    return fastjsonschema.compile(schema)


def fast_validate(name: str, document: Any) -> None:
    """Validate a large document (a corpus report) with a compiled validator.

    jsonschema took as long to validate a report as the run took to check the articles
    (about 140 µs per finding); the compiled validator is about 25 times faster.  jsonschema
    stays the reference: the tests validate real reports with both.
    """
    import fastjsonschema

    try:
        _compiled(name)(document)
    except fastjsonschema.JsonSchemaException as exc:
        raise InvalidDocument(f"{name} does not match schemas/{name}.schema.json: {exc.message}") from exc
