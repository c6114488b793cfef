"""Findings: what the engine makes of a rule's violations, and all that reporters read."""

from __future__ import annotations

from dataclasses import dataclass

from wikilint.document.model import LineIndex, Span
from wikilint.engine.rule import Fix

EXCERPT_LIMIT = 160


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int
    offset: int

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "offset": self.offset}


@dataclass(frozen=True, slots=True)
class Range:
    start: Position
    end: Position

    @classmethod
    def of(cls, span: Span, lines: LineIndex) -> "Range":
        sl, sc = lines.line_col(span.start)
        el, ec = lines.line_col(span.end)
        return cls(Position(sl, sc, span.start), Position(el, ec, span.end))

    @property
    def span(self) -> Span:
        return Span(self.start.offset, self.end.offset)

    def as_dict(self) -> dict:
        return {"start": self.start.as_dict(), "end": self.end.as_dict()}


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem in one file.  Picklable, ordered by position then rule."""

    path: str
    rule: str
    name: str
    family: str
    severity: str
    message: str
    range: Range
    excerpt: str
    related: tuple[Range, ...] = ()
    fix: Fix | None = None
    fingerprint: str = ""  # wikilint.engine.fingerprint: stable across edits elsewhere in the file
    #: related ranges left out of ``related`` (see ``RELATED_LIMIT``)
    related_more: int = 0

    def __reduce__(self):
        # flat tuples pickle several times faster than nested frozen dataclasses: results cross
        # from worker processes by the thousand
        r = self.range
        flat = (r.start.line, r.start.column, r.start.offset, r.end.line, r.end.column, r.end.offset)
        related = tuple((x.start.line, x.start.column, x.start.offset, x.end.line, x.end.column, x.end.offset)
                        for x in self.related)
        return (_finding, (self.path, self.rule, self.name, self.family, self.severity, self.message, flat,
                           self.excerpt, related, self.fix, self.fingerprint, self.related_more))

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.range.start.offset, self.range.end.offset, self.rule, self.message)

    def as_dict(self) -> dict:
        out = {
            "rule": self.rule,
            "name": self.name,
            "family": self.family,
            "severity": self.severity,
            "message": self.message,
            "range": self.range.as_dict(),
            "excerpt": self.excerpt,
            "fingerprint": self.fingerprint,
        }
        if self.related:
            out["related"] = [r.as_dict() for r in self.related]
        if self.related_more:
            out["related_more"] = self.related_more
        if self.fix is not None:
            out["fix"] = {
                "title": self.fix.title,
                "safe": self.fix.safe,
                "edits": [
                    {"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in self.fix.edits
                ],
            }
        return out


def _range(sl: int, sc: int, so: int, el: int, ec: int, eo: int) -> Range:
    return Range(Position(sl, sc, so), Position(el, ec, eo))


def _finding(path, rule, name, family, severity, message, flat, excerpt, related, fix, fingerprint="",
             related_more=0) -> Finding:
    return Finding(path, rule, name, family, severity, message, _range(*flat), excerpt,
                   tuple(_range(*r) for r in related), fix, fingerprint, related_more)


def excerpt_of(text: str, span: Span) -> str:
    piece = span.slice(text)
    if len(piece) > EXCERPT_LIMIT:
        piece = piece[: EXCERPT_LIMIT - 1] + "…"
    return piece


@dataclass(frozen=True, slots=True)
class FileResult:
    """The outcome for one file: its findings, or why it could not be read."""

    path: str
    format: str | None
    findings: tuple[Finding, ...]

    def as_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "findings": [f.as_dict() for f in self.findings]}
