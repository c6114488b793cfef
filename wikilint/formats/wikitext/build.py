"""mwparserfromhell's tree, built from its tokenizer's output in one pass.

``mwparserfromhell.parse`` is two steps: a C tokenizer, and a builder written in Python that turns
the tokens into nodes.  The builder is most of the time (about four fifths on zh-wiki articles):
every node goes through property setters that re-import modules and re-validate what the
tokenizer already guarantees.  This builder makes the same tree (the same node classes with the
same state, so the walk and every caller see no difference) by setting that state directly.

It is checked once, on first use, against mwparserfromhell's own builder on a page that has every
kind of node; when they disagree (a version of mwparserfromhell whose nodes keep their state
differently), ``parse`` is mwparserfromhell's own from then on.  Trees nested deeper than
``_NEST_LIMIT`` are left to mwparserfromhell's builder too, so that where it overflows the stack
(which the guarded parse relies on) the outcome is the same; so is any text this builder fails on,
so that what mwparserfromhell raises is what the front-end sees.
"""

from __future__ import annotations

import mwparserfromhell
from mwparserfromhell.nodes import Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.parser import ParserError, tokens as T
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

try:
    from mwparserfromhell.parser._tokenizer import CTokenizer as _Tokenizer
except ImportError:  # pragma: no cover - mwparserfromhell without its C extension
    from mwparserfromhell.parser.tokenizer import Tokenizer as _Tokenizer

__all__ = ["parse"]

#: deeper than this, the tree is built by mwparserfromhell (see the module's doc)
_NEST_LIMIT = 40


class _TooDeep(Exception):
    pass


_new = object.__new__


def _code(nodes: list) -> Wikicode:
    code = _new(Wikicode)
    code._nodes = SmartList(nodes)
    return code


def _text(value: str) -> Text:
    node = _new(Text)
    node._value = value
    return node


def _padding(value) -> str:
    if not value:
        return ""
    if not value.isspace():
        raise ValueError("padding must be entirely whitespace")
    return value


def _attribute(name: Wikicode, value: Wikicode | None, quotes, start) -> Attribute:
    """``Attribute(name, value, quotes, pads…)``: the state its setters leave, and their errors."""
    quotes = Attribute.coerce_quotes(quotes)
    if value is not None and not quotes:
        # what Attribute._value_needs_quotes reads: the value's own text, not nested nodes'
        if any(ch.isspace() for n in value.nodes if isinstance(n, Text) for ch in n.value):
            raise ValueError("attribute value requires quotes")
    attr = _new(Attribute)
    attr._name, attr._value, attr._quotes = name, value, quotes
    attr._pad_first = _padding(start.get("pad_first"))
    attr._pad_before_eq = _padding(start.get("pad_before_eq"))
    attr._pad_after_eq = _padding(start.get("pad_after_eq"))
    return attr


class _Builder:
    __slots__ = ("it", "depth")

    def __init__(self, token_list: list) -> None:
        self.it = iter(token_list)
        self.depth = 0

    def seq(self, stops: tuple) -> tuple[list, object]:
        """Nodes up to the next token whose type is in ``stops`` (returned with it; None at the end)."""
        out = []
        append = out.append
        for token in self.it:
            kind = token.__class__
            if kind is T.Text:
                node = _new(Text)
                node._value = token["text"]
                append(node)
            elif kind in stops:
                return out, token
            else:
                handler = _HANDLERS.get(kind)
                if handler is None:
                    raise ParserError(f"_handle_token() got unexpected {kind.__name__}")
                self.depth += 1
                if self.depth > _NEST_LIMIT:
                    raise _TooDeep
                append(handler(self, token))
                self.depth -= 1
        return out, None

    def template(self, token) -> Template:
        nodes, token = self.seq(_TEMPLATE_STOPS)
        name = _code(nodes)
        params = []
        default = 1
        while token.__class__ is T.TemplateParamSeparator:
            key = None
            showkey = False
            nodes, token = self.seq(_PARAM_STOPS)
            while token.__class__ is T.TemplateParamEquals:
                key = _code(nodes)
                showkey = True
                nodes, token = self.seq(_PARAM_STOPS)
            if token is None:
                raise ParserError("_handle_parameter() missed a close token")
            if key is None:
                key = _code([_text(str(default))])
                default += 1
            param = _new(Parameter)
            param._name, param._value, param._showkey = key, _code(nodes), showkey
            params.append(param)
        if token is None:
            raise ParserError("_handle_template() missed a close token")
        node = _new(Template)
        node._name, node._params = name, params
        return node

    def _two_part(self, stops: tuple, separator: type, what: str) -> tuple[Wikicode | None, Wikicode, object]:
        """``first|second`` up to the close token: (first or None, the rest, the separator seen last)."""
        first = None
        seen = None
        nodes, token = self.seq(stops)
        while token.__class__ is separator:
            first, seen = _code(nodes), token
            nodes, token = self.seq(stops)
        if token is None:
            raise ParserError(f"_handle_{what}() missed a close token")
        return first, _code(nodes), seen

    def argument(self, token) -> Argument:
        name, rest, _ = self._two_part(_ARGUMENT_STOPS, T.ArgumentSeparator, "argument")
        node = _new(Argument)
        node._name, node._default = (name, rest) if name is not None else (rest, None)
        return node

    def wikilink(self, token) -> Wikilink:
        title, rest, _ = self._two_part(_WIKILINK_STOPS, T.WikilinkSeparator, "wikilink")
        node = _new(Wikilink)
        node._title, node._text = (title, rest) if title is not None else (rest, None)
        return node

    def external_link(self, token) -> ExternalLink:
        brackets = token.get("brackets")
        url, rest, separator = self._two_part(_EXTERNAL_STOPS, T.ExternalLinkSeparator, "external_link")
        suppress_space = separator.get("suppress_space") if separator is not None else None
        node = _new(ExternalLink)
        node._url, node._title = (url, rest) if url is not None else (rest, None)
        node._brackets = bool(brackets)
        node.suppress_space = suppress_space is True
        return node

    def entity(self, token) -> HTMLEntity:
        it = self.it
        token = next(it)
        if token.__class__ is T.HTMLEntityNumeric:
            token = next(it)
            if token.__class__ is T.HTMLEntityHex:
                text = next(it)
                next(it)  # HTMLEntityEnd
                return HTMLEntity(text["text"], named=False, hexadecimal=True, hex_char=token.get("char"))
            next(it)
            return HTMLEntity(token["text"], named=False, hexadecimal=False)
        next(it)
        return HTMLEntity(token["text"], named=True, hexadecimal=False)

    def heading(self, token) -> Heading:
        nodes, end = self.seq(_HEADING_STOPS)
        if end is None:
            raise ParserError("_handle_heading() missed a close token")
        return Heading(_code(nodes), token.get("level"))

    def comment(self, token) -> Comment:
        nodes, end = self.seq(_COMMENT_STOPS)
        if end is None:
            raise ParserError("_handle_comment() missed a close token")
        node = _new(Comment)
        node._contents = "".join([str(n) for n in nodes])
        return node

    def attribute(self, start) -> tuple[Attribute, object]:
        name = quotes = None
        nodes = []
        while True:
            more, token = self.seq(_ATTRIBUTE_STOPS)
            nodes += more
            kind = token.__class__
            if kind is T.TagAttrEquals:
                name, nodes = _code(nodes), []
            elif kind is T.TagAttrQuote:
                quotes = token.get("char")
            elif token is None:
                raise ParserError("_handle_attribute() missed a close token")
            else:
                if name:
                    value = _code(nodes)
                else:
                    name, value = _code(nodes), None
                return _attribute(name, value, quotes, start), token

    def tag(self, token) -> Tag:
        wiki_markup, invalid = token.get("wiki_markup"), token.get("invalid") or False
        wiki_style_separator, closing_wiki_markup = None, wiki_markup
        tag = padding = contents = closing_tag = None
        implicit = self_closing = False
        attrs = []
        nodes = []
        while True:
            more, token = self.seq(_TAG_STOPS)
            nodes += more
            kind = token.__class__
            while kind is T.TagAttrStart:
                attr, token = self.attribute(token)
                attrs.append(attr)
                kind = token.__class__
            if kind is T.TagCloseOpen:
                wiki_style_separator = token.get("wiki_markup")
                padding = token.get("padding") or ""
                tag, nodes = _code(nodes), []
            elif kind is T.TagOpenClose:
                closing_wiki_markup = token.get("wiki_markup")
                contents, nodes = _code(nodes), []
            elif kind is T.TagCloseSelfclose:
                closing_wiki_markup = token.get("wiki_markup")
                tag = _code(nodes)
                self_closing = True
                padding = token.get("padding") or ""
                implicit = token.get("implicit") or False
                break
            elif kind is T.TagCloseClose:
                closing_tag = _code(nodes)
                break
            else:
                raise ParserError("_handle_tag() missed a close token")
        assert tag is not None and padding is not None
        if padding and not padding.isspace():
            raise ValueError("padding must be entirely whitespace")
        node = _new(Tag)
        node._tag = tag
        node._closing_tag = closing_tag if closing_tag is not None else tag
        node._contents = contents if contents is not None else _code([])
        node._attrs = attrs
        node._wiki_markup = str(wiki_markup) if wiki_markup else None
        node._closing_wiki_markup = node._wiki_markup
        node._self_closing = self_closing
        node._invalid = bool(invalid)
        node._implicit = bool(implicit)
        node._padding = padding
        node._wiki_style_separator = str(wiki_style_separator) if wiki_style_separator else None
        if closing_wiki_markup is not None:
            node._closing_wiki_markup = str(closing_wiki_markup) if closing_wiki_markup else None
        return node


_TEMPLATE_STOPS = (T.TemplateParamSeparator, T.TemplateClose)
_PARAM_STOPS = (T.TemplateParamEquals, T.TemplateParamSeparator, T.TemplateClose)
_ARGUMENT_STOPS = (T.ArgumentSeparator, T.ArgumentClose)
_WIKILINK_STOPS = (T.WikilinkSeparator, T.WikilinkClose)
_EXTERNAL_STOPS = (T.ExternalLinkSeparator, T.ExternalLinkClose)
_HEADING_STOPS = (T.HeadingEnd,)
_COMMENT_STOPS = (T.CommentEnd,)
_ATTRIBUTE_STOPS = (T.TagAttrEquals, T.TagAttrQuote, T.TagAttrStart, T.TagCloseOpen, T.TagCloseSelfclose)
_TAG_STOPS = (T.TagAttrStart, T.TagCloseOpen, T.TagOpenClose, T.TagCloseSelfclose, T.TagCloseClose)
_HANDLERS = {
    T.TemplateOpen: _Builder.template,
    T.ArgumentOpen: _Builder.argument,
    T.WikilinkOpen: _Builder.wikilink,
    T.ExternalLinkOpen: _Builder.external_link,
    T.HTMLEntityStart: _Builder.entity,
    T.HeadingStart: _Builder.heading,
    T.CommentStart: _Builder.comment,
    T.TagOpenOpen: _Builder.tag,
}


def _build(text: str) -> Wikicode:
    builder = _Builder(_Tokenizer().tokenize(text, 0, False))
    nodes, stop = builder.seq(())
    return _code(nodes)


def _state(value):
    """Everything a tree holds, as plain data (nodes compare by their text, which says too little)."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_state(v) for v in value])
    if hasattr(value, "__dict__"):
        return (type(value).__name__, {k: _state(v) for k, v in sorted(vars(value).items())})
    return value


#: a page with every kind of node the tokenizer makes
_SAMPLE = """== 標題 <!-- c --> ==
'''粗''' ''斜'' {{a|b|k = v|{{{1|d}}}|[[x|y]]}} [[File:a.jpg|thumb|說明 [[z]]]] [http://e.org 站] http://u.org
<ref name="n" group=g>內容 &amp; &#123; &#x4e00;</ref><ref name=m /><references/>
* 項 {| class="t"
|-
! 頭 !! 頭2
| 格 || 格2
|}
<div style='a'>x</div><br/><span title=t>s</span>
; 定義 : 說明
----
"""
_USE_OWN: list[bool] = []


def parse(text: str) -> Wikicode:
    """``mwparserfromhell.parse(text)``, built faster (see the module's doc)."""
    if not _USE_OWN:
        try:
            _USE_OWN.append(_state(_build(_SAMPLE)) == _state(mwparserfromhell.parse(_SAMPLE)))
        except Exception:  # noqa: BLE001 - any disagreement means: use mwparserfromhell's builder
            _USE_OWN.append(False)
    if _USE_OWN[0]:
        try:
            return _build(text)
        except Exception:  # noqa: BLE001 - too deep, or anything unforeseen: mwparserfromhell decides
            pass
    return mwparserfromhell.parse(text)
