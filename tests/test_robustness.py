"""Hostile but fair input: linear time and bounded memory, whole-article failures that stay local,
errors that are errors, and fixes that respect the file.  Each test pins one defect that was
found by probing wikilint; growth is shown by counting work or by a budget far below what the
quadratic code took, never by timing ratios (scripts/growth.py measures those)."""

from __future__ import annotations

import bz2
import gzip
import json
import os
import signal
import stat
import subprocess
import sys
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikilint.cli import main
from wikilint.config import Config
from wikilint.document.model import Span
from wikilint.engine.registry import all_rules, select_rules
from wikilint.engine import runner
from wikilint.engine.runner import apply_fixes, fix_text, lint_document, lint_text, make_context
from wikilint.formats import parse
from wikilint.reporting.json import build_report, dumps, validate_report

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"


class OverBudget(Exception):
    pass


@contextmanager
def budget(seconds: float):
    """Fail when the block runs longer than ``seconds``: a guard set far above the linear code's
    time and far below the quadratic code's (minutes), not a measurement."""

    def expire(signum, frame):
        raise OverBudget(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, timeout: float = 120):
    return subprocess.run([sys.executable, "-m", "wikilint", *args], capture_output=True, cwd=cwd or ROOT,
                          input=stdin, timeout=timeout)


FAMILIES = ["links", "footnotes", "script", "names", "dates"]


def own_rules():
    """wikilint's rules, without the rules other test modules define."""
    return tuple(r for r in all_rules() if r.__module__.startswith("wikilint."))


def lint(text: str, path: str = "a.wiki", select=None):
    return lint_text(text, path, select=select or FAMILIES)


# -- 1. names: the foreign-name gloss pattern --------------------------------------------------------


def test_a_long_run_of_letters_is_linear_for_the_names_rules() -> None:
    # 50,000 letters that no gloss follows took two minutes with the pattern that started at every
    # letter (a regex is not interrupted by the alarm: on that code the test fails when it returns)
    text = "a" * 50_000 + "。Kim Yong-chol（金英哲）與金英哲會談。\n"
    with budget(10):
        findings = lint(text, select=["names"])
    assert not [f for f in findings if f.rule == "EN001"]


def test_a_gloss_after_a_foreign_name_is_still_found() -> None:
    from wikilint.checks.names import _after_foreign

    text = "Kim Yong-chol （金英哲） ……（金英哲） 。 Kim's. （金）"
    assert _after_foreign(text, text.index("（金英哲） …"))
    assert not _after_foreign(text, text.index("（金英哲） 。"))
    assert _after_foreign(text, text.index("（金）"))


def test_thousands_of_declared_alternatives_are_linear() -> None:
    # every declared alternative was compared with every other: 8,000 took 100 s
    text = "金正恩（或譯金正銀）" * 8000 + "\n"
    with budget(30):
        findings = lint(text, select=["names"])
    assert not [f for f in findings if f.rule == "EN001"]


# -- 2. large articles: related ranges capped, rules linear ------------------------------------------


def test_related_ranges_are_capped_with_a_count() -> None:
    text = "".join(f"第{i}次。內容<ref name=\"a\">{{{{cite web|date=2019}}}}</ref>\n" for i in range(40))
    findings = lint(text, select=["FN002"])
    assert len(findings) == 40
    for f in findings:
        assert len(f.related) == 10 and f.related_more == 29  # 39 other tags cite the same name
        assert [r.start.offset for r in f.related] == sorted(r.start.offset for r in f.related)
    report = build_report([_result(findings)], select_rules(["FN002"], []), False)
    validate_report(report)
    assert report["files"][0]["findings"][0]["related_more"] == 29


def _result(findings):
    from wikilint.engine.findings import FileResult

    return FileResult("a.wiki", "wikitext", tuple(findings))


def test_the_json_report_grows_linearly_with_a_repeated_article() -> None:
    seed = SEED.read_text(encoding="utf-8")
    sizes = []
    for copies in (2, 4):
        findings = lint_text(seed * copies, "seed.txt", select=FAMILIES)
        sizes.append(len(dumps(build_report([_result(findings)], own_rules(), False))))
    # each finding's related ranges grew with the copies: 1 MB in gave 27 MB out, 2 MB 102 MB
    assert sizes[1] < 2.2 * sizes[0], sizes


def test_visible_runs_and_repeated_links_are_linear_in_links_and_templates() -> None:
    text = "".join(f"甲[[乙{i % 50}]]{{{{丙|{i}}}}}丁[[File:{i}.jpg|x]]。\n" for i in range(6000))
    with budget(60):
        findings = lint(text, select=["LK008", "NM001", "NM004"])
    assert not [f for f in findings if f.rule == "EN001"]
    assert len([f for f in findings if f.rule == "LK008"]) == 5950


# -- 3. refs that share a name -----------------------------------------------------------------------


def test_refs_sharing_a_name_are_indexed_once_per_name() -> None:
    from wikilint.checks.footnotes import footnote_index

    n = 3000
    doc = parse('內容<ref name="a">來源</ref>' * n + "\n", "a.wiki")
    index = footnote_index(doc)
    # per definition, every marker of the name was stored: n * n entries (10,000 refs: 0.9 GB)
    assert sum(len(v) for v in index.citing_key.values()) == n
    assert index.citation_count(0) == n - 1 and index.is_cited(5)
    assert len(index.citations(doc, 7, limit=10)) == 10
    assert doc.footnote_markers[7].span not in index.citations(doc, 7)
    related = [f for f in lint('內容<ref name="a"></ref>' * n + "\n", select=["FN001"])]
    assert len(related) == 1 and len(related[0].related) == 10 and related[0].related_more == 2 * n - 1 - 10


# -- 4. sizes checked before reading; special files --------------------------------------------------


def test_a_file_over_the_limit_is_not_read(tmp_path) -> None:
    big = tmp_path / "big.wiki"
    with open(big, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    tracemalloc.start()
    finding = runner.read_input(str(big), Config(max_file_size=1000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert finding.rule == "IN003" and "67.1 MB" in finding.message
    assert peak < 1e6, peak


def test_devices_and_fifos_are_skipped_not_read(tmp_path) -> None:
    finding = runner.read_input("/dev/zero", Config())  # grew to 24 GB
    assert finding.rule == "IN005" and "character device" in finding.message
    fifo = tmp_path / "pipe.wiki"
    os.mkfifo(fifo)
    (tmp_path / "ok.wiki").write_text("一句話。\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path), timeout=60)  # blocked forever waiting for a writer
    assert proc.returncode == 1, proc.stderr
    assert f"{fifo}:1:1: error IN005 not a regular file but a FIFO; skipped" in proc.stdout.decode()


def test_standard_input_is_read_only_up_to_the_limit() -> None:
    import io

    stream = io.BytesIO(b"a" * 5000)
    finding = runner.read_input("-", Config(max_file_size=100), stream)
    assert finding.rule == "IN003" and stream.tell() == 101


@pytest.mark.parametrize("config", ["/dev/zero", "fifo"])
def test_a_configuration_that_is_no_file_is_an_error(tmp_path, config) -> None:
    if config == "fifo":
        config = str(tmp_path / "wikilint.toml")
        os.mkfifo(config)
    proc = run_cli("check", "--config", config, str(SEED), timeout=60)
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1, proc.stderr
    assert "not a regular file" in proc.stderr.decode()


# -- 5. compressed titles files ----------------------------------------------------------------------


@pytest.mark.parametrize("opener", [gzip.open, bz2.open])
def test_a_decompression_bomb_is_refused(tmp_path, opener) -> None:
    from wikilint.links_index import BOMB_FLOOR, TitleIndexError, load_title_index

    bomb = tmp_path / "titles.gz"
    with opener(bomb, "wb") as handle:
        line = b"A" * 1023 + b"\n"
        for _ in range(BOMB_FLOOR // (1 << 20) + 2):
            handle.write(line * 1024)
    with pytest.raises(TitleIndexError, match="decompression bomb"):
        load_title_index(bomb)


def test_titles_are_capped_by_count_and_bytes(tmp_path) -> None:
    from wikilint.links_index import TitleIndexError, load_title_index

    titles = tmp_path / "titles.txt"
    titles.write_text("".join(f"條目{i}\n" for i in range(100)), encoding="utf-8")
    assert len(load_title_index(titles, max_count=100)) == 100
    with pytest.raises(TitleIndexError, match="more than 99 titles"):
        load_title_index(titles, max_count=99)
    with pytest.raises(TitleIndexError, match="titles-max-bytes"):
        load_title_index(titles, max_bytes=500)
    (tmp_path / "wikilint.toml").write_text(f'titles = "titles.txt"\ntitles-max-count = 10\n', encoding="utf-8")
    (tmp_path / "a.wiki").write_text("[[條目1]]。\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "a.wiki"))
    assert proc.returncode == 2 and "more than 10 titles" in proc.stderr.decode()


# -- 6. template nesting too deep for the walk --------------------------------------------------------


def test_deep_template_nesting_is_in006_and_the_rest_is_checked() -> None:
    seed = SEED.read_text(encoding="utf-8")
    deep = "{{" * 400 + "x" + "}}" * 400 + "\n"
    alone = lint_text(seed, "seed.wiki", select=FAMILIES)
    findings = lint_text(seed + deep, "seed.wiki", select=FAMILIES)
    assert not [f for f in findings if f.rule == "EN001"]  # was one EN001 and nothing else
    unparsed = [f for f in findings if f.rule == "IN006"]
    assert len(unparsed) == 1 and unparsed[0].range.start.offset >= len(seed) - seed[::-1].index("\n", 1)
    assert len(findings) >= len(alone)


# -- 7. CR-only line ends ----------------------------------------------------------------------------


def test_cr_line_ends_are_line_ends(tmp_path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    lf = [(f.rule, f.range.start.line, f.range.start.column) for f in lint_text(seed, "seed.txt", select=FAMILIES)]
    cr = [(f.rule, f.range.start.line, f.range.start.column) for f in lint_text(seed.replace("\n", "\r"), "seed.txt", select=FAMILIES)]
    assert cr == lf  # every finding was on line 1, and 113 false FN003
    path = tmp_path / "seed.txt"
    path.write_bytes(seed.replace("\n", "\r").encode("utf-8"))
    assert main(["check", "--fix", "-q", str(path)]) == 1
    data = path.read_bytes()
    assert b"\n" not in data and data.count(b"\r") == seed.count("\n") and data != seed.encode("utf-8")


# -- 8. file names that are not UTF-8 ----------------------------------------------------------------


def test_file_names_that_are_not_utf8_show_as_escapes(tmp_path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    name = os.fsdecode(b"ok\xffname.txt")
    (folder / name).write_bytes(SEED.read_bytes())
    check = run_cli("check", "--format", "json", str(folder))
    report = json.loads(check.stdout.decode("utf-8"))  # was a raw 0xFF byte: invalid UTF-8
    assert report["files"][0]["path"].endswith("ok\\xffname.txt")
    assert not [f for f in report["files"][0]["findings"] if f["rule"] == "EN001"]  # LK007, LK009 failed
    out = tmp_path / "report.json"
    proc = run_cli("report", str(folder), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_bytes().decode("utf-8"))["summary"]["files"] == 1
    text = run_cli("check", str(folder)).stdout.decode("utf-8")
    assert "ok\\xffname.txt:" in text


# -- 9. errors that are errors -----------------------------------------------------------------------


def _one_line_error(proc) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("wikilint: error: "), err
    return err


def test_usage_errors_exit_2_with_one_line(tmp_path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("select = " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    assert "nested too deep" in _one_line_error(run_cli("check", "--config", str(deep), str(SEED)))
    assert "is a folder" in _one_line_error(run_cli("report", str(SEED), "-o", str(tmp_path)))
    # option values are refused by the option parser: its usage line, then the error
    for option, value, expected in [("--variant", "klingon", "klingon"), ("-j", "-3", "1 or more"),
                                     ("-j", "0", "1 or more"), ("-j", "two", "whole number")]:
        proc = run_cli("check", option, value, str(SEED))
        err = proc.stderr.decode()
        assert proc.returncode == 2 and "Traceback" not in err and expected in err.splitlines()[-1], err


def test_rules_data_that_cannot_be_used_is_an_error(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(SEED.read_bytes())
    config = tmp_path / "wikilint.toml"
    for setting, expected in [("missing", "no such folder"), ("a.txt", "not a folder"), (".", "holds no name tables")]:
        config.write_text(f'rules-data = "{setting}"\n', encoding="utf-8")
        assert expected in _one_line_error(run_cli("check", str(article)))  # was exit 0, NM002 gone
    (tmp_path / "names").mkdir()
    (tmp_path / "names" / "bad.toml").write_text("entries = [{id = 3}]\n", encoding="utf-8")
    assert "bad.toml" in _one_line_error(run_cli("check", str(article)))  # was four EN001s per file


def test_output_write_errors_exit_2(tmp_path) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "wikilint", "check", str(SEED)], stdout=full,
                              stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "No space left on device" in err and "Traceback" not in err, err


def test_report_refuses_to_replace_a_special_file(tmp_path) -> None:
    # a FIFO stands for /dev/null, which an earlier wikilint replaced with a regular file
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    assert "not a regular file" in _one_line_error(run_cli("report", str(SEED), "-o", str(fifo)))
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


# -- 10. --fix where it cannot write ------------------------------------------------------------------


def test_fix_reports_files_it_cannot_write_and_goes_on(tmp_path, monkeypatch, capsys) -> None:
    import tempfile

    from wikilint import writing

    first, second = tmp_path / "a" / "one.txt", tmp_path / "b" / "two.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(SEED.read_bytes())
    real_mkstemp = tempfile.mkstemp

    def refuse_in_a(*args, **kwargs):  # root ignores folder permissions, so the refusal is simulated
        if str(kwargs.get("dir", "")).endswith("/a"):
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(writing.tempfile, "mkstemp", refuse_in_a)
    assert main(["check", "--fix", "-q", str(first), str(second)]) == 1
    out = capsys.readouterr().out
    assert f"{first}:1:1: error EN003 cannot write the fix: Permission denied" in out
    assert first.read_bytes() == SEED.read_bytes() and second.read_bytes() != SEED.read_bytes()


# -- 11. fixes that respect the file ------------------------------------------------------------------


def test_fix_writes_through_symlinks_and_keeps_hard_links(tmp_path) -> None:
    target, link = tmp_path / "target.txt", tmp_path / "link.txt"
    target.write_bytes(SEED.read_bytes())
    link.symlink_to(target.name)
    first, second = tmp_path / "h1.txt", tmp_path / "h2.txt"
    first.write_bytes(SEED.read_bytes())
    os.link(first, second)
    assert main(["check", "--fix", "-q", str(link), str(first)]) == 1
    assert link.is_symlink() and target.read_bytes() != SEED.read_bytes()
    assert os.stat(first).st_ino == os.stat(second).st_ino and os.stat(first).st_nlink == 2
    assert second.read_bytes() == first.read_bytes() != SEED.read_bytes()


def test_fix_leaves_read_only_files_alone(tmp_path, capsys) -> None:
    path = tmp_path / "ro.txt"
    path.write_bytes(SEED.read_bytes())
    path.chmod(0o444)
    assert main(["check", "--fix", "-q", str(path)]) == 1
    assert path.read_bytes() == SEED.read_bytes()
    assert f"{path}:1:1: error EN003 the file is read-only: its fixes were not written" in capsys.readouterr().out


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_owner_and_group(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SEED.read_bytes())
    os.chown(path, 65534, 65534)
    assert main(["check", "--fix", "-q", str(path)]) == 1
    assert (os.stat(path).st_uid, os.stat(path).st_gid) == (65534, 65534)
    assert path.read_bytes() != SEED.read_bytes()


# -- 12. interruptions and stale temporary files ------------------------------------------------------


def test_stale_temporary_files_are_removed_on_the_next_run(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SEED.read_bytes())
    stale = tmp_path / ".a.txt.k3j_x9Qz.wikilint-tmp"
    fresh = tmp_path / ".a.txt.Zq8_w2Ab.wikilint-tmp"
    other = tmp_path / ".notes.wikilint-tmp.bak"
    for leftover in (stale, fresh, other):
        leftover.write_text("half", encoding="utf-8")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert main(["check", "--fix", "-q", str(path)]) == 1
    assert not stale.exists() and fresh.exists() and other.exists()  # fresh: a run may be writing it


@pytest.mark.parametrize("how, status, word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_signals_end_the_run_with_one_line_and_no_temporary_file(tmp_path, how, status, word) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(200):
        (folder / f"{i:03}.txt").write_bytes(SEED.read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "wikilint", "check", "--fix", "-q", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.time() + 60
    # the first article, by name: listing the folder would race with the temporary files being renamed
    while time.time() < deadline and (folder / "000.txt").read_bytes() == SEED.read_bytes():
        time.sleep(0.05)
    proc.send_signal(how)
    err = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == status and err == f"wikilint: {word}\n", (proc.returncode, err)
    assert not list(folder.glob(".*wikilint-tmp"))


# -- 13. --unsafe-fixes reach a fixed point within the bound ------------------------------------------

_OPENERS = [("[[a|", "]]"), ("[[", "]]"), ("{{a|", "}}"), ("<ref>", "</ref>"), ("-{", "}-"), ("（", "）"), ("'''", "'''")]


def _nesting(text: str) -> int:
    depth = best = 0
    for opener, closer in _OPENERS:
        depth = 0
        i = 0
        while i < len(text):
            if text.startswith(opener, i):
                depth += 1
                best = max(best, depth)
                i += len(opener)
            elif text.startswith(closer, i):
                depth = max(depth - 1, 0)
                i += len(closer)
            else:
                i += 1
    return best


nested = st.lists(
    st.tuples(st.sampled_from(_OPENERS), st.integers(1, 30), st.integers(0, 30),
              st.sampled_from(["甲", "a", "川普", "后", "[[a]]", "<ref name=x/>", ""])),
    min_size=1, max_size=4,
).map(lambda parts: "前文。" + "".join(o * n + mid + c * m for (o, c), n, m, mid in parts) + "後文。\n")


@settings(max_examples=60, deadline=None, derandomize=True)
@given(text=nested, fmt=st.sampled_from(["wikitext", "markdown"]))
def test_unsafe_fixes_reach_a_fixed_point_within_the_bound(text: str, fmt: str) -> None:
    config = Config()
    ctx = make_context(config)
    rules = own_rules()
    passes = 0
    current = text
    while True:
        findings = lint_document(parse(current, "x", fmt), rules, ctx, config)
        fixed = apply_fixes(current, findings, unsafe=True)
        if fixed == current:
            break
        current = fixed
        passes += 1
        assert passes <= runner.MAX_FIX_PASSES
    # the bound: a pass peels at most one level of nested markup (a fix's edits never overlap), so
    # passes stay within the nesting depth plus two; runner.MAX_FIX_PASSES covers nesting 98 deep
    assert passes <= _nesting(text) + 2, (passes, _nesting(text))
    result, remaining = fix_text(text, "x", rules, ctx, config, fmt, unsafe=True)
    assert result == current and not [f for f in remaining if f.rule == "EN004"]


class _Grows:
    """Not a registered Rule (other tests lint with every registered rule): a fix that never
    converges, each pass adds one more character."""

    code, name, family, severity = "ZZ990", "grows", "links", None

    def check(self, doc, ctx):
        from wikilint.engine.rule import Edit, Fix, Violation

        yield Violation(Span(0, 0), "grows", fix=Fix("add one", (Edit(Span(0, 0), "x"),)))


def test_the_pass_limit_is_reported() -> None:
    from wikilint.engine.rule import Severity

    _Grows.severity = Severity.INFO
    config = Config()
    text, remaining = fix_text("甲。\n", "x", [_Grows], make_context(config), config, "wikitext", max_passes=5)
    assert text == "xxxxx甲。\n"
    assert [f.rule for f in remaining].count("EN004") == 1


class _FlipFlops:
    """Not a registered Rule: a fix that writes 甲 for 乙 and 乙 for 甲, as NM004 did on one fuzzed input."""

    code, name, family, severity = "ZZ991", "flip-flops", "links", None

    def check(self, doc, ctx):
        from wikilint.engine.rule import Edit, Fix, Violation

        for i, ch in enumerate(doc.text):
            if ch in "甲乙":
                span = Span(i, i + 1)
                yield Violation(span, "flip", fix=Fix("flip", (Edit(span, "乙" if ch == "甲" else "甲"),)))


def test_fixes_that_undo_each_other_stop_at_once() -> None:
    from wikilint.engine.rule import Severity

    _FlipFlops.severity = Severity.INFO
    config = Config()
    text, remaining, applied = runner.fix_rounds("甲。\n", "x", [_FlipFlops], make_context(config), config, "wikitext")
    assert (text, applied) == ("乙。\n", 1)  # not 100 passes round the cycle
    assert [f.message for f in remaining if f.rule == "EN004"][0].startswith("fixes undo each other")
