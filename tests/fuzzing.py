"""Mutating real articles and checking what wikilint promises about any input; shared by
tests/test_fuzz.py (hypothesis, bounded) and scripts/fuzz.py (random, for as long as asked).

A mutation is data, ``(kind, where, choice)`` with ``where`` in [0, 1) a position in the article
and ``choice`` a number picking the token or bytes, so hypothesis can shrink it and a crashing
input can be stored as the bytes it made.
"""

from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"
#: the project's copy of ../shared/data/devcorpus (85 real zh-wiki articles)
DEVCORPUS = ROOT / "tests" / "devcorpus"
#: crashing inputs found by scripts/fuzz.py, kept as cases that tests/test_fuzz.py runs
CASES = ROOT / "tests" / "data" / "fuzz"
#: each example lints a window of an article this long (whole articles make examples slow)
WINDOW = 3000

TOKENS = [
    "[[", "]]", "[", "]", "{{", "}}", "{{{", "}}}", "|", "<ref>", "</ref>", '<ref name="a">', '<ref name="a"/>',
    "<ref name=b>", "<references/>", "{{reflist}}", "-{", "}-", "-{zh-hans:后;zh-hant:後}-", "<!--", "-->",
    "\\[1\\]", "\\[\\[", "\\]\\]", '](../Page/甲.md "wikilink")', "[甲](../Page/甲.md \"wikilink\")",
    "''", "'''", "== 背景 ==\n", "## 背景\n", "\n", "\n\n", "\r", "\r\n", "1.  ", "<div>", "</div>", "<nowiki>",
    "[http://a.b c]", "{{cite web|title=}}", "（", "）", "「", "」", "《", "》", "。", "金英哲", "金永哲", "川普",
    "特朗普", "2019年2月30日", "星期三", "<!-- wikilint-disable -->", "𠄳", "\u200b", "\ufeff", "&nbsp;",
]
CJK_RANGES = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x3000, 0x303F), (0xFF00, 0xFFEF), (0x20000, 0x2A6DF)]
KINDS = ("token", "tokens", "cjk", "bytes", "delete", "duplicate", "nest", "line-ends")


@lru_cache(maxsize=1)
def sources() -> tuple[tuple[str, bytes], ...]:
    """(file name, bytes) of the seed and every devcorpus article."""
    paths = [SEED]
    if DEVCORPUS.is_dir():
        paths += sorted(p for folder in ("markdown", "wikitext") for p in (DEVCORPUS / folder).glob("*.*"))
    return tuple((p.name, p.read_bytes()) for p in paths)


def window(data: bytes, where: float) -> bytes:
    if len(data) <= WINDOW:
        return data
    start = int(where * (len(data) - WINDOW))
    return data[start : start + WINDOW]


def _at(data: bytes, where: float) -> int:
    return min(len(data), int(where * (len(data) + 1)))


def mutate(data: bytes, kind: str, where: float, choice: int) -> bytes:
    pos = _at(data, where)
    rng = random.Random(choice)
    if kind == "token":
        return data[:pos] + TOKENS[choice % len(TOKENS)].encode() + data[pos:]
    if kind == "tokens":
        piece = "".join(rng.choice(TOKENS) for _ in range(1 + choice % 12))
        return data[:pos] + piece.encode() + data[pos:]
    if kind == "cjk":
        lo, hi = CJK_RANGES[choice % len(CJK_RANGES)]
        piece = "".join(chr(rng.randint(lo, hi)) for _ in range(1 + choice % 9))
        return data[:pos] + piece.encode() + data[pos:]
    if kind == "bytes":
        return data[:pos] + bytes(rng.randrange(256) for _ in range(1 + choice % 4)) + data[pos:]
    if kind == "delete":
        return data[:pos] + data[pos + 1 + choice % 40 :]
    if kind == "duplicate":
        return data[:pos] + data[pos : pos + 1 + choice % 200] * 2 + data[pos + 1 + choice % 200 :]
    if kind == "nest":
        opener, closer = [("[[a|", "]]"), ("{{a|", "}}"), ("<ref>", "</ref>"), ("-{", "}-"), ("（", "）"),
                          ("<div>", "</div>"), ("[[", "]]")][choice % 7]
        depth = 1 + rng.randrange(60)
        return data[:pos] + (opener * depth).encode() + "甲".encode() + (closer * rng.randrange(depth + 1)).encode() + data[pos:]
    if kind == "line-ends":
        return data.replace(b"\r\n", b"\n").replace(b"\n", [b"\r", b"\r\n", b"\n"][choice % 3])
    raise ValueError(kind)


def build(source: int, where: float, mutations: list[tuple[str, float, int]]) -> tuple[str, bytes]:
    """The file name and the mutated bytes an example checks."""
    name, data = sources()[source % len(sources())]
    data = window(data, where)
    for kind, at, choice in mutations:
        data = mutate(data, kind, at, choice)
    return name, data


class Checker:
    """Everything the checks of one input share: rules, context, config (built once)."""

    def __init__(self) -> None:
        from wikilint.config import Config
        from wikilint.engine.registry import all_rules
        from wikilint.engine.runner import make_context

        self.config = Config()
        self.ctx = make_context(self.config)
        # wikilint's own rules: test modules register rules of their own (one always fails)
        self.rules = tuple(r for r in all_rules() if r.__module__.startswith("wikilint."))

    def check(self, name: str, data: bytes) -> None:
        """Assert wikilint's promises on one input (raises AssertionError with the reason)."""
        from wikilint.document.model import LineIndex
        from wikilint.engine.findings import FileResult
        from wikilint.engine.runner import check_bytes, decode, fix_text
        from wikilint.formats import line_ends_as_lf
        from wikilint.reporting.json import build_report, dumps, validate_report

        result = check_bytes(data, name, self.rules, self.ctx, self.config)
        failures = [f.message for f in result.findings if f.rule == "EN001"]
        assert not failures, failures
        decoded = decode(data, name, self.config)
        if result.format is not None:
            text = decoded.text
            lines = LineIndex(line_ends_as_lf(text))
            for f in result.findings:
                for r in (f.range, *f.related):
                    assert 0 <= r.start.offset <= r.end.offset <= len(text), (f.rule, r)
                    assert lines.line_col(r.start.offset) == (r.start.line, r.start.column), (f.rule, r)
                    assert lines.line_col(r.end.offset) == (r.end.line, r.end.column), (f.rule, r)
                piece = line_ends_as_lf(text)[f.range.start.offset : f.range.end.offset]
                assert f.excerpt == piece or (f.excerpt.endswith("…") and piece.startswith(f.excerpt[:-1])), f.rule
        report = build_report([result], self.rules, False)
        validate_report(report)
        json.loads(dumps(report).encode("utf-8").decode("utf-8"))
        if result.format is None:
            return
        for unsafe in (False, True):
            fixed, remaining = fix_text(decoded.text, name, self.rules, self.ctx, self.config, result.format, unsafe)
            assert not [f for f in remaining if f.rule in ("EN001", "EN004")], [f.message for f in remaining]
            again, _ = fix_text(fixed, name, self.rules, self.ctx, self.config, result.format, unsafe)
            assert again == fixed, f"{'unsafe' if unsafe else 'safe'} fixes are not idempotent"


def stored_cases() -> list[Path]:
    return sorted(CASES.glob("*.bin")) if CASES.is_dir() else []


def store_case(name: str, data: bytes) -> Path:
    """Keep a crashing input as a case: ``tests/data/fuzz/<digest>-<article name>.bin``."""
    import hashlib

    CASES.mkdir(parents=True, exist_ok=True)
    stem = Path(name).stem[:40]
    path = CASES / f"{hashlib.sha256(data).hexdigest()[:12]}-{stem}{Path(name).suffix}.bin"
    path.write_bytes(data)
    return path


def case_name(path: Path) -> str:
    """The article file name a stored case is checked under (it decides the format)."""
    return path.name.split("-", 1)[1][: -len(".bin")]
