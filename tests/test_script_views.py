"""The script family's fast paths give what their plain definitions give, on the seed and real articles.

The profile cuts the whole text's checked prose once and counts evidence with compiled character
classes; ``checked_runs`` (a sentence at a time) and ``zs.evidence`` (a character at a time) are the
definitions they must agree with.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wikilint.checks.script import checked_runs, profile
from wikilint.formats import parse
from wikilint.zh import script as zs

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [ROOT / "seeds" / "000_88e16bf0a95b60aa.txt", *sorted((ROOT / "tests" / "devcorpus").glob("*/*"))]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_profile_units_are_the_checked_runs_and_evidence_of_their_sentences(path):
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    units = {(u.block, u.runs[0].start): u for u in profile(doc).units}
    expected = 0
    for block in doc.blocks:
        if block.kind == "category_line" or doc.in_references(block.span.start):
            continue
        for sentence in block.sentences:
            runs = tuple(checked_runs(doc, sentence.span))
            if not runs:
                continue
            expected += 1
            unit = units[(block.index, runs[0].start)]
            assert unit.runs == runs
            evidence = [(r.start + i, s) for r in runs for i, s in zs.evidence(r.slice(doc.text))]
            assert list(unit.evidence) == evidence
            assert unit.counts == (sum(s == zs.SIMPLIFIED for _, s in evidence), sum(s == zs.TRADITIONAL for _, s in evidence))
    assert expected == len(units)


@pytest.mark.parametrize("text", [
    "兩國舉行會談，双方代表团离开会场。",
    "劇場版 鬼滅の刃 無限列車編是日本动画电影",  # Japanese: no evidence inside the phrase
    "千代田區（日語：千代田区）是東京都的特別區",  # a labelled gloss
    "《国際法の新展開と課題―林司宣先生古稀祝賀》一书",
    "会\U00020bb7\U0002a6a5國😀",  # characters outside the Basic Multilingual Plane
    "",
])
def test_counts_agree_with_the_evidence_character_by_character(text):
    found = zs.evidence(text)
    assert zs.evidence_counts(text) == (sum(s == zs.SIMPLIFIED for _, s in found), sum(s == zs.TRADITIONAL for _, s in found))
    assert zs.han_count(text) == sum(map(zs.is_han, text))
    t = zs.tables()
    assert zs.standard_marks(text + "裡說着綫") == (sum(c in t.tw_marks for c in text + "裡說着綫"),
                                                sum(c in t.hk_marks for c in text + "裡說着綫"))


def test_astral_evidence_is_counted():
    t = zs.tables()
    rare = sorted(c for c in t.simplified if ord(c) > 0xFFFF)[:3]
    assert rare, "the simplified class holds characters outside the Basic Multilingual Plane"
    assert zs.evidence_counts("會" + "".join(rare) + "😀") == (3, 1)


@pytest.mark.parametrize("text", [
    "Image:和平宮正門.jpg|正門\nFile:a b.PNG|說明 圖片:甲.svg 文件:x.jpeg|y",
    "見 IMAGE:長\n名.gif|z 與 /File:x.jpg|no 和 aFile:x.jpg|no",
    "Image:a.jpg|File:b.jpg|影像:c.webp",
    "no colon here", "::::", "",
])
def test_gallery_file_names_are_found_as_the_pattern_finds_them(text):
    from wikilint.checks.script.view import _GALLERY_FILE, gallery_files

    assert list(gallery_files(text)) == [m.span() for m in _GALLERY_FILE.finditer(text)]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_gallery_file_names_in_real_articles(path):
    from wikilint.checks.script.view import _GALLERY_FILE, gallery_files

    text = path.read_text(encoding="utf-8")
    assert list(gallery_files(text)) == [m.span() for m in _GALLERY_FILE.finditer(text)]


def _undetermined_by_definition(text: str, target: str) -> list[int]:
    """Every one-to-many character OpenCC guesses: longest match tried at every position."""
    direction = "t2s" if target == "t2s" else "s2t"
    keys, longest, ambiguous = zs._phrases(direction)
    several = zs.tables().ts_ambiguous if direction == "t2s" else zs.tables().st_ambiguous
    covered, i = set(), 0
    while i < len(text):
        for length in range(min(longest, len(text) - i), 1, -1):
            if text[i : i + length] in keys:
                covered.update(range(i, i + length))
                i += length
                break
        else:
            i += 1
    return [i for i, ch in enumerate(text) if ch in several and ch in ambiguous and i not in covered]


@pytest.mark.parametrize("path", ARTICLES[:8], ids=lambda p: p.name)
def test_undetermined_is_the_longest_match_segmentation(path):
    text = path.read_text(encoding="utf-8")
    for target in ("s2tw", "t2s"):
        source = zs.convert_chars(text, "t2s" if target == "s2tw" else "s2t")
        pieces = [source[i : i + 300] for i in range(0, len(source), 300)]
        assert [zs.undetermined(p, target) for p in pieces] == [_undetermined_by_definition(p, target) for p in pieces]
        # asked about some positions only
        assert zs.undetermined(pieces[0], target, range(10, 200)) == [
            i for i in _undetermined_by_definition(pieces[0], target) if 10 <= i < 200]


def _terms_by_definition(text: str) -> list[tuple[int, int, int, str]]:
    """Regional terms as OpenCC walks: the longest term or blocker at each place, else one step on."""
    table = zs.vocabulary()
    words = {**{w: table.terms[w] for w in table.terms}, **{w: None for w in table.blockers}}
    longest = max(map(len, words))
    found, i = [], 0
    while i < len(text):
        for length in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + length] in words:
                hit = words[text[i : i + length]]
                if hit is not None:
                    found.append((i, i + length, *hit))
                i += length
                break
        else:
            i += 1
    return found


def test_find_terms_walks_as_opencc_does():
    table = zs.vocabulary()
    # every term and blocker, and pairs of them run together, in both scripts
    words = sorted([*table.terms, *table.blockers])
    text = "，".join(a + b for a, b in zip(words, words[1:] + words[:1]))
    assert list(zs.find_terms(text)) == _terms_by_definition(text)
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        assert list(zs.find_terms(text)) == _terms_by_definition(text)
        # a stretch of the text is read as if cut out of it
        a, b = len(text) // 3, 2 * len(text) // 3
        assert list(zs.find_terms(text, a, b)) == [(s + a, e + a, p, r) for s, e, p, r in _terms_by_definition(text[a:b])]


def test_converting_character_by_character_remembers_nothing_wrong():
    text = "会谈范平明的头发，發霉𠮷😀abc"
    first = zs.convert_chars(text, "s2t")
    assert zs.convert_chars(text, "s2t") == first and len(first) == len(text)
    assert first == "".join(zs._converter("s2t").convert(c) if zs.is_han(c) and len(zs._converter("s2t").convert(c)) == 1
                            else c for c in text)


@pytest.mark.parametrize("text", ["兩國舉行會談，双方代表团离开会场。", "会\U00020bb7\U0002a6a5國😀abc", "", "abc"])
def test_a_character_class_answers_alike_before_and_after_it_is_compiled(text):
    chars = zs.tables().simplified | zs.tables().traditional
    looked_up, compiled = zs.CharClass(chars), zs.CharClass(chars)
    compiled.COMPILE_AFTER = 0
    for astral in (True, False) if not zs.has_astral(text) else (True,):
        assert looked_up.count(text, astral) == compiled.count(text, astral) == sum(c in chars for c in text)
    assert looked_up.positions(text) == compiled.positions(text) == [i for i, c in enumerate(text) if c in chars]
    assert looked_up.found_in(text) == compiled.found_in(text) == any(c in chars for c in text)
    assert compiled._compiled and not looked_up._compiled


def test_find_terms_walks_alike_before_and_after_its_pattern_is_compiled(monkeypatch):
    from wikilint.zh import script_vocabulary

    text = ARTICLES[0].read_text(encoding="utf-8") + "比特幣和軟體動物，這套軟體和软件"
    expected = _terms_by_definition(text)
    for threshold in (0, 10**9):
        monkeypatch.setattr(script_vocabulary, "_scanners", [])
        monkeypatch.setattr(script_vocabulary._Scanner, "COMPILE_AFTER", threshold)
        assert list(zs.find_terms(text)) == expected
        assert (script_vocabulary._scanners[0]._pattern is not None) == (threshold == 0)
