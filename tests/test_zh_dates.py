"""The date parser's own table: expressions and what they resolve to.

Each row: the text, the context it resolves in (year, day), and every expression found, described
as ``<text>=<value>``: a date ``2019-02-27``, a range ``2019-02-27..2019-02-28``, a time
``2019-02-23T17:00`` (``?T17:00`` when its day is unknown), a month ``2019-02``, a year ``y2019``,
``!`` for an impossible date, ``+wd3`` for a stated weekday (0 = Monday), ``+since`` for 起.
"""

from __future__ import annotations

import datetime as dt

import pytest

from wikilint.zh.dates import cn_number, parse, scan, scan_claims

D = dt.date


def describe(e) -> str:
    if e.problem:
        out = "!"
    elif e.kind == "time":
        day = e.value.isoformat() if e.value else "?"
        out = f"{day}T{e.hour:02d}:{e.minute or 0:02d}"
    elif e.kind == "daypart":
        out = f"{e.value or '?'}~{e.daypart}"
    elif e.kind == "range":
        out = f"{e.value}..{e.end_value}"
    elif e.precision == "year":
        out = f"y{e.year}"
    elif e.precision == "month":
        out = f"{e.value:%Y-%m}" if e.value else f"?-{e.month:02d}"
    else:
        out = e.value.isoformat() if e.value else "?"
    if e.weekday is not None:
        out += f"+wd{e.weekday}"
    if e.since:
        out += "+since"
    return f"{e.text}={out}"


CTX = (2019, D(2019, 2, 24))
NONE = (None, None)

TABLE = [
    # full dates, both numeral systems, both scripts
    ("2019年2月27日", NONE, ["2019年2月27日=2019-02-27"]),
    ("二〇一九年二月二十七日", NONE, ["二〇一九年二月二十七日=2019-02-27"]),
    ("二零一九年十二月三十一日", NONE, ["二零一九年十二月三十一日=2019-12-31"]),
    ("２０１９年２月２７日", NONE, ["２０１９年２月２７日=2019-02-27"]),
    ("1945年8月15日", NONE, ["1945年8月15日=1945-08-15"]),
    ("公元618年6月18日", NONE, ["公元618年6月18日=0618-06-18"]),
    ("於2018年6月12日舉行", NONE, ["2018年6月12日=2018-06-12"]),
    ("2月27日號外", (2019, None), ["2月27日=2019-02-27"]),
    ("2月27號", (2019, None), ["2月27號=2019-02-27"]),
    # partial dates and their context
    ("2月27日", (2019, None), ["2月27日=2019-02-27"]),
    ("1月8日，朝鮮", (2019, D(2019, 1, 1)), ["1月8日=2019-01-08"]),
    ("24日下午1時通過", CTX, ["24日=2019-02-24", "下午1時=2019-02-24T13:00"]),
    ("25日抵達鄭州", CTX, ["25日=2019-02-25"]),
    ("同年3月22日", (2019, D(2019, 3, 5)), ["同年3月22日=2019-03-22"]),
    ("同年10月20日", (2018, D(2018, 6, 12)), ["同年10月20日=2018-10-20"]),
    ("去年2月", (2019, None), ["去年2月=2018-02"]),
    ("翌年1月", (2019, None), ["翌年1月=2020-01"]),
    ("12月30日出發，1月2日抵達", (2018, None), ["12月30日=2018-12-30", "1月2日=2019-01-02"]),
    ("3月", (2019, None), ["3月=2019-03"]),
    ("十二月，他", (2019, None), ["十二月=2019-12"]),
    ("2019年元旦", NONE, ["2019年元旦=2019-01-01"]),
    ("2019年，他", NONE, ["2019年=y2019"]),
    # ISO
    ("2019-03-01", NONE, ["2019-03-01=2019-03-01"]),
    ("時間：2019-03-01 11:42", NONE, ["2019-03-01=2019-03-01", "11:42=2019-03-01T11:42"]),
    ("2019-02-30", NONE, ["2019-02-30=!"]),
    # eras
    ("民國108年", NONE, ["民國108年=y2019"]),
    ("民国108年", NONE, ["民国108年=y2019"]),
    ("民國元年", NONE, ["民國元年=y1912"]),
    ("明治28年", NONE, ["明治28年=y1895"]),
    ("昭和20年8月15日", NONE, ["昭和20年8月15日=1945-08-15"]),
    ("平成31年4月30日", NONE, ["平成31年4月30日=2019-04-30"]),
    ("令和元年5月1日", NONE, ["令和元年5月1日=2019-05-01"]),
    ("光緒二十年", NONE, ["光緒二十年=y1894"]),
    ("民國108年（2019年）", NONE, ["民國108年=y2019", "2019年=y2019"]),
    # ranges
    ("2019年2月27日至28日", NONE, ["2019年2月27日至28日=2019-02-27..2019-02-28"]),
    ("2月12日至14日", (2019, None), ["2月12日至14日=2019-02-12..2019-02-14"]),
    ("2月27日－28日", (2019, None), ["2月27日－28日=2019-02-27..2019-02-28"]),
    ("2月27日-3月1日", (2019, None), ["2月27日-3月1日=2019-02-27..2019-03-01"]),
    ("2018年12月30日至1月2日", NONE, ["2018年12月30日至1月2日=2018-12-30..2019-01-02"]),
    ("2月27日（三）至28日（四）", (2019, None), ["2月27日（三）至28日（四）=2019-02-27..2019-02-28+wd2"]),
    ("2017年8月10日或11日", NONE, ["2017年8月10日或11日=2017-08-10..2017-08-11"]),
    ("1月19日起舉行為期4天的面談", (2019, None), ["1月19日=2019-01-19+since"]),
    ("2月24日起", (2019, None), ["2月24日=2019-02-24+since"]),
    # weekdays
    ("2019年2月27日（星期三）", NONE, ["2019年2月27日=2019-02-27+wd2"]),
    ("2月27日星期三", (2019, None), ["2月27日=2019-02-27+wd2"]),
    ("2月27日（週三）", (2019, None), ["2月27日=2019-02-27+wd2"]),
    ("2月27日(周三)", (2019, None), ["2月27日=2019-02-27+wd2"]),
    ("2月24日（日）", (2019, None), ["2月24日=2019-02-24+wd6"]),
    ("2月24日（禮拜天）", (2019, None), ["2月24日=2019-02-24+wd6"]),
    # times
    ("於2月23日下午5時乘坐火車", (2019, None), ["2月23日=2019-02-23", "下午5時=2019-02-23T17:00"]),
    ("當晚9時30分跨越", (2019, D(2019, 2, 23)), ["當晚9時30分=2019-02-23T21:30"]),
    ("晚上6時半", (2019, D(2019, 2, 27)), ["晚上6時半=2019-02-27T18:30"]),
    ("上午8时56分", (2019, D(2019, 2, 28)), ["上午8时56分=2019-02-28T08:56"]),
    ("下午1时30分宣布", (2019, D(2019, 2, 28)), ["下午1时30分=2019-02-28T13:30"]),
    ("約定的9時", (2019, D(2019, 2, 28)), ["9時=2019-02-28T09:00"]),
    ("晚上8點", NONE, ["晚上8點=?T20:00"]),
    ("上午十時三十分", NONE, ["上午十時三十分=?T10:30"]),
    ("凌晨12時", NONE, ["凌晨12時=?T00:00"]),
    ("中午12點", NONE, ["中午12點=?T12:00"]),
    ("下午3點一刻", NONE, ["下午3點一刻=?T15:15"]),
    ("9時61分", NONE, ["9時61分=!"]),
    ("11日凌晨01:43報警，並在02:17通知海軍", (2017, D(2017, 8, 10)),
     ["11日=2017-08-11", "凌晨01:43=2017-08-11T01:43", "02:17=2017-08-11T02:17"]),
    ("於19:00左右登船", (2017, D(2017, 8, 10)), ["19:00=2017-08-10T19:00"]),
    ("比分3:10落後", NONE, []),
    ("26日凌晨抵達南寧", CTX, ["26日=2019-02-26", "凌晨=2019-02-26~凌晨"]),
    ("2月19日晚上致電", (2019, None), ["2月19日=2019-02-19", "晚上=2019-02-19~晚上"]),
    ("早上好", NONE, ["早上=?~早上"]),
    # relative days
    ("翌日", CTX, ["翌日=2019-02-25"]),
    ("次日", CTX, ["次日=2019-02-25"]),
    ("隔日", CTX, ["隔日=2019-02-25"]),
    ("當天", CTX, ["當天=2019-02-24"]),
    ("当日", CTX, ["当日=2019-02-24"]),
    ("同日", CTX, ["同日=2019-02-24"]),
    ("前一日", CTX, ["前一日=2019-02-23"]),
    ("兩日後", CTX, ["兩日後=2019-02-26"]),
    ("两天后", CTX, ["两天后=2019-02-26"]),
    ("三天後", CTX, ["三天後=2019-02-27"]),
    ("一星期後", CTX, ["一星期後=2019-03-03"]),
    ("兩個月後", CTX, ["兩個月後=2019-04-24"]),
    ("會談第二天", CTX, ["第二天=?"]),
    ("55年前，3月2日", CTX, ["55年前=1964-02-24", "3月2日=2019-03-02"]),
    ("前一日，25日", CTX, ["前一日=2019-02-23", "25日=2019-02-25"]),
    ("2月23日下午5時出發，當晚9時30分入境，次日上午8時抵達", (2019, None),
     ["2月23日=2019-02-23", "下午5時=2019-02-23T17:00", "當晚9時30分=2019-02-23T21:30",
      "次日=2019-02-24", "上午8時=2019-02-24T08:00"]),
    # impossible dates
    ("2月30日", (2019, None), ["2月30日=!"]),
    ("2019年2月29日", NONE, ["2019年2月29日=!"]),
    ("2020年2月29日", NONE, ["2020年2月29日=2020-02-29"]),
    ("13月5日", NONE, ["13月5日=!"]),
    ("4月31日", NONE, ["4月31日=!"]),
    ("2月27日至30日", (2019, None), ["2月27日至30日=!"]),
    # things that are not dates
    ("持續1小時30分，但最終時間比原定長了13分鐘", CTX, []),
    ("下降39.35點，以2195.44點收盤", CTX, []),
    ("下跌20.91點", CTX, []),
    ("為期4天", CTX, []),
    ("歷時3日", CTX, []),
    ("100日元", CTX, []),
    ("第13日", CTX, []),
    ("好一點", CTX, []),
    ("紅極一時", CTX, []),
    ("55年來第一位", CTX, []),
    ("3年後", CTX, ["3年後=2022-02-24"]),
    ("該片長75分鐘", CTX, []),
    ("6版中的4版", CTX, []),
    ("3000名來自近40國家", CTX, []),
    ("2010年代", NONE, []),
    ("每月", NONE, []),
    ("三個月", NONE, []),
]


@pytest.mark.parametrize("text, ctx, expected", TABLE, ids=[row[0] for row in TABLE])
def test_table(text, ctx, expected):
    year, day = ctx
    assert [describe(e) for e in parse(text, year=year, date=day)] == expected


def test_table_is_large_enough():
    assert len(TABLE) >= 60


def test_offsets_point_at_the_text():
    text = "會談於2019年2月27日至28日在河內舉行，當晚9時30分結束。"
    for e in scan(text):
        assert text[e.start:e.end] == e.text


@pytest.mark.parametrize("numeral, value", [
    ("二十七", 27), ("十二", 12), ("十", 10), ("廿三", 23), ("卅一", 31), ("二〇一九", 2019),
    ("一九四五", 1945), ("一百零八", 108), ("元", 1), ("兩", 2), ("55", 55),
])
def test_cn_number(numeral, value):
    assert cn_number(numeral) == value


@pytest.mark.parametrize("text, kind, n", [
    ("3月6日，即會談結束後的第6天", "ordinal-day", 6),
    ("比原来约定的9时早了4分钟", "earlier", 4),
    ("比預定時間晚了兩小時", "later", 2),
    ("是繼金日成後55年來第一位", "years-since", 55),
    ("舉行為期4天的面談", "duration", 4),
    ("享年86歲", "age", 86),
    ("36歲時", "age", 36),
])
def test_claims(text, kind, n):
    claims = [c for c in scan_claims(text) if c.kind == kind]
    assert claims and claims[0].n == n
    assert text[claims[0].start:claims[0].end] == claims[0].text


def test_a_year_since_is_not_a_count_of_years():
    """自1988年以來 (since 1988) names a year; 5000年來 and 55年來 count years."""
    assert not [c for c in scan_claims("收入差距自1988年以來就在擴大") if c.kind == "years-since"]
    assert [c.n for c in scan_claims("中華文明5000年來") if c.kind == "years-since"] == [5000]


def test_no_age_claim_in_generic_counts():
    assert not [c for c in scan_claims("18歲以下的兒童") if c.kind == "age"]


# -- robustness -------------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = list("0123456789年月日號时時點点分半起至到－-或（）()星期週周一二三四五六七八九十廿卅〇兩百前後后翌次同當天晚上下午凌晨比早了分鐘為期歲時年來第即，。 ") + [
    "民國", "明治", "昭和", "令和", "光緒", "美國時間", "同年", "去年", "元旦", "9999年12月31日", "0000年", "公元前",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join),
       st.one_of(st.none(), st.integers(1, 9999)))
def test_parse_never_crashes_and_offsets_hold(text, year):
    for e in parse(text, year=year):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
    for c in scan_claims(text):
        assert text[c.start:c.end] == c.text


def test_calendar_edges_do_not_crash():
    assert parse("9999年12月31日，兩個月後，翌日") is not None
    assert parse("0000年2月，同年3月") is not None


@pytest.mark.parametrize("text, expected", [
    ("農曆二月三十日", ["二月三十日=?"]),
    ("光緒二十年二月三十日", ["光緒二十年二月三十日=?"]),
    ("農曆三十一日", []),
    ("零件編號1234-56-78", []),
])
def test_lunar_dates_and_numbers(text, expected):
    got = []
    for e in parse(text):
        got.append(f"{e.text}={'!' if e.problem else '?' if e.value is None else e.value}")
    assert got == expected


def test_lunar_day_31_is_impossible():
    assert parse("農曆二月三十一日")[0].problem


# -- patterns tried only around their key characters ------------------------------------------

import wikilint.zh.dates as _dates_module  # noqa: E402
import wikilint.zh.dates_scan as _scan_module  # noqa: E402
from wikilint.zh.dates_scan import Keyed  # noqa: E402

_KEYED = [(f"{module.__name__}.{name}", value) for module in (_scan_module, _dates_module)
          for name, value in sorted(vars(module).items()) if isinstance(value, Keyed)]
_KEYED_ALPHABET = _ALPHABET + list("：０２日號号旦節节夜來来歲岁周為为歷历持續续一連连共享終终僅仅方以在T :-~/.") + [
    "聖誕節", "平安夜", "情人節", "萬聖節", "上午", "晚上", "深夜", "當晚", "第二天", "前一日", "個月", "星期", "禮拜",
    "比原定", "提前了", "約", "年來", "年以來", "為期", "享年", "生日", "2019-02-27", "11:42", "2月27日", "西元",
]


def _spans(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


def test_every_keyed_pattern_is_covered():
    names = {name.rsplit(".", 1)[1] for name, _ in _KEYED}
    assert {"_NEAR_YMD", "_NEAR_Y", "_NEAR_TIME", "_NEAR_REL", "_NEAR_AGE"} <= names


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_KEYED_ALPHABET), max_size=60).map("".join))
def test_keyed_patterns_find_what_finditer_finds(text):
    for name, keyed in _KEYED:
        assert _spans(keyed.finditer(text)) == _spans(keyed.rx.finditer(text)), name


def test_keyed_patterns_on_real_articles():
    from pathlib import Path

    root = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "devcorpus").rglob("*")) if p.suffix in (".md", ".wikitext")]
    texts.append((root.parent / "seeds" / "000_88e16bf0a95b60aa.txt").read_text(encoding="utf-8"))
    assert len(texts) > 10
    for text in texts:
        for name, keyed in _KEYED:
            assert _spans(keyed.finditer(text)) == _spans(keyed.rx.finditer(text)), name


# -- sentence and clause bounds of a narrative block ------------------------------------------


def _walk_back(text: str, i: int, ends: str) -> int:
    while i > 0 and text[i - 1] not in ends:
        i -= 1
    return i


def _walk_on(text: str, i: int, ends: str) -> int:
    while i < len(text) and text[i] not in ends:
        i += 1
    return i


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab日。！？!?\n；;，,：:﹔﹐﹕", max_size=30))
def test_block_bounds_are_those_of_a_walk_over_the_characters(text):
    from wikilint.checks.dates.model import _CLAUSE_END, _SENTENCE_END, BlockText

    bt = BlockText(None, text, [])
    for i in range(len(text) + 1):
        assert bt.sentence_start(i) == _walk_back(text, i, _SENTENCE_END)
        assert bt.sentence_end(i) == _walk_on(text, i, _SENTENCE_END)
        assert bt.clause_start(i) == _walk_back(text, i, _CLAUSE_END)
        assert bt.clause_end(i) == _walk_on(text, i, _CLAUSE_END)
