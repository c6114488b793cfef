"""The document model every rule reads.

A front-end (``wikilint.formats``) turns an article's text into one frozen
``Document``.  Rules never parse text again and never learn which input format
the article came in: everything they need is here, as spans (offsets into
``Document.text``) that the engine alone turns into lines and columns.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterator, Literal, TypeVar

T = TypeVar("T")

InputFormat = Literal["wikitext", "markdown"]
LinkKind = Literal["internal", "external", "file", "category", "interlanguage"]
BlockKind = Literal["paragraph", "list_item", "heading", "table", "quote", "category_line", "other"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open range ``[start, end)`` of code-point offsets into the source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: "Span | int") -> bool:
        if isinstance(other, int):
            return self.start <= other < self.end
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def shift(self, delta: int) -> "Span":
        return Span(self.start + delta, self.end + delta)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what follows it up to the next heading of any level.

    The lead is section 0 with ``level == 0`` and an empty title.
    """

    index: int
    level: int
    title: str
    span: Span
    title_span: Span | None
    is_references: bool  # 參考資料 / References / 注釋 … : cited titles keep their own script


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    block: int  # index into Document.blocks


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, list item, heading, table row block, …; sentences split at 。！？ and hard breaks."""

    index: int
    kind: BlockKind
    span: Span
    section: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A link of any kind.

    ``target`` is the title or URL as written but unescaped (markdown ``\\(`` → ``(``),
    without the ``../Page/`` / ``.md`` wrapping and without the fragment; ``fragment`` is what
    followed ``#``.  ``text`` is the visible text (None when the link shows its target, as
    ``[[X]]``).  ``form`` says how the source wrote it:
    ``page`` (``../Page/T.md``), ``wiki-url`` (``https://zh.wikipedia.org/wiki/T``), ``url`` (any
    other URL), ``wikilink`` (``[[T|x]]``), ``html`` (``<a href>``), ``autolink`` (``<https://…>``).
    ``title_attr`` is the markdown link title (``wikilink``, ``fig:缩略图``).
    """

    kind: LinkKind
    target: str
    fragment: str | None
    text: str | None
    span: Span
    text_span: Span | None
    target_span: Span | None
    form: str
    title_attr: str | None = None
    raw_target: str = ""


@dataclass(frozen=True, slots=True)
class FootnoteMarker:
    """A citation of a footnote in the text: markdown ``\\[3\\]``, or a wikitext ``<ref>``.

    ``label`` is the number as text, or the ref name; for an unnamed inline wikitext ref it is
    ``"#<n>"`` (its ordinal) and ``definition`` is that ref's FootnoteDef index.
    """

    label: str
    span: Span
    group: str | None = None
    definition: int | None = None


@dataclass(frozen=True, slots=True)
class FootnoteDef:
    """What a footnote says: an entry of the markdown end list, or a wikitext ``<ref>`` with content.

    ``kind`` is ``list`` (markdown numbered list), ``inline`` (``<ref>…</ref>`` in the text) or
    ``listed`` (defined inside ``<references>…</references>`` / ``{{reflist|refs=…}}``).
    ``attrs_ok`` is False when the tag's attributes could not be read.
    """

    label: str
    content: str
    content_span: Span
    span: Span
    kind: Literal["list", "inline", "listed"] = "list"
    name: str | None = None
    group: str | None = None
    attrs_ok: bool = True
    closed: bool = True


@dataclass(frozen=True, slots=True)
class ConversionSpan:
    """zh-wiki language-conversion markup ``-{…}-``.

    ``flags`` is what stood before ``|`` (``H``, ``A``, ``T``, …); ``variants`` maps variant codes
    to text (``(("zh-cn", "项目"), ("zh-tw", "專案"))``), empty for plain protected text such as
    ``-{云}-``.
    """

    span: Span
    inner_span: Span
    flags: str
    variants: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    params: tuple[tuple[str, str], ...]
    span: Span
    param_spans: tuple[tuple[str, Span], ...] = ()

    def param(self, key: str) -> str | None:
        for name, value in self.params:
            if name == key:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Quote:
    """《title》 / 〈title〉 (``kind="title"``) or 「…」 『…』 “…” (``kind="quote"``)."""

    kind: Literal["title", "quote"]
    span: Span
    inner_span: Span


@dataclass(frozen=True, slots=True)
class Markup:
    """Something in the text that is not prose, kept so rules can look for leftovers.

    ``kind`` examples: ``comment``, ``html-tag``, ``escaped-ref`` (``\\<ref …\\>``), ``stray-close``
    (``]]`` / ``\\]\\]``), ``stray-open`` (``[[``), ``math``, ``code``, ``nowiki``, ``url``,
    ``template-leftover`` (``{{-}}``, ``} }}``), ``empty-parens`` (``（，）``).
    """

    kind: str
    span: Span
    text: str


class LineIndex:
    """Offsets ↔ 1-based line and column (columns count code points)."""

    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside 0..{self._length}")
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    def line_span(self, line: int) -> Span:
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else self._length
        return Span(start, end)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) - 1 + 1


@dataclass(frozen=True)
class Document:
    """One parsed article.  Built once by a front-end, read by every rule.

    ``prose`` marks, per code point, whether the character is running text a reader sees
    (1) or markup, a URL, a link target, a footnote marker, a comment or an exempt span (0).
    Use ``prose_runs(span)`` to walk the prose inside a span.
    ``exempt`` lists spans where language rules must not look: ``-{…}-``, ``<code>``, ``<math>``,
    ``<syntaxhighlight>``, ``<nowiki>``, ``{{lang|…}}`` and the like.
    """

    path: str
    format: InputFormat
    text: str
    title: str
    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    links: tuple[Link, ...]
    footnote_markers: tuple[FootnoteMarker, ...]
    footnote_defs: tuple[FootnoteDef, ...]
    conversions: tuple[ConversionSpan, ...]
    templates: tuple[Template, ...]
    quotes: tuple[Quote, ...]
    markup: tuple[Markup, ...]
    exempt: tuple[Span, ...]
    prose: bytes = field(repr=False)
    #: where the footnote definitions / references list sits (None if the article has none)
    references_span: Span | None = None
    #: markdown only: spans of lines that hold nothing but category links (the category footer)
    category_lines: tuple[Span, ...] = ()
    #: wikitext only: a references list (<references/>, {{reflist}} …) per group, None = default group
    reference_lists: tuple[tuple[str | None, Span], ...] = ()
    #: views that rules derive from the document, built once (see ``derived``)
    _derived: dict = field(default_factory=dict, repr=False, compare=False)

    def derived(self, key: object, build: "Callable[[], T]") -> "T":
        """A view of this document that a rule family builds once and its rules share (the dates
        a family found, a footnote index, …), keyed by ``key`` (the family, plus any setting the
        view depends on such as the configured variant).  It lives and dies with the document."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = build()
            return value

    # -- derived views, computed once ------------------------------------------------------------
    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for b in self.blocks for s in b.sentences)

    @cached_property
    def lead(self) -> Section:
        return self.sections[0]

    @cached_property
    def body_span(self) -> Span:
        """From the end of the lead to the start of the first references section (or the end)."""
        end = len(self.text)
        for section in self.sections:
            if section.is_references:
                end = section.span.start
                break
        if self.references_span is not None:
            end = min(end, self.references_span.start)
        return Span(self.lead.span.end, max(self.lead.span.end, end))

    def section_at(self, offset: int) -> Section:
        return self.sections[max(0, bisect.bisect_right(self._section_starts, offset) - 1)]

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.span.start for s in self.sections]

    def block_at(self, offset: int) -> Block | None:
        starts = self._block_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.blocks[i].span.contains(offset):
            return self.blocks[i]
        return None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.span.start for b in self.blocks]

    def in_references(self, offset: int) -> bool:
        if self.references_span is not None and self.references_span.contains(offset):
            return True
        return self.section_at(offset).is_references

    def prose_runs(self, span: Span | None = None) -> Iterator[Span]:
        """Maximal runs of prose characters inside ``span`` (the whole text by default)."""
        prose = self.prose
        start = 0 if span is None else span.start
        end = len(self.text) if span is None else span.end
        i = start
        while i < end:
            j = prose.find(1, i, end)
            if j == -1:
                return
            k = prose.find(0, j, end)
            if k == -1:
                k = end
            yield Span(j, k)
            i = k

    def prose_text(self, span: Span | None = None) -> str:
        """The prose inside ``span`` with markup removed (offsets are lost: use prose_runs to keep them)."""
        return "".join(run.slice(self.text) for run in self.prose_runs(span))

    @cached_property
    def conversion_declarations(self) -> tuple[ConversionSpan, ...]:
        """Conversions that declare a rule for the whole article (``-{H|…}-``, ``-{A|…}-``)."""
        return tuple(c for c in self.conversions if "H" in c.flags or "A" in c.flags)
