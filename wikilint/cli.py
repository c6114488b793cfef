"""The ``wikilint`` command: check, report, diff, baseline, rules, names.

Exit codes: 0 nothing at the fail level, 1 findings at the fail level (or, with --diff, a change to
show), 2 a usage or configuration error or an internal failure, so CI tells a crash from findings."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence, TextIO, TypeVar, Union

from wikilint import __version__
from wikilint.config import Config, ConfigError, find_config, load_file
from wikilint.engine.findings import FileResult, Finding
from wikilint.engine.rule import Severity
from wikilint.reporting.formats import FORMATS
from wikilint.reporting.output import OutputError
from wikilint.schemas import InvalidDocument

if TYPE_CHECKING:  # pragma: no cover
    from wikilint.formats.dump import DumpPage

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".wiki", ".wikitext", ".mediawiki")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 2
T = TypeVar("T")


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wikilint", description="Lint wiki articles (MediaWiki wikitext and zh-wiki exported markdown).")
    parser.add_argument("--version", action="version", version=f"wikilint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="*", help="files or folders (folders recurse); '-' reads standard input")
        p.add_argument("--config", help="a wikilint.toml or pyproject.toml to use instead of the nearest one")
        p.add_argument("--select", action="append", help="rules to run (code, prefix, name or family; comma-separated)")
        p.add_argument("--ignore", action="append", help="rules not to run")
        p.add_argument("--input-format", choices=("wikitext", "markdown"), help="override format detection")
        p.add_argument("--titles", help="title index: titles file (.gz too), folder of exported articles, or dump")
        p.add_argument("--variant", choices=_variants(), metavar="VARIANT",
                       help=f"the articles' target variant ({', '.join(_variants())})")
        p.add_argument("--stdin-filename", default="<stdin>", help="the path to report for '-'")
        p.add_argument("-j", "--jobs", type=_jobs, default=None,
                       help="worker processes (default: the machine's cores; 1 checks in this process)")
        p.add_argument("--namespace", action="append",
                       help="dumps: namespace numbers to lint (comma-separated; default 0, the articles)")
        p.add_argument("--titles-from-dump", action="store_true",
                       help="dumps: use the titles of the dumps being checked as the title index")

    check = sub.add_parser("check", help="check articles and print findings")
    common(check)
    check.add_argument("--format", action="append", choices=FORMATS,
                       help="report format (default text); with --output-file the last --format goes to the file "
                            "and any earlier one to standard output")
    check.add_argument("--output-file", metavar="FILE", help="write the report to FILE (parent folders are created)")
    check.add_argument("--fail-on", choices=("error", "warning", "info"))
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings reach the fail level")
    check.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of each finding")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place (atomically); with '-', print the fixed text")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing; exit 1 when there is one")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text report (auto: on a terminal, unless NO_COLOR; FORCE_COLOR forces it)")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line on standard error")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE (`wikilint baseline`)")
    check.add_argument("--changed-since", metavar="REV",
                       help="check the article files that changed between the git revision REV and the working tree")
    check.add_argument("--only-changed-lines", action="store_true",
                       help="with --changed-since: only findings on changed lines, or that the change introduced")

    baseline = sub.add_parser("baseline", help="record today's findings, for `check --baseline` to leave out")
    common(baseline)
    baseline.add_argument("-o", "--output", default=".wikilint-baseline.json",
                          help="file to write (default .wikilint-baseline.json)")

    report = sub.add_parser("report", help="write the JSON report for a corpus, with a summary, or an HTML dashboard")
    common(report)
    report.add_argument("-o", "--output", help="JSON file to write, folders created (default: standard output, "
                        "unless --html is given)")
    report.add_argument("--html", metavar="FILE", help="also write a self-contained HTML dashboard")
    report.add_argument("--diff-from", metavar="OLD.json", help="mark new and fixed findings against an older report "
                        "in the dashboard")
    report.add_argument("--reproducible", action="store_true",
                        help="leave out the run object (dates, duration, revision): same input, same bytes")
    report.add_argument("--format", choices=("json", "jsonl"), default="json",
                        help="one JSON report (default), or JSON Lines streamed as results come, summary last")
    report.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary on standard error")

    diff = sub.add_parser("diff", help="compare two JSON reports: new, fixed and unchanged findings")
    diff.add_argument("old", help="the older report (JSON)")
    diff.add_argument("new", help="the newer report (JSON)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                      help="exit 1 when a new finding reaches this severity (default error)")

    rules = sub.add_parser("rules", help="list the rules, or show one rule's doc")
    rules.add_argument("rule", nargs="?", help="a rule code or name (shows its doc), or a family or code prefix (lists them)")
    rules.add_argument("--docs", action="store_true", help="print every rule's full doc")

    names = sub.add_parser("names", help="name-table tools")
    names_sub = names.add_subparsers(dest="names_command", required=True)
    names_sub.add_parser("import-cgroups", help="turn zh-wiki conversion groups (JSON) into name tables "
                         "(`wikilint names import-cgroups --help` for its options)")
    return parser


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _jobs(value: str) -> int:
    # 0 is refused rather than read as "one per core": leaving -j out already says that, and a
    # computed value that came out 0 is more likely a mistake in the caller's script than a wish
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of worker processes, not {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (leave -j out for one per core), not {jobs}")
    return jobs


def _variants() -> list[str]:
    """The variants the configuration schema allows, so --variant and `variant =` accept the same."""
    from wikilint.schemas import load_schema, schema_file

    return list(load_schema(schema_file("config"))["properties"]["variant"]["enum"])


class Configs:
    """The configuration of each checked file: the nearest wikilint.toml or [tool.wikilint] above it
    (or --config for all), with the command line's --variant on top.  Looked up once a folder."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.explicit = load_file(Path(args.config)) if args.config else None
        self.variant = getattr(args, "variant", None)
        self.stdin_filename = getattr(args, "stdin_filename", "<stdin>")
        self._by_folder: dict[Path, Config] = {}
        self._by_name: dict[str, Config] = {}

    def _finish(self, config: Config) -> Config:
        return replace(config, variant=self.variant) if self.variant else config

    def for_path(self, path: str) -> Config:
        if self.explicit is not None:
            return self._finish(self.explicit)
        if path == "-":
            path = self.stdin_filename if self.stdin_filename != "<stdin>" else "."
        # keyed by the folder as written first: a corpus walk asks once a file, and resolving costs syscalls
        folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
        config = self._by_name.get(folder)
        if config is None:
            resolved = Path(folder).resolve()
            if resolved not in self._by_folder:
                self._by_folder[resolved] = self._finish(find_config(resolved))
            config = self._by_name[folder] = self._by_folder[resolved]
        return config


def iter_files(paths: Sequence[str], config: Config | Callable[[str], Config]) -> Iterator[str]:
    """Files named and files found in folders (walked in sorted order for article suffixes, hidden
    entries skipped), less those the applicable configuration excludes: named files too, so a
    pre-commit hook respects ``exclude``."""
    config_for = config if callable(config) else (lambda _path: config)
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                        candidate = os.path.join(root, name)
                        if not config_for(candidate).excluded(candidate):
                            found.append(candidate)
            yield from sorted(found)
        elif not config_for(raw).excluded(raw):
            yield raw


class Runner:
    """Everything the files under one configuration share, built once: config, rules, context."""

    def __init__(self, args: argparse.Namespace, config: Config) -> None:
        from wikilint.engine.runner import check_selectors, make_context, rules_for

        select, ignore = _split(args.select), _split(args.ignore)
        check_selectors(config, select, ignore)
        self.config = config
        self.input_format = args.input_format
        self.rules = rules_for(config, select or None, ignore)
        if not self.rules:
            raise UsageError("no rule selected: check --select / --ignore")
        self.ctx = make_context(config, args.titles)
        if getattr(args, "titles_from_dump", False):
            from wikilint.formats.dump import dump_titles, is_dump

            dumps = [p for p in args.paths if p != "-" and is_dump(p)]
            if not dumps:
                raise UsageError("--titles-from-dump needs a dump among the paths (.xml, .xml.bz2, .xml.gz)")
            self.ctx = replace(self.ctx, titles=dump_titles(dumps))
        self.stdin_filename = args.stdin_filename
        self.hidden = _ignored_system_rules([*config.ignore, *ignore])

    def read(self, path: str) -> bytes | Finding:
        from wikilint.engine.runner import read_input

        return read_input(path, self.config, sys.stdin.buffer)

    def shown(self, path: str) -> str:
        from wikilint.writing import display_path

        return display_path(self.stdin_filename if path == "-" else path)

    def check(self, item: Item) -> FileResult:
        if isinstance(item, FileResult):
            return item
        if not isinstance(item, str):  # a dump's page: wikitext under DUMP#Title
            from wikilint.engine.runner import check_text

            result = check_text(item.text, item.path, self.rules, self.ctx, self.config, self.input_format or "wikitext")
            return replace(result, findings=tuple(self.shown_findings(result.findings))) if self.hidden else result
        data = self.read(item)
        if isinstance(data, Finding):
            return FileResult(self.shown(item), None, (data,))
        return self.check_bytes(data, self.shown(item))

    def check_bytes(self, data: bytes, shown: str) -> FileResult:
        from wikilint.engine.runner import check_bytes

        result = check_bytes(data, shown, self.rules, self.ctx, self.config, self.input_format)
        return replace(result, findings=tuple(self.shown_findings(result.findings))) if self.hidden else result

    def shown_findings(self, findings: Sequence[Finding]) -> list[Finding]:
        """Less the engine's own findings that an ignore names (``--ignore EN002``)."""
        return [f for f in findings if f.rule not in self.hidden]


def _ignored_system_rules(ignore: Sequence[str]) -> frozenset[str]:
    from wikilint.engine.registry import rule_matches
    from wikilint.engine.runner import SYSTEM_RULES

    named = [s for s in ignore if s.strip().upper() != "ALL"]  # ALL means the rules, not unreadable input
    return frozenset(r.code for r in SYSTEM_RULES if any(rule_matches(r, s) for s in named))


Item = Union[str, "DumpPage", FileResult]  # a file's path, a page of a dump, or a result known without linting


def iter_items(files: Sequence[str], namespaces: Sequence[int] = (0,)) -> Iterator[Item]:
    """What to lint, in order: the files, and each dump's pages as they are read.  A dump that
    breaks part way is one input finding after the pages read before."""
    from wikilint.formats.dump import is_dump

    for path in files:
        if path != "-" and is_dump(path):
            yield from _dump_items(path, namespaces)
        else:
            yield path


def _dump_items(path: str, namespaces: Sequence[int]) -> Iterator[Item]:
    from wikilint.engine.runner import INPUT_UNREADABLE, system_finding
    from wikilint.formats.dump import DumpError, iter_pages

    read = 0
    try:
        for page in iter_pages(path, namespaces):
            read += 1
            yield page
    except DumpError as exc:
        yield FileResult(path, None, (system_finding(
            INPUT_UNREADABLE, path, f"the dump cannot be read after {read:,} pages: {exc}"),))


def _namespaces(args: argparse.Namespace) -> tuple[int, ...]:
    try:
        return tuple(sorted({int(n) for n in _split(getattr(args, "namespace", None))})) or (0,)
    except ValueError:
        raise UsageError("--namespace takes namespace numbers, e.g. --namespace 0,14") from None


class Session:
    """One command's runners, one per configuration in force, each built when a file first needs it."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.configs = Configs(args)
        self._runners: dict[str | None, Runner] = {}

    def runner_for(self, path: str) -> Runner:
        config = self.configs.for_path(path)
        if config.source not in self._runners:
            self._runners[config.source] = Runner(self.args, config)
        return self._runners[config.source]

    def check(self, item: Item) -> FileResult:
        if isinstance(item, FileResult):
            return item
        return self.runner_for(item if isinstance(item, str) else item.path).check(item)

    def check_rendered(self, item: Item):
        """The item's result as its JSON line: rendered in the worker, so little crosses back."""
        from wikilint.reporting.json import render_jsonl

        return render_jsonl(self.check(item))

    def warm(self) -> None:
        """Load every table the rules load lazily, before worker processes fork and share them."""
        from wikilint.engine.runner import warm_up

        for runner in self._runners.values():
            warm_up(runner.rules, runner.ctx, runner.config)

    def prepare(self, files: Sequence[str]) -> None:
        """Build every runner the files need before worker processes fork, so each worker has them."""
        for path in files:
            self.runner_for(path)
        if not self._runners:
            self.runner_for(".")

    @property
    def rules(self) -> tuple:
        """Every rule some file ran, sorted by code (one configuration's rules in the usual case)."""
        seen = {rule.code: rule for runner in self._runners.values() for rule in runner.rules}
        return tuple(seen[code] for code in sorted(seen))

    @property
    def existence_checked(self) -> bool:
        return bool(self._runners) and all(r.ctx.titles is not None for r in self._runners.values())

    def settings(self, inputs: int) -> dict:
        """The report's ``settings``: what decides this run's findings, over every configuration in force."""
        from wikilint.reporting.metadata import RunOptions, settings

        self.prepare(())
        runners = sorted(self._runners.values(), key=lambda r: r.config.source or "")
        options = RunOptions(tuple(_split(self.args.select)), tuple(_split(self.args.ignore)),
                             self.args.input_format, self.args.titles)
        rules_dirs = [r.ctx.data.rules_dir for r in runners if r.ctx.data is not None]
        return settings([r.config for r in runners], self.rules, options, inputs, rules_dirs, self.existence_checked)


def _weight(item: Item) -> int:
    return len(item.text) if hasattr(item, "text") else 0


def run_all(session: Session | Runner, files: Sequence[str], jobs: int | None, quiet: bool = True,
            namespaces: Sequence[int] = (0,), task=None) -> Iterator:
    """Results (``task``'s, ``session.check``'s by default) for ``files`` and the pages of the dumps
    among them, in input order, from ``jobs`` worker processes (None: one per core) when there is more
    than one article to check."""
    from wikilint.engine.workers import cpu_count, ordered_map
    from wikilint.formats.dump import is_dump

    if isinstance(session, Session):
        session.prepare(files)
    jobs = jobs or cpu_count()
    if "-" in files or (len(files) < 2 and not any(is_dump(f) for f in files)):
        jobs = 1
    if jobs > 1 and isinstance(session, Session):
        session.warm()  # before the fork: the workers start with every table loaded
    total = None if any(f != "-" and is_dump(f) for f in files) else len(files)
    return _with_progress(ordered_map(task or session.check, iter_items(files, namespaces), jobs, _weight), total, quiet)


PROGRESS_MIN_FILES = 5


def _with_progress(items: Iterable[T], total: int | None, quiet: bool) -> Iterable[T]:
    """A progress bar on standard error (files done, files/s, time left) when it is a terminal and the
    run is long enough to want one; the items unchanged otherwise."""
    if quiet or (total is not None and total <= PROGRESS_MIN_FILES) or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    try:  # tqdm draws nothing on a terminal that reports no size (a bare pseudo-terminal)
        size = os.get_terminal_size(sys.stderr.fileno())
        sized = size.columns > 0 and size.lines > 0
    except (OSError, ValueError):
        sized = False
    fallback = {} if sized else {"ncols": 80, "nrows": 24}
    return tqdm(items, total=total, file=sys.stderr, unit="file", leave=False, dynamic_ncols=sized, **fallback)


@dataclass
class FixTally:
    applied: int = 0
    files: int = 0
    diffs: int = 0


def _fix_files(session: Session, files: list[str], unsafe: bool, diff_only: bool, out,
               quiet: bool = True) -> tuple[list[FileResult], FixTally]:
    """Check each file once; where fixes apply, fix it to a fixed point and write it (or its diff).
    A file that cannot be written is reported (EN003) and the others are still fixed."""
    from wikilint.engine.runner import FIX_NOT_WRITTEN, decode, fix_rounds, system_finding
    from wikilint.writing import NotWritten, remove_stale_temps, write_fixed

    results, tally = [], FixTally()
    cleaned: set[str] = set()
    for path in _with_progress(files, len(files), quiet):
        runner = session.runner_for(path)
        shown = runner.shown(path)
        data = runner.read(path) if path != "-" else None
        if not isinstance(data, bytes):  # standard input is fixed by _fix_stdin; an unreadable file is a finding
            results.append(runner.check(path) if data is None else FileResult(shown, None, (data,)))
            continue
        folder = os.path.dirname(os.path.realpath(path))
        if not diff_only and folder not in cleaned:
            cleaned.add(folder)
            remove_stale_temps(folder)  # left by a run that was killed while writing
        result = runner.check_bytes(data, shown)
        decoded = decode(data, shown, runner.config)
        if result.format is None or isinstance(decoded, Finding) or not any(f.fix for f in result.findings):
            results.append(result)
            continue
        try:
            fixed, remaining, applied = fix_rounds(decoded.text, shown, runner.rules, runner.ctx, runner.config,
                                                   result.format, unsafe, findings=list(result.findings))
        except Exception:  # noqa: BLE001 - the check already reported what failed; leave the file untouched
            results.append(result)
            continue
        if fixed != decoded.text:
            if diff_only:
                out.writelines(difflib.unified_diff(
                    decoded.text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"))
                remaining = list(result.findings)
                tally.diffs += 1
            else:
                try:
                    write_fixed(path, fixed, decoded.encoding)
                    tally.applied += applied
                    tally.files += 1
                except NotWritten as exc:
                    remaining = sorted([*result.findings, system_finding(FIX_NOT_WRITTEN, shown, str(exc), decoded.text)],
                                       key=lambda f: f.sort_key)
        results.append(FileResult(result.path, result.format, tuple(runner.shown_findings(remaining))))
    return results, tally


def _fix_stdin(session: Session, unsafe: bool) -> tuple[FileResult, str, int]:
    """``check - --fix``: the fixed text of standard input, for editors that pipe a buffer through."""
    from wikilint.engine.runner import decode, fix_rounds

    runner = session.runner_for("-")
    data = runner.read("-")
    shown = runner.shown("-")
    if isinstance(data, Finding):
        return FileResult(shown, None, (data,)), "", 0
    result = runner.check_bytes(data, shown)
    decoded = decode(data, shown, runner.config)
    if result.format is None or isinstance(decoded, Finding):
        return result, data.decode("utf-8", "surrogateescape"), 0
    fixed, remaining, applied = fix_rounds(decoded.text, shown, runner.rules, runner.ctx, runner.config,
                                           result.format, unsafe, findings=list(result.findings))
    return FileResult(shown, result.format, tuple(runner.shown_findings(remaining))), fixed, applied


def _changed_files(args: argparse.Namespace, session: Session) -> tuple[list[str], dict]:
    """The article files git says changed since --changed-since, limited to PATHs when given."""
    from wikilint.gitdiff import GitError, changed_files

    try:
        changed = changed_files(args.changed_since, ARTICLE_SUFFIXES, args.only_changed_lines)
    except GitError as exc:
        raise UsageError(f"--changed-since {args.changed_since}: {exc}") from exc
    roots = [Path(p).resolve() for p in args.paths]
    keep = {c.path: c for c in changed
            if not roots or any(Path(c.path).resolve() == r or r in Path(c.path).resolve().parents for r in roots)}
    files = [path for path in keep if not session.configs.for_path(path).excluded(path)]
    return files, keep


def _introduced(results: list[FileResult], changed: dict, session: Session, rev: str) -> list[FileResult]:
    """--only-changed-lines: findings on changed lines, and findings of article-wide rules whose
    fingerprint the same file at REV did not have (the change introduced them elsewhere)."""
    from wikilint.gitdiff import keep_introduced, text_at

    out = []
    for result in results:
        entry = changed.get(result.path)
        if entry is None or entry.lines is None:
            out.append(result)
            continue
        runner = session.runner_for(result.path)
        wide = {r.code for r in runner.rules if getattr(r, "article_wide", False)}
        before: list[str] = []
        if wide and any(f.rule in wide for f in result.findings) and entry.old_path is not None:
            old = text_at(rev, entry.old_path)
            if old is not None:
                before = [f.fingerprint for f in runner.check_bytes(old.encode("utf-8"), result.path).findings]
        out.append(replace(result, findings=tuple(keep_introduced(result.findings, entry, before, wide))))
    return out


def _colour(choice: str, stream) -> bool:
    """--color always/never wins; then NO_COLOR turns colour off and FORCE_COLOR on (no-color.org,
    force-color.org); otherwise colour on a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _write_output(target: str, text: str) -> None:
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _apply_baseline(args: argparse.Namespace, results: list[FileResult]) -> tuple[list[FileResult], int]:
    from wikilint import baseline
    from wikilint.engine.runner import write_atomically

    path = Path(args.baseline)
    try:
        recorded = baseline.load(path)
    except baseline.BaselineError as exc:
        raise UsageError(str(exc)) from exc
    outcome = baseline.apply(recorded, results)
    if outcome.stale and not args.fix and not args.diff:
        # gone from the article: dropping them makes a finding that comes back new again
        try:
            write_atomically(path, baseline.dumps(baseline.without(recorded, outcome.stale)), "utf-8")
            if not args.quiet:
                print(f"{args.baseline}: dropped {len(outcome.stale)} entries whose findings are gone", file=sys.stderr)
        except OSError:
            pass  # a read-only checkout (CI): the stale entries do no harm there
    return outcome.results, outcome.baselined


def _statistics(results: list[FileResult]) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    fixable: set[str] = set()
    for result in results:
        for f in result.findings:
            counts[(f.rule, f.name)] += 1
            if f.fix is not None and f.fix.safe:
                fixable.add(f.rule)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    return "".join(f"{n:>{width}}  {rule}  {'[*] ' if rule in fixable else '    '}{name}\n" for (rule, name), n in rows)


@dataclass
class CheckRun:
    """What one ``check`` found, after fixes, --only-changed-lines and the baseline."""

    results: list[FileResult]
    tally: FixTally
    stdin_fixed: str | None = None  # ``check - --fix``: the fixed text, for standard output
    baselined: int | None = None


def cmd_check(args: argparse.Namespace) -> int:
    formats = args.format or ["text"]
    if len(formats) > 1 and not args.output_file:
        raise UsageError("several --format values need --output-file: the last goes to the file, the others to the terminal")
    if args.only_changed_lines and not args.changed_since:
        raise UsageError("--only-changed-lines needs --changed-since REV")
    if not args.paths and not args.changed_since:
        raise UsageError("no path given: name files or folders, '-' for standard input, or use --changed-since REV")
    session = Session(args)
    run = _run_check(args, session)
    session.prepare(())  # a run with no file still describes the rules (SARIF, JSON)
    _emit(args, session, run, formats)
    if args.exit_zero:
        return EXIT_OK
    if args.diff:
        return EXIT_FINDINGS if run.tally.diffs else EXIT_OK
    return EXIT_FINDINGS if any(_failing(args, session, r) for r in run.results) else EXIT_OK


def _run_check(args: argparse.Namespace, session: Session) -> CheckRun:
    changed = None
    if args.changed_since:
        files, changed = _changed_files(args, session)
    else:
        files = list(iter_files(args.paths, session.configs.for_path))
    run = CheckRun([], FixTally())
    if args.fix and files == ["-"]:
        result, run.stdin_fixed, run.tally.applied = _fix_stdin(session, args.unsafe_fixes)
        run.results = [result]
    elif args.fix or args.diff:
        from wikilint.formats.dump import is_dump

        if any(p != "-" and is_dump(p) for p in files):
            raise UsageError("--fix and --diff rewrite files, not the pages of a dump")
        run.results, run.tally = _fix_files(session, files, args.unsafe_fixes, args.diff, sys.stdout, args.quiet)
    else:
        run.results = list(run_all(session, files, args.jobs, args.quiet, _namespaces(args)))
    if changed is not None and args.only_changed_lines:
        run.results = _introduced(run.results, changed, session, args.changed_since)
    if args.baseline:
        run.results, run.baselined = _apply_baseline(args, run.results)
    return run


def _emit(args: argparse.Namespace, session: Session, run: CheckRun, formats: list[str]) -> None:
    """The report to --output-file and the terminal, then the fix count and the summary on standard error."""
    from wikilint.reporting.formats import render
    from wikilint.reporting.text import summary_line

    results = run.results
    terminal = formats[:-1] if args.output_file else formats
    settings = session.settings(len(results)) if "json" in formats else None
    if args.output_file:
        _write_output(args.output_file, render(formats[-1], results, session.rules, session.existence_checked,
                                               settings=settings))
    if run.stdin_fixed is not None:
        sys.stdout.write(run.stdin_fixed)  # the fixed text owns standard output; what is left goes to stderr
        if not args.quiet:
            sys.stderr.write(render("text", results, (), False, _colour(args.color, sys.stderr)))
        terminal = []
    for fmt in terminal:
        if fmt == "text":
            if args.diff:
                continue
            sys.stdout.write(_statistics(results) if args.statistics else
                             render("text", results, (), False, _colour(args.color, sys.stdout)))
        else:
            sys.stdout.write(render(fmt, results, session.rules, session.existence_checked, settings=settings))
    if args.quiet:
        return
    if args.fix:
        applied, files = run.tally.applied, run.tally.files
        where = "" if run.stdin_fixed is not None else f" in {files} file{'s' if files != 1 else ''}"
        print(f"applied {applied} fix{'es' if applied != 1 else ''}{where}", file=sys.stderr)
    line = summary_line(results)
    if run.baselined is not None:
        line += f"; {run.baselined} baselined"
    print(line, file=sys.stderr)


def _failing(args: argparse.Namespace, session: Session, result: FileResult) -> bool:
    """Whether a finding reaches the fail level: --fail-on, else the file's own configuration's."""
    level = Severity(args.fail_on or session.configs.for_path(result.path).fail_on)
    return any(Severity(f.severity).rank >= level.rank for f in result.findings)


def _paths_required(args: argparse.Namespace) -> None:
    if not args.paths:
        raise UsageError(f"`wikilint {args.command}` needs at least one file or folder")


def cmd_report(args: argparse.Namespace) -> int:
    import time

    from wikilint.engine.runner import write_atomically
    from wikilint.reporting.json import build_report, dumps, validate_report
    from wikilint.reporting.metadata import run_info
    from wikilint.reporting.output import prepare_output

    _paths_required(args)
    # everything that could fail at the end is checked before the run: the outputs and the old report
    json_target = prepare_output(args.output) if args.output else None
    html_target = prepare_output(args.html) if args.html else None
    if args.diff_from and not args.html:
        raise UsageError("--diff-from marks findings in the dashboard: give --html FILE too")
    old = _read_report(args.diff_from) if args.diff_from else None
    session = Session(args)
    files = list(iter_files(args.paths, session.configs.for_path))
    namespaces = _namespaces(args)
    if args.format == "jsonl":
        from wikilint.reporting.json import write_jsonl

        if args.html:
            raise UsageError("--html draws the dashboard from the JSON report: it needs --format json")
        results = run_all(session, files, args.jobs, args.quiet, namespaces, session.check_rendered)
        with _output(args.output) as out:
            summary = write_jsonl(results, out, session.rules, session.existence_checked,
                                  lambda _: session.settings(len(files)))
        s = summary.as_dict()
        if args.output and not args.quiet:
            print(f"wrote {args.output}: {s['files']} files, {s['findings']} findings "
                  f"({s['by_severity']['error']} errors, {s['by_severity']['warning']} warnings, {s['by_severity']['info']} info)",
                  file=sys.stderr)
        return EXIT_OK
    started, clock = time.time(), time.perf_counter()
    results = run_all(session, files, args.jobs, args.quiet, namespaces)
    run = None if args.reproducible else run_info(started, time.perf_counter() - clock, args.paths)
    report = build_report(results, session.rules, session.existence_checked,
                          settings=session.settings(len(files)), run=run)
    validate_report(report)
    if json_target is not None:
        write_atomically(json_target, dumps(report), "utf-8")
    elif html_target is None:
        sys.stdout.write(dumps(report))
    if html_target is not None:
        from wikilint.reporting.diff import diff_reports
        from wikilint.reporting.html import render_dashboard

        changes = diff_reports(old, report) if old is not None else None
        write_atomically(html_target, render_dashboard(report, changes), "utf-8")
    if not args.quiet and (json_target or html_target):
        s = report["summary"]
        written = " and ".join(str(t) for t in (json_target, html_target) if t is not None)
        print(f"wrote {written}: {s['files']} files, {s['findings']} findings "
              f"({s['by_severity']['error']} errors, {s['by_severity']['warning']} warnings, {s['by_severity']['info']} info)",
              file=sys.stderr)
    return EXIT_OK


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` written through a temporary file renamed over it at the end
    (a run that fails part way leaves the previous report in place)."""
    if not path:
        yield sys.stdout
        return
    import tempfile

    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".wikilint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _read_report(name: str) -> dict:
    from wikilint.reporting.diff import ReportError, load_report

    try:
        return load_report(name)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc


def cmd_diff(args: argparse.Namespace) -> int:
    from wikilint.reporting.diff import diff_reports, dumps_diff, write_diff_text

    changes = diff_reports(_read_report(args.old), _read_report(args.new))
    if args.format == "json":
        sys.stdout.write(dumps_diff(changes))
    else:
        write_diff_text(changes, sys.stdout)
    fail_on = Severity(args.fail_on)
    failing = any(Severity(f["severity"]).rank >= fail_on.rank for f in changes.new)
    return EXIT_FINDINGS if failing else EXIT_OK


def cmd_baseline(args: argparse.Namespace) -> int:
    from wikilint import baseline

    _paths_required(args)
    session = Session(args)
    results = list(run_all(session, list(iter_files(args.paths, session.configs.for_path)), args.jobs, True, _namespaces(args)))
    recorded = baseline.build(results)
    _write_output(args.output, baseline.dumps(recorded))
    print(f"wrote {args.output}: {len(recorded['findings'])} findings in {len(results)} files", file=sys.stderr)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from wikilint.engine.registry import all_rules, rule_by_id, rule_matches
    from wikilint.engine.runner import SYSTEM_RULES

    def line(r) -> str:
        summary = r.summary() if callable(r.summary) else r.summary
        return f"{r.code}  {r.name:<32} {r.family:<10} {r.severity.value:<8} {summary}"

    if args.rule:
        rule = rule_by_id(args.rule)
        if rule is not None:
            fix = "fixable" if rule.fixable else "not fixable"
            print(f"{rule.code} {rule.name} ({rule.family}, {rule.severity.value}, {fix})\n\n{rule.doc()}")
            return EXIT_OK
        system = [s for s in SYSTEM_RULES if args.rule.upper() == s.code or args.rule.lower() == s.name]
        if system:
            s = system[0]
            print(f"{s.code} {s.name} ({s.family}, {s.severity.value})\n\n{s.summary}")
            return EXIT_OK
        # a family, a code prefix or ALL, as --select takes them: list what it selects
        matched = [r for r in (*all_rules(), *SYSTEM_RULES) if rule_matches(r, args.rule)]
        if not matched:
            raise UsageError(f"no rule {args.rule!r}; `wikilint rules` lists them")
        for r in matched:
            print(line(r))
        return EXIT_OK
    if args.docs:
        print("# wikilint rules\n\nGenerated by `wikilint rules --docs > docs/rules.md`; a test keeps it current.\n")
    for rule in all_rules():
        if args.docs:
            fix = "fixable" if rule.fixable else "not fixable"
            print(f"## {rule.code} {rule.name} ({rule.family}, {rule.severity.value}, {fix})\n\n{rule.doc()}\n")
            continue
        print(line(rule))
    for s in SYSTEM_RULES:
        print(line(s))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["names"] and argv[1:2] != ["-h"] and argv[1:2] != ["--help"]:
        from wikilint import names_import  # its own parser owns every option after `names`

        return names_import.main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        handler = {"check": cmd_check, "report": cmd_report, "baseline": cmd_baseline, "rules": cmd_rules,
                   "diff": cmd_diff}[args.command]
        status = handler(args)
        sys.stdout.flush()  # a full disk shows here, while the error can still be reported
        return status
    except (ConfigError, UsageError, OutputError) as exc:
        print(f"wikilint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidDocument as exc:  # a report that breaks its own schema is a bug; nothing is written
        print(f"wikilint: internal error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _silence_stdout()
        print("wikilint: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        _silence_stdout()
        print("wikilint: terminated", file=sys.stderr)
        return 143
    except OSError as exc:  # mostly writing the output: a full disk, a closed terminal, a vanished folder
        from wikilint.writing import display_path

        _silence_stdout()
        where = f"{display_path(str(exc.filename))}: " if exc.filename else "output: "
        print(f"wikilint: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # noqa: BLE001 - a crash must not look like findings (exit 1) to CI
        print(f"wikilint: internal error: please report it with the input that caused it\n{traceback.format_exc()}",
              file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(BaseException):
    """SIGTERM, raised where the run is so that temporary files are removed on the way out."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated


def _silence_stdout() -> None:
    # a failed flush is retried at exit and would print a second error: point stdout at nothing
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
