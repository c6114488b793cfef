"""The one sentence splitter (``formats.common.split_sentences``) and what its bounds may forbid."""

from __future__ import annotations

from wikilint.document.model import Span
from wikilint.formats.common import SentenceBounds, split_sentences


def _texts(text: str, hard: bool = False, bounds: SentenceBounds | None = None) -> list[str]:
    spans = split_sentences(text, Span(0, len(text)), hard, *([bounds] if bounds else []))
    return [text[s.start:s.end] for s in spans]


def test_plain_text_ends_after_terminators_and_their_closing_quotes() -> None:
    assert _texts("他說：「好。」然後走了！？ 是嗎?(對)") == ["他說：「好。」", "然後走了！？", "是嗎?", "(對)"]
    assert _texts("第一行\n第二行。") == ["第一行\n第二行。"]  # a soft wrap
    assert _texts("第一行\n第二行。", hard=True) == ["第一行", "第二行。"]
    assert _texts("  \n ") == []


class _NotInBrackets(SentenceBounds):
    """A terminator or line end inside [[…]] does not end a sentence; a <1> marker after one stays."""

    def __init__(self, text: str) -> None:
        self.inside = set()
        for start in range(len(text)):
            if text.startswith("[[", start):
                self.inside.update(range(start, text.index("]]", start)))
        self.text = text

    def terminator_ends(self, pos: int) -> bool:
        return pos not in self.inside

    def line_end_ends(self, pos: int) -> bool:
        return pos not in self.inside

    def attach(self, pos: int, end: int) -> int:
        return pos + 3 if self.text.startswith("<1>", pos) else pos


def test_bounds_say_what_must_not_end_a_sentence() -> None:
    text = "見[[條目。名\n稱]]一文。<1>其後。"
    assert _texts(text) == ["見[[條目。", "名\n稱]]一文。", "<1>其後。"]
    assert _texts(text, hard=True, bounds=_NotInBrackets(text)) == ["見[[條目。名\n稱]]一文。<1>", "其後。"]
