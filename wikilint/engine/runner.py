"""Runs rules over documents and files.

Everything here is a pure function of (text or bytes, path, rules, context), so results can be
computed in worker processes and pickled back; the only I/O is reading one file in
``check_bytes``'s caller and the atomic write in ``write_atomically``.
"""

from __future__ import annotations

import heapq
import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from wikilint.config import Config, from_mapping
from wikilint.document.model import Document, Span
from wikilint.engine.findings import FileResult, Finding, Range, excerpt_of
from wikilint.engine.fingerprint import with_fingerprints
from wikilint.engine.registry import rule_matches, select_rules
from wikilint.engine.rule import RELATED_LIMIT, Context, Fix, Rule, Severity
from wikilint.engine.suppress import find_suppressions, selects
from wikilint.formats import detect_format, parse
from wikilint.reading import SpecialFile, read_bounded, read_upto  # noqa: F401  (re-exported)


@dataclass(frozen=True, slots=True)
class SystemRule:
    """Findings the engine itself makes: about input it cannot read and rules that failed."""

    code: str
    name: str
    family: str
    severity: Severity
    summary: str


INPUT_UNDECODABLE = SystemRule("IN001", "undecodable-bytes", "input", Severity.ERROR, "The file is not valid UTF-8 text.")
INPUT_BINARY = SystemRule("IN002", "binary-file", "input", Severity.ERROR, "The file holds binary data, not an article.")
INPUT_TOO_LARGE = SystemRule("IN003", "file-too-large", "input", Severity.WARNING, "The file exceeds max-file-size and was not checked.")
INPUT_EMPTY = SystemRule("IN004", "empty-file", "input", Severity.INFO, "The file is empty.")
INPUT_UNREADABLE = SystemRule("IN005", "unreadable-file", "input", Severity.ERROR, "The file could not be read.")
INPUT_UNPARSED = SystemRule("IN006", "unparsed-markup", "input", Severity.WARNING, "Markup nested too deep, or with too many unclosed openers, was kept as plain text and not checked.")
UNUSED_SUPPRESSION = SystemRule("EN002", "unused-suppression", "engine", Severity.INFO, "A wikilint-disable comment that suppresses nothing, or names no rule wikilint knows.")
INTERNAL_ERROR = SystemRule("EN001", "internal-error", "engine", Severity.ERROR, "A rule or the front-end failed on this article; the other rules still ran.")
FIX_NOT_WRITTEN = SystemRule("EN003", "fix-not-written", "engine", Severity.ERROR, "--fix could not write this file (read-only, no permission to write its folder, or a write error); it was left as it was.")
FIX_NOT_CONVERGED = SystemRule("EN004", "fix-not-converged", "engine", Severity.WARNING, "Fixes kept changing the file until --fix reached its pass limit; what it wrote is not a fixed point.")
INPUT_ESCAPED = SystemRule("IN007", "entity-escaped-markup", "input", Severity.ERROR, "The file's markup is written with HTML entities (&lt;ref&gt;…&lt;/ref&gt;): its refs show as text.")
SYSTEM_RULES = (INTERNAL_ERROR, UNUSED_SUPPRESSION, FIX_NOT_WRITTEN, FIX_NOT_CONVERGED, INPUT_UNDECODABLE, INPUT_BINARY, INPUT_TOO_LARGE, INPUT_EMPTY, INPUT_UNREADABLE, INPUT_UNPARSED,
                INPUT_ESCAPED)


# -- context ------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _title_index(path: str, max_count: int, max_bytes: int):
    from wikilint.links_index import load_title_index

    return load_title_index(path, max_count=max_count, max_bytes=max_bytes)


@lru_cache(maxsize=4)
def _rule_data(path: str | None):
    try:
        from wikilint.engine.data import RuleData
    except ImportError:  # pragma: no cover - a build without rule data
        return None
    return RuleData(Path(path)) if path else RuleData()


def _check_rule_data(path: str) -> None:
    """A rules-data folder that is missing, not a folder, holds no tables or a malformed one is a
    configuration error: without it the name rules would quietly find nothing, or fail on every file."""
    from wikilint.config import ConfigError
    from wikilint.engine.data import RuleDataError

    folder = Path(path)
    if not folder.exists():
        raise ConfigError(f"rules-data {path}: no such folder")
    if not folder.is_dir():
        raise ConfigError(f"rules-data {path}: not a folder")
    data = _rule_data(path)
    if not data.files("names"):
        raise ConfigError(f"rules-data {path}: holds no name tables (names/*.toml, *.yaml or *.json)")
    from wikilint.engine.registry import family_indexes

    try:
        for declared in family_indexes():  # what the rules read: validated tables, built into one index
            data.index(declared)
    except RuleDataError as exc:
        raise ConfigError(f"rules-data: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a table the schema accepts but the index cannot use
        raise ConfigError(f"rules-data {path}: the name tables cannot be used: {type(exc).__name__}: {exc}") from None


def make_context(config: Config, titles: str | None = None) -> Context:
    """The context every rule of a run shares.  Loads the title index and rule data once."""
    titles = titles or config.titles
    if config.rules_data:
        _check_rule_data(config.rules_data)
    return Context(
        variant=config.variant,
        options=config.rules,
        data=_rule_data(config.rules_data),
        titles=_title_index(titles, config.titles_max_count, config.titles_max_bytes) if titles else None,
    )


def as_config(config: Config | Mapping | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return from_mapping(dict(config), "<config>")


# -- linting ------------------------------------------------------------------------------------------


def system_finding(rule: SystemRule, path: str, message: str, text: str = "", span: Span | None = None) -> Finding:
    from wikilint.document.model import LineIndex

    from wikilint.writing import display_path

    path = display_path(path)
    span = span or Span(0, 0)
    finding = Finding(path, rule.code, rule.name, rule.family, rule.severity.value, message,
                      Range.of(span, LineIndex(text)), excerpt_of(text, span))
    return with_fingerprints([finding], text)[0]


def _severity(rule: type[Rule], violation_severity: Severity | None, config: Config) -> str:
    override = config.severity.get(rule.code) or config.severity.get(rule.name)
    if override:
        return override
    return (violation_severity or rule.severity).value


def lint_document(doc: Document, rules: Sequence[type[Rule]], ctx: Context, config: Config) -> list[Finding]:
    """Run ``rules`` over one document.  A rule that raises becomes one EN001 finding."""
    findings: list[Finding] = []
    lines = doc.lines
    length = len(doc.text)
    suppressions = find_suppressions(doc.text, lines)
    used: set[tuple[Span, str]] = set()
    ran: list[type[Rule]] = []
    ignored_here = config.ignored_at(doc.path)
    for rule_cls in rules:
        if ignored_here and any(rule_matches(rule_cls, s) for s in ignored_here):
            continue
        ran.append(rule_cls)
        try:
            for v in rule_cls().check(doc, ctx):
                for span in (v.span, *v.related, *(e.span for e in (v.fix.edits if v.fix else ()))):
                    if span.end > length:
                        raise ValueError(f"span {span.start}..{span.end} lies outside the text ({length})")
                covering = [s for s in suppressions
                            if s.covers(v.span.start, rule_cls.code, rule_cls.name, rule_cls.family)]
                if covering:
                    used.update((s.directive, sel) for s in covering for sel in s.selectors
                                if selects(sel, rule_cls.code, rule_cls.name, rule_cls.family))
                    continue
                related, more = _capped(v.related, v.more_related)
                findings.append(
                    Finding(
                        doc.path, rule_cls.code, rule_cls.name, rule_cls.family,
                        _severity(rule_cls, v.severity, config), v.message,
                        Range.of(v.span, lines), excerpt_of(doc.text, v.span),
                        tuple(Range.of(r, lines) for r in related), v.fix, related_more=more,
                    )
                )
        except Exception as exc:  # noqa: BLE001 - a failing rule must not stop the run
            import traceback

            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings = [f for f in findings if f.rule != rule_cls.code]
            findings.append(system_finding(
                INTERNAL_ERROR, doc.path,
                f"rule {rule_cls.code} ({rule_cls.name}) failed: {type(exc).__name__}: {exc} "
                f"[{Path(where.filename).name}:{where.lineno}]; its findings for this file are dropped",
                doc.text,
            ))
    findings.extend(_unused_suppressions(doc, suppressions, used, ran))
    for piece in doc.markup:
        if piece.kind == "unparsed":
            findings.append(_input_finding(doc, INPUT_UNPARSED, piece.span,
                f"{len(piece.span):,} characters of markup nested too deep or never closed were read as plain text: "
                "links, refs and templates inside them were not checked"))
        elif piece.kind == "escaped-markup":
            # one finding for the file, not one per ref, and no fix: the refs hold the citations
            count = sum(1 for m in doc.markup if m.kind == "escaped-citation")
            findings.append(_input_finding(doc, INPUT_ESCAPED, piece.span,
                f"the file's markup is HTML-entity-escaped: its {count} refs (&lt;ref&gt;…&lt;/ref&gt;) show as text "
                "and were not checked as footnotes; unescape the file (&lt; to <, &gt; to >, &quot; to \") and check it again"))
    findings.sort(key=lambda f: f.sort_key)
    return with_fingerprints(findings, doc.text)


def _capped(related: Sequence[Span], more: int) -> tuple[list[Span], int]:
    """The first ``RELATED_LIMIT`` related spans by position, and how many more there are."""
    if len(related) <= RELATED_LIMIT:
        return sorted(related), more
    return heapq.nsmallest(RELATED_LIMIT, related), more + len(related) - RELATED_LIMIT


def _input_finding(doc: Document, rule: SystemRule, span: Span, message: str) -> Finding:
    return Finding(doc.path, rule.code, rule.name, rule.family, rule.severity.value, message,
                   Range.of(span, doc.lines), excerpt_of(doc.text, span))


def _unused_suppressions(doc: Document, suppressions, used: set, ran: Sequence[type[Rule]]) -> list[Finding]:
    """A disable comment that names an unknown rule, or whose rules ran and found nothing it hides."""
    from wikilint.engine.registry import all_rules

    out: list[Finding] = []
    seen: set[tuple[Span, str]] = set()
    for s in suppressions:
        for selector in sorted(s.selectors):
            key = (s.directive, selector)
            shown = selector.upper() if re.fullmatch(r"[a-z]{2}\d{3}", selector) else selector
            if key in used or key in seen:
                continue
            seen.add(key)
            known = [r for r in {*all_rules(), *ran} if selects(selector, r.code, r.name, r.family)]
            if not known:
                message = f"wikilint-disable names {shown!r}, which is no rule, rule name or family"
            elif all(r in ran for r in known):
                what = "any rule" if selector in ("*", "all") else shown
                message = f"this suppression of {what} hides nothing here: remove it"
            else:
                continue  # the rules it names did not run: it may be needed another time
            out.append(Finding(doc.path, UNUSED_SUPPRESSION.code, UNUSED_SUPPRESSION.name, UNUSED_SUPPRESSION.family,
                               UNUSED_SUPPRESSION.severity.value, message, Range.of(s.directive, doc.lines),
                               excerpt_of(doc.text, s.directive)))
    return out


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """The selectors that name no rule, rule name, family or code prefix (system rules included)."""
    from wikilint.engine.registry import all_rules

    return [s for s in selectors
            if not any(rule_matches(r, s) for r in (*all_rules(), *SYSTEM_RULES))]


def check_selectors(config: Config, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> None:
    """Raise ConfigError naming the first selector, severity override or per-path ignore that names no rule."""
    from wikilint.config import ConfigError
    from wikilint.engine.registry import all_rules

    where = config.source or "configuration"
    for option, values in (("--select", select), ("--ignore", ignore)):
        for bad in unknown_selectors(values):
            raise ConfigError(f"{option} {bad!r} names no rule, rule name, family or code prefix; `wikilint rules` lists them")
    keyed = [("select", config.select or ()), ("ignore", config.ignore),
             *((f"per-path-ignores.{k!r}", v) for k, v in config.per_path_ignores.items())]
    for key, values in keyed:
        for bad in unknown_selectors(values):
            raise ConfigError(f"{where}: key {key}: {bad!r} names no rule, rule name, family or code prefix")
    exact = {x for r in (*all_rules(), *SYSTEM_RULES) for x in (r.code, r.name)}
    for name in config.severity:
        if name not in exact:
            raise ConfigError(f"{where}: key severity: {name!r} is no rule code or name")


def rules_for(config: Config, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None):
    chosen_select = list(select) if select else (list(config.select) if config.select else None)
    chosen_ignore = list(config.ignore) + list(ignore or ())
    return select_rules(chosen_select, chosen_ignore)


def lint_text(
    text: str,
    path: str = "<text>",
    input_format: str | None = None,
    select: Iterable[str] | None = None,
    config: Config | Mapping | None = None,
    ctx: Context | None = None,
) -> list[Finding]:
    """Lint one article given as text: parse once, run the selected rules, sorted findings."""
    cfg = as_config(config)
    context = ctx or make_context(cfg)
    try:
        doc = parse(text, path, input_format)
    except Exception as exc:  # noqa: BLE001 - a front-end failure is a finding for this article
        return [system_finding(INTERNAL_ERROR, path, f"the article could not be parsed: {type(exc).__name__}: {exc}", text)]
    return lint_document(doc, rules_for(cfg, select), context, cfg)


# Articles the worker pool's parent lints before it forks, one per front-end, so that what rules load
# lazily (script tables, converters, the name index, date patterns) is loaded once and shared.
_WARM_UP = {
    "wikitext": ("'''甲乙'''（1950年1月1日－2000年12月31日）是[[中国]]的[[作家|作者]]，生於台灣，"
                 "與川普、特朗普會面。<ref>{{cite web|title=甲|date=2019年2月28日}}</ref>\n\n"
                 "== 生平 ==\n1999年2月30日，他说：「這個軟件和软件」。<ref name=\"a\" />\n\n"
                 "== 參考資料 ==\n{{reflist}}\n"),
    "markdown": ("**甲乙**（1950年1月1日－2000年12月31日）是[中国](../Page/中国.md \"wikilink\")作家，"
                 "與川普、特朗普會面。\\[1\\]\n\n## 生平\n\n1999年2月30日，他说：「這個軟件和软件」。\\[2\\]\n\n"
                 "## 參考資料\n\n1.  \n2.  [甲](https://example.org)\n"),
}


def warm_up(rules: Sequence[type[Rule]], ctx: Context, config: Config) -> None:
    for fmt, text in _WARM_UP.items():
        try:
            lint_document(parse(text, f"<warm-up>.{fmt}", fmt), rules, ctx, config)
        except Exception:  # noqa: BLE001 - warming is an optimisation; the real run reports failures
            pass


# -- reading files ------------------------------------------------------------------------------------


def too_large(path: str, size: int | None, config: Config) -> Finding:
    what = f"file is {size / 1e6:.1f} MB, over" if size is not None else "input is over"
    return system_finding(INPUT_TOO_LARGE, path,
                          f"{what} max-file-size ({config.max_file_size / 1e6:.1f} MB); not checked")


def read_input(path: str, config: Config, stdin=None) -> bytes | Finding:
    """A file's bytes (standard input for ``-``), or the input finding that says why not: too large
    (found before reading it all), a special file, or unreadable."""
    limit = config.max_file_size
    try:
        if path == "-":
            data = read_upto(stdin.read, limit + 1)
        else:
            info = os.stat(path)
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                return too_large(path, info.st_size, config)
            data = read_bounded(path, limit)
    except SpecialFile as exc:
        return system_finding(INPUT_UNREADABLE, path, f"{exc.strerror}; skipped")
    except OSError as exc:
        return system_finding(INPUT_UNREADABLE, path, f"cannot read: {exc.strerror or exc}")
    if len(data) > limit:
        return too_large(path, None, config)
    return data


@dataclass(frozen=True, slots=True)
class DecodedFile:
    text: str
    encoding: str  # what to write back with ("utf-8" or "utf-8-sig")


def decode(data: bytes, path: str, config: Config) -> DecodedFile | Finding:
    """Turn a file's bytes into text, or into the input finding that says why not."""
    if len(data) > config.max_file_size:
        return too_large(path, len(data), config)
    if not data.strip():
        return system_finding(INPUT_EMPTY, path, "file is empty" if not data else "file holds only whitespace")
    if b"\x00" in data[:8192]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return system_finding(INPUT_UNDECODABLE, path, "file is UTF-16; convert it to UTF-8 to check it")
        return system_finding(INPUT_BINARY, path, "file holds NUL bytes: binary data, not an article; not checked")
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return DecodedFile(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return system_finding(INPUT_UNDECODABLE, path,
                              f"byte {exc.start} (line {line}) is not valid UTF-8 ({data[exc.start:exc.start + 4]!r}); not checked")


def check_bytes(data: bytes, path: str, rules: Sequence[type[Rule]], ctx: Context, config: Config,
                input_format: str | None = None) -> FileResult:
    decoded = decode(data, path, config)
    if isinstance(decoded, Finding):
        return FileResult(path, None, (decoded,))
    return check_text(decoded.text, path, rules, ctx, config, input_format)


def check_text(text: str, path: str, rules: Sequence[type[Rule]], ctx: Context, config: Config,
               input_format: str | None = None) -> FileResult:
    """Lint one article's text (a decoded file, or a page of a dump) into its file result."""
    if not text.strip():
        return FileResult(path, None, (system_finding(INPUT_EMPTY, path, "article is empty" if not text else "article holds only whitespace"),))
    fmt = input_format or detect_format(text, path)
    try:
        doc = parse(text, path, fmt)
    except Exception as exc:  # noqa: BLE001 - a front-end failure is a finding for this article
        finding = system_finding(INTERNAL_ERROR, path, f"the article could not be parsed: {type(exc).__name__}: {exc}", text)
        return FileResult(path, fmt, (finding,))
    return FileResult(path, fmt, tuple(lint_document(doc, rules, ctx, config)))


# -- fixing -------------------------------------------------------------------------------------------


def choose_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """Fixes to apply together: safe ones (and unsafe ones if asked), no two overlapping."""
    chosen: list[Fix] = []
    taken: list[Span] = []
    candidates = [f.fix for f in findings if f.fix is not None and f.fix.edits and (f.fix.safe or unsafe)]
    candidates.sort(key=lambda fix: (min(e.span.start for e in fix.edits), fix.title))
    for fix in candidates:
        if any(_clash(e.span, t) for e in fix.edits for t in taken):
            continue
        chosen.append(fix)
        taken.extend(e.span for e in fix.edits)
    return chosen


def _clash(a: Span, b: Span) -> bool:
    return a.overlaps(b) or (a.start == b.start) or (len(a) == 0 and b.start < a.start < b.end) or (
        len(b) == 0 and a.start < b.start < a.end)


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> str:
    """Apply one round of non-overlapping fixes to ``text``."""
    return _apply(text, choose_fixes(findings, unsafe))


def _apply(text: str, fixes: Iterable[Fix]) -> str:
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: e.span.start, reverse=True)
    for edit in edits:
        text = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    return text


#: the most lint-and-fix passes ``fix_text`` makes.  Each pass applies every fix that does not
#: overlap another, so nesting n deep (``[[[[…]]]]``, refs in refs) takes about n passes; nesting
#: deeper than the front-ends parse (``MAX_DEPTH``) is plain text that no rule fixes.  A property
#: test holds fix_text to this bound on nested garbage; past it, FIX_NOT_CONVERGED says so.
MAX_FIX_PASSES = 100


def fix_text(text: str, path: str, rules: Sequence[type[Rule]], ctx: Context, config: Config,
             input_format: str | None = None, unsafe: bool = False, max_passes: int = MAX_FIX_PASSES,
             findings: list[Finding] | None = None) -> tuple[str, list[Finding]]:
    """Lint and fix until nothing more applies (a fixed point); returns the text and what remains,
    with a FIX_NOT_CONVERGED finding when ``max_passes`` passes still changed it.
    ``findings``, when the caller has already linted ``text``, saves the first pass."""
    fixed, remaining, _ = fix_rounds(text, path, rules, ctx, config, input_format, unsafe, max_passes, findings)
    return fixed, remaining


def fix_rounds(text: str, path: str, rules: Sequence[type[Rule]], ctx: Context, config: Config,
               input_format: str | None = None, unsafe: bool = False, max_passes: int = MAX_FIX_PASSES,
               findings: list[Finding] | None = None) -> tuple[str, list[Finding], int]:
    """``fix_text`` that also counts the fixes it applied, over all passes."""
    fmt = input_format or detect_format(text, path)
    if findings is None:
        findings = lint_document(parse(text, path, fmt), rules, ctx, config)
    applied = 0
    seen = {hash(text)}
    for _ in range(max_passes):
        chosen = choose_fixes(findings, unsafe)
        fixed = _apply(text, chosen)
        if fixed == text:
            break
        if hash(fixed) in seen:  # fixes that undo each other: more passes only go round the cycle
            return text, _not_converged(findings, path, text, "fixes undo each other's edits here (a rule's bug)"), applied
        seen.add(hash(fixed))
        applied += len(chosen)
        text = fixed
        findings = lint_document(parse(text, path, fmt), rules, ctx, config)
    else:
        if apply_fixes(text, findings, unsafe) != text:
            findings = _not_converged(findings, path, text, f"fixes still changed the file after {max_passes} passes")
    return text, findings, applied


def _not_converged(findings: list[Finding], path: str, text: str, why: str) -> list[Finding]:
    return sorted([*findings, system_finding(
        FIX_NOT_CONVERGED, path, f"{why}; run --fix again, and report the file to wikilint's maintainers", text)],
        key=lambda f: f.sort_key)


def write_atomically(path: Path, text: str, encoding: str) -> None:
    """Write through a temporary file in the same folder and rename it over ``path``."""
    from wikilint.writing import write_atomically as write

    write(path, text, encoding)
