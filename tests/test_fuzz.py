"""Fuzzing in the suite: real articles (the devcorpus and the seed), mutated with brackets, refs,
templates, -{}-, random CJK, random bytes and CR line ends, keep every promise: no EN001, ranges
that slice back, a schema-valid report that is valid UTF-8, and fixes (safe and unsafe) that are a
fixed point after one --fix run.  Bounded to seconds; scripts/fuzz.py runs the same for longer and
stores what it finds in tests/data/fuzz/, which the last test replays."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import KINDS, Checker, build, case_name, sources, stored_cases

_CHECKER: Checker | None = None


def checker() -> Checker:
    global _CHECKER
    if _CHECKER is None:
        _CHECKER = Checker()
    return _CHECKER


mutation = st.tuples(st.sampled_from(KINDS), st.floats(0, 1, exclude_max=True), st.integers(0, 10_000))


def test_the_fuzz_sources_are_the_seed_and_the_devcorpus() -> None:
    names = [name for name, _ in sources()]
    assert names[0] == "000_88e16bf0a95b60aa.txt" and len(names) == 86, len(names)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(source=st.integers(0, 85), where=st.floats(0, 1, exclude_max=True), mutations=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_real_articles_keep_every_promise(source: int, where: float, mutations) -> None:
    name, data = build(source, where, mutations)
    checker().check(name, data)


#: stored inputs whose defect is known and not fixed yet, with the reason (the case stays as a test)
KNOWN: dict[str, str] = {}


@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN[p.name], strict=True))
                                  if p.name in KNOWN else p for p in stored_cases()], ids=lambda p: p.name)
def test_inputs_the_fuzzer_found(path) -> None:
    checker().check(case_name(path), path.read_bytes())
