"""What a command lints and how: the configuration of each file, the rules and context built once
per configuration (``Runner``, ``Session``), the files and dump pages to read, and ``run_all``, which
checks them in order over worker processes with a progress bar."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence, TypeVar, Union

from wikilint.cli.args import UsageError, _split
from wikilint.config import Config, find_config, load_file
from wikilint.engine.findings import FileResult, Finding

if TYPE_CHECKING:  # pragma: no cover
    from wikilint.formats.dump import DumpPage


ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".wiki", ".wikitext", ".mediawiki")


T = TypeVar("T")


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

    def check_reported(self, item: Item):
        """The item's result as its validated, indented item of the JSON report: made in the worker."""
        from wikilint.reporting.json import render_report_file

        return render_report_file(self.check(item))

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
