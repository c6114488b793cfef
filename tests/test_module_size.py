"""Files a newcomer can hold: no module of ``wikilint/`` is longer than about 600 lines.

A family past that is split into a package with one module per rule or per shared view
(``wikilint/checks/dates/``, ``names/``, ``links/``, ``footnotes/``), the command into one module per
concern (``wikilint/cli/``)."""

from __future__ import annotations

from conftest import ROOT

LIMIT = 600


def long_modules(limit: int = LIMIT) -> list[str]:
    """The modules of wikilint/ over ``limit`` lines, longest first, with their length."""
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in (ROOT / "wikilint").rglob("*.py")}
    return [f"{name} ({n} lines)" for name, n in sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
            if n > limit]


def test_every_module_is_measured_longest_first() -> None:
    listed = long_modules(limit=0)
    assert "wikilint/__init__.py" in {entry.split(" (")[0] for entry in listed}
    lengths = [int(entry.rsplit("(", 1)[1].split()[0]) for entry in listed]
    assert lengths == sorted(lengths, reverse=True)


def test_no_module_is_over_600_lines() -> None:
    offenders = long_modules()
    assert not offenders, "split these along their seams:\n" + "\n".join(offenders)
