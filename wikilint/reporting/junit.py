"""JUnit XML, which most CI systems show as test results: a test suite per file, a failing test case
per finding, one passing test case for a clean file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterable

from wikilint.engine.findings import FileResult

# characters XML 1.0 cannot hold, which an article's text (and so a message quoting it) may
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(results: Iterable[FileResult], rules=(), existence_checked: bool = False) -> str:
    results = list(results)
    total = sum(max(1, len(r.findings)) for r in results)
    failures = sum(len(r.findings) for r in results)
    root = ET.Element("testsuites", name="wikilint", tests=str(total), failures=str(failures), errors="0")
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=_safe(result.path), tests=str(max(1, len(result.findings))),
                              failures=str(len(result.findings)), errors="0", skipped="0")
        if not result.findings:
            ET.SubElement(suite, "testcase", name="wikilint", classname=result.path)
        for f in result.findings:
            where = f"{f.path}:{f.range.start.line}:{f.range.start.column}"
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.name} at line {f.range.start.line}, "
                                 f"column {f.range.start.column}", classname=result.path)
            failure = ET.SubElement(case, "failure", message=_safe(f.message), type=f.severity)
            failure.text = _safe(f"{where}: {f.severity} {f.rule} {f.message}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
