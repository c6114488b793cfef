"""The report formats ``check --format`` offers, each rendered from the results alone."""

from __future__ import annotations

import importlib
import io
from typing import Iterable, Sequence

from wikilint.engine.findings import FileResult

FORMATS = ("text", "json", "jsonl", "github", "sarif", "gitlab", "junit")


def render(fmt: str, results: Sequence[FileResult], rules: Iterable, existence_checked: bool,
           colour: bool = False, settings: dict | None = None) -> str:
    if fmt == "text":
        from wikilint.reporting.text import write_text

        out = io.StringIO()
        write_text(results, out, colour)
        return out.getvalue()
    if fmt == "json":
        from wikilint.reporting.json import build_report, dumps

        return dumps(build_report(results, rules, existence_checked, settings=settings))
    if fmt == "jsonl":
        from wikilint.reporting.json import render_jsonl, write_jsonl

        out = io.StringIO()
        write_jsonl(map(render_jsonl, results), out, rules, existence_checked)
        return out.getvalue()
    if fmt not in FORMATS:
        raise ValueError(f"no report format {fmt!r}")
    return importlib.import_module(f"wikilint.reporting.{fmt}").render(results, rules, existence_checked)
