"""FN002 ``empty-citation-template``: a ref whose only content is a citation template with neither url nor title."""

from __future__ import annotations

import re
from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, describe_def, footnote_index
from wikilint.checks.templates import TEMPLATES, CitationTemplate
from wikilint.document.model import Document, FootnoteDef, Template
from wikilint.engine.data import rule_data
from wikilint.engine.rule import RELATED_LIMIT, Context, Rule, Severity, Violation


#: ``{{http://…|publisher=…}}``: a citation whose author forgot ``cite web |url=``
_URL_NAME = re.compile(r"(?:https?:)?//|www\.", re.I)


def citation_has_source(template: Template, meaning: CitationTemplate) -> bool:
    """Whether one of the parameters that make this citation followable is filled (a positional
    parameter counts under its number, as MediaWiki numbers them: ``{{cite gnis|123|Name}}``)."""
    return any(key.strip().lower() in meaning.source and value.strip() for key, value in template.params)


def sole_template(doc: Document, note: FootnoteDef) -> Template | None:
    """The template that makes up the whole of a definition's content, if one does."""
    text = note.content_span.slice(doc.text)
    stripped = text.strip()
    if not stripped:
        return None
    start = note.content_span.start + (len(text) - len(text.lstrip()))
    end = start + len(stripped)
    for template in doc.templates:
        if template.span.start == start and template.span.end == end:
            return template
    return None


class EmptyCitationTemplate(Rule):
    """Ref whose only content is a citation template with neither url nor title.

    What it does: reports a ref whose whole content is a citation template (`{{cite web}}`,
    `{{cite news}}`, `{{引用新聞}}` …) that gives no url, no title and no identifier (doi, isbn …).
    Which templates are citations, and which of their parameters (named or unnamed, as in
    `{{cite gnis|id|name}}`) give the source, is data in `rules/templates/`; a template not
    listed there is never reported, since many build their citation from their own parameters.
    A ref holding a URL written as a template name (`{{http://…|…}}`) is reported too.
    Why is this bad? Such a citation renders as an error or as nothing a reader can follow.
    Example: `<ref>{{cite web |date=2019-02-27}}</ref>`
    Use instead: `<ref>{{cite web |url=https://example.org/a |title=會談 |date=2019-02-27}}</ref>`
    """

    code, name, family, severity = "FN002", "empty-citation-template", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        table = None
        for i, note in enumerate(doc.footnote_defs):
            if not note.closed:
                continue
            template = sole_template(doc, note)
            if template is None:
                continue
            if _URL_NAME.match(template.name.strip()):
                yield Violation(
                    note.span,
                    f"{describe_def(note)} holds a URL written as a template name ({{{{{template.name.strip()[:40]}…}}}}): "
                    "it shows as a red link, not a citation; write {{cite web |url=…}}",
                    related=index.citations(doc, i, RELATED_LIMIT),
                    more_related=max(0, index.citation_count(i) - RELATED_LIMIT),
                )
                continue
            table = table or rule_data(ctx).index(TEMPLATES)
            meaning = table.citation(template.name)
            if meaning is None or citation_has_source(template, meaning):
                continue
            yield Violation(
                note.span,
                f"{describe_def(note)} holds only {{{{{template.name.strip()}}}}} with neither url nor title",
                related=index.citations(doc, i, RELATED_LIMIT),
                more_related=max(0, index.citation_count(i) - RELATED_LIMIT),
            )
