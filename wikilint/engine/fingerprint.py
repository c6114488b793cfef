"""Stable finding fingerprints: what a finding is, not where it is.

A fingerprint digests the rule, the reported path, the text the finding covers and a little context
on its own line, all with white space folded, plus a counter for otherwise identical findings.  It
holds no line, column or offset, so inserting lines above a finding keeps its fingerprint; baselines,
``--changed-since`` and the SARIF and GitLab reports match findings by it.
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
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - CONTEXT):start]
    after = text[end:min(line_end, end + CONTEXT)]
    return (finding.rule, finding.path.replace("\\", "/"), _fold(text[start:end]), _fold(before), _fold(after))


def fingerprints(findings: Sequence[Finding], text: str) -> tuple[str, ...]:
    """One fingerprint per finding, in the same order; ``findings`` are one file's, ``text`` its text."""
    seen: Counter[tuple[str, ...]] = Counter()
    out = []
    for finding in sorted(range(len(findings)), key=lambda i: findings[i].range.start.offset):
        parts = _parts(findings[finding], text)
        occurrence = seen[parts]
        seen[parts] += 1
        payload = "\x1f".join((*parts, str(occurrence)))
        out.append((finding, hashlib.sha256(payload.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]))
    out.sort()
    return tuple(digest for _, digest in out)


def with_fingerprints(findings: Sequence[Finding], text: str) -> list[Finding]:
    """The findings with their ``fingerprint`` field set."""
    return [replace(f, fingerprint=digest) for f, digest in zip(findings, fingerprints(findings, text))]
