"""Finding fingerprints: what a finding is, not where it is.

A fingerprint digests the rule, the path as reported, the text the finding covers and up to
``CONTEXT`` characters on each side of it on its own line (white space folded), and a counter for
findings whose other parts are all equal.  No line, column or offset goes in, so inserting lines
above a finding keeps its fingerprint: reports of two runs, baselines and dashboards match findings
by it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from typing import Sequence

from wikilint.engine.findings import Finding

CONTEXT = 20
DIGEST_LENGTH = 20
_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text)


def _parts(finding: Finding, text: str) -> tuple[str, ...]:
    start = min(finding.range.start.offset, len(text))
    end = min(max(finding.range.end.offset, start), len(text))
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    before = text[max(line_start, start - CONTEXT):start]
    after = text[end:min(line_end, end + CONTEXT)]
    return (finding.rule, finding.path.replace("\\", "/"), _fold(text[start:end]), _fold(before), _fold(after))


def fingerprints(findings: Sequence[Finding], text: str) -> tuple[str, ...]:
    """One fingerprint per finding of one file, in the order given; ``text`` is that file's text."""
    order = sorted(range(len(findings)), key=lambda i: (findings[i].range.start.offset, i))
    seen: Counter[tuple[str, ...]] = Counter()
    out = [""] * len(findings)
    for i in order:
        parts = _parts(findings[i], text)
        payload = "\x1f".join((*parts, str(seen[parts])))
        seen[parts] += 1
        out[i] = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]
    return tuple(out)


def with_fingerprints(findings: Sequence[Finding], text: str) -> list[Finding]:
    """The findings, each with its ``fingerprint`` set."""
    return [replace(f, fingerprint=digest) for f, digest in zip(findings, fingerprints(findings, text))]
