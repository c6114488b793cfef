"""Command-line behaviour CI and editors rely on: configuration per file, exclude, selectors, exit
codes, statistics, fixes on standard input, colour."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wikilint.cli import main

ROOT = Path(__file__).resolve().parents[1]
EMPTY_REF = "'''甲'''是一個人。<ref></ref>\n\n== 參考資料 ==\n<references />\n"  # FN001, an error
MIXED = "3月1日凌晨，朝鮮外務相舉行記者會，回應前一日川普指稱朝鲜要求全面解除制裁的說法。\n"  # SC002, a warning, safely fixable
MIXED_FIXED = MIXED.replace("朝鲜", "朝鮮")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None, env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "wikilint", *args], input=stdin, capture_output=True,
                          cwd=cwd or ROOT, timeout=120, env={**os.environ, **(env or {})})


def _tree(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")


def test_each_file_gets_its_nearest_configuration_in_any_order(tmp_path: Path, capsys, monkeypatch) -> None:
    _tree(tmp_path, {"strict/wikilint.toml": 'fail-on = "warning"\n', "strict/a.wiki": EMPTY_REF,
                     "lax/wikilint.toml": 'ignore = ["FN001"]\n', "lax/b.wiki": EMPTY_REF})
    monkeypatch.chdir(tmp_path)
    for order in (["lax/b.wiki", "strict/a.wiki"], ["strict/a.wiki", "lax/b.wiki"]):
        code, out, _ = _run(capsys, "check", *order)
        assert code == 1 and "strict/a.wiki:1:" in out and "lax/b.wiki" not in out, (order, out)
    assert _run(capsys, "check", "lax/b.wiki")[0] == 0
    # the failing level is the file's own: a warning fails only under strict/
    _tree(tmp_path, {"strict/w.md": MIXED, "lax/w.md": MIXED})
    assert _run(capsys, "check", "lax/w.md")[0] == 0 and _run(capsys, "check", "strict/w.md")[0] == 1


def test_exclude_applies_to_files_named_on_the_command_line(tmp_path: Path, capsys, monkeypatch) -> None:
    _tree(tmp_path, {"wikilint.toml": 'exclude = ["drafts/*"]\n', "drafts/d.wiki": EMPTY_REF, "a.wiki": EMPTY_REF})
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "check", "drafts/d.wiki")
    assert (code, out) == (0, "") and "in 0 files" in err
    code, out, _ = _run(capsys, "check", "drafts/d.wiki", "a.wiki", ".")
    assert code == 1 and "drafts" not in out and out.count("a.wiki:1:") == 2  # named, and found in the folder


@pytest.mark.parametrize("config, needle", [
    ('select = ["LK05"]\n', "'LK05'"),
    ('ignore = ["footnote"]\n', "'footnote'"),
    ('[severity]\nLK999 = "info"\n', "'LK999'"),
    ('[severity]\nFN = "info"\n', "'FN'"),
    ('[per-path-ignores]\n"a/*" = ["NM9"]\n', "'NM9'"),
])
def test_a_configured_selector_that_names_no_rule_exits_2(tmp_path: Path, capsys, config: str, needle: str) -> None:
    _tree(tmp_path, {"wikilint.toml": config, "a.wiki": EMPTY_REF})
    code, out, err = _run(capsys, "check", str(tmp_path / "a.wiki"))
    assert code == 2 and out == "" and needle in err and "wikilint.toml" in err


def test_a_selector_on_the_command_line_that_names_no_rule_exits_2(capsys) -> None:
    for option in (["--ignore", "LK999"], ["--select", "footnote"], ["--select", "FN,LK05"]):
        code, _, err = _run(capsys, "check", "seeds/", *option)
        assert code == 2 and option[0] in err and option[1].split(",")[-1] in err
    code, out, _ = _run(capsys, "check", "seeds/", "-q", "--select", "footnotes", "--ignore", "EN002,FN00")
    assert code in (0, 1) and all(line.split()[2].startswith("FN01") for line in out.splitlines())


def test_ignoring_an_engine_rule_hides_its_findings(tmp_path: Path, capsys) -> None:
    _tree(tmp_path, {"a.wiki": "<!-- wikilint-disable-next-line LK001 -->\n正文。\n", "empty.wiki": "",
                     "quiet/wikilint.toml": 'ignore = ["IN004"]\n', "quiet/empty.wiki": ""})
    assert " EN002 " in _run(capsys, "check", str(tmp_path / "a.wiki"))[1]
    assert _run(capsys, "check", "--ignore", "EN002", str(tmp_path / "a.wiki"))[1] == ""
    assert _run(capsys, "check", "--ignore", "unused-suppression", str(tmp_path / "a.wiki"))[1] == ""
    assert _run(capsys, "check", str(tmp_path / "quiet" / "empty.wiki"))[1] == ""  # IN004 ignored by the configuration
    assert " IN004 " in _run(capsys, "check", str(tmp_path / "empty.wiki"))[1]


def test_variant_on_the_command_line_is_validated(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "seeds/", "--variant", "zh-xx"])
    assert exit_.value.code == 2 and "zh-xx" in capsys.readouterr().err
    assert _run(capsys, "check", "-q", "seeds/", "--variant", "zh-tw")[0] == 1


def test_rules_accepts_what_select_accepts(capsys) -> None:
    code, out, _ = _run(capsys, "rules", "footnotes")
    codes = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and codes and all(c.startswith("FN") for c in codes) and "FN001" in codes
    code, out, _ = _run(capsys, "rules", "LK00")
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == [f"LK00{i}" for i in range(1, 10)]
    assert "What it does" in _run(capsys, "rules", "empty-footnote")[1]
    assert _run(capsys, "rules", "footnote")[0] == 2


def test_an_internal_failure_exits_2_with_the_traceback(capsys, monkeypatch) -> None:
    import wikilint.cli as cli

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli, "run_all", broken)
    code, out, err = _run(capsys, "check", "seeds/")
    assert code == 2 and "internal error" in err and "disk on fire" in err and "Traceback" in err


def test_exit_zero_and_statistics(capsys) -> None:
    code, out, _ = _run(capsys, "check", "-q", "--exit-zero", "seeds/")
    assert code == 0 and out.count("\n") > 100
    code, out, _ = _run(capsys, "check", "-q", "--statistics", "seeds/")
    rows = [line.split() for line in out.splitlines()]
    assert code == 1 and rows[0][1] == "FN001"
    counts = [int(r[0]) for r in rows]
    assert counts == sorted(counts, reverse=True) and sum(counts) == len(_run(capsys, "check", "-q", "seeds/")[1].splitlines())
    assert ["[*]"] == [r[2] for r in rows if r[1] == "LK005"]  # safely fixable rules are marked


def test_diff_exits_1_when_it_shows_a_change(tmp_path: Path, capsys) -> None:
    _tree(tmp_path, {"t.md": MIXED, "e.wiki": EMPTY_REF})
    code, out, _ = _run(capsys, "check", "--diff", str(tmp_path / "t.md"))
    assert code == 1 and out.startswith("---") and "+" + MIXED_FIXED in out
    assert (tmp_path / "t.md").read_text(encoding="utf-8") == MIXED
    code, out, _ = _run(capsys, "check", "--diff", str(tmp_path / "e.wiki"))  # an error, but nothing to fix
    assert (code, out) == (0, "")


def test_fix_says_how_many_fixes_it_applied(tmp_path: Path, capsys) -> None:
    _tree(tmp_path, {"t.md": MIXED + MIXED, "u.md": MIXED})
    code, out, err = _run(capsys, "check", "--fix", str(tmp_path / "t.md"), str(tmp_path / "u.md"))
    assert code == 0 and "applied 3 fixes in 2 files" in err
    assert (tmp_path / "u.md").read_text(encoding="utf-8") == MIXED_FIXED


def test_fix_on_standard_input_prints_the_fixed_text() -> None:
    proc = _cli("check", "-", "--fix", "--stdin-filename", "x.md", stdin=MIXED.encode("utf-8"))
    assert proc.returncode == 0 and proc.stdout.decode("utf-8") == MIXED_FIXED
    assert "applied 1 fix" in proc.stderr.decode()
    proc = _cli("check", "-", "--fix", "--stdin-filename", "x.wiki", stdin=EMPTY_REF.encode("utf-8"))
    assert proc.returncode == 1 and proc.stdout.decode("utf-8") == EMPTY_REF  # nothing to fix: the text as it came


def test_stdin_filename_finds_the_configuration_of_that_path(tmp_path: Path) -> None:
    _tree(tmp_path, {"quiet/wikilint.toml": 'ignore = ["footnotes"]\n'})
    data = EMPTY_REF.encode("utf-8")
    assert _cli("check", "-", "--stdin-filename", str(tmp_path / "quiet" / "a.wiki"), stdin=data).returncode == 0
    assert _cli("check", "-", "--stdin-filename", str(tmp_path / "a.wiki"), stdin=data).returncode == 1


def test_colour_follows_no_color_force_color_and_the_option() -> None:
    plain = {"NO_COLOR": "", "FORCE_COLOR": ""}
    assert b"\033[" not in _cli("check", "-q", "seeds/", env=plain).stdout  # a pipe: no colour
    assert b"\033[31m" in _cli("check", "-q", "seeds/", env={**plain, "FORCE_COLOR": "1"}).stdout
    assert b"\033[" not in _cli("check", "-q", "seeds/", env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout
    assert b"\033[" not in _cli("check", "-q", "seeds/", "--color", "never", env={**plain, "FORCE_COLOR": "1"}).stdout
    assert b"\033[31m" in _cli("check", "-q", "seeds/", "--color", "always", env={"NO_COLOR": "1"}).stdout
