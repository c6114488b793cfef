"""What a rule is: metadata, a ``check`` over a Document, and the violations it yields.

Rules live in ``wikilint/checks/`` (one module or package per family) and are found by
``wikilint.engine.registry``: every concrete ``Rule`` subclass with a ``code`` is registered.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterator, Mapping

from wikilint.document.model import Document, Span

if TYPE_CHECKING:  # pragma: no cover
    from wikilint.engine.data import RuleData


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Edit:
    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A fix is data: edits over the original text.  ``safe`` fixes apply with ``--fix``;
    unsafe ones only with ``--unsafe-fixes`` too."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True


#: a finding lists at most this many related ranges, the first by position, and counts the rest:
#: a name repeated thousands of times must not make each finding, and the report, grow with it
RELATED_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Violation:
    span: Span
    message: str
    related: tuple[Span, ...] = ()
    fix: Fix | None = None
    #: overrides the rule's default severity for this one violation (e.g. info when declared)
    severity: Severity | None = None
    #: related ranges the rule knows of but did not list (it listed the first ``RELATED_LIMIT``)
    more_related: int = 0


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the document: the configuration and the loaded rule data.

    ``variant`` is the article's configured target variant (``zh-hant``, ``zh-tw``, ``zh-hk``,
    ``zh-hans``, ``zh-cn``, …) or None to detect it.  ``options`` holds per-rule options from the
    config (``[tool.wikilint.rules.NM001] …``).  ``data`` loads rule data from ``rules/`` once and
    caches it; ``titles`` is the title index (None when existence is not checked).
    """

    variant: str | None = None
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    data: "RuleData | None" = None
    titles: Any = None

    def option(self, code: str, key: str, default: Any = None) -> Any:
        return self.options.get(code, {}).get(key, default)


_CODE = re.compile(r"^[A-Z]{2}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FAMILIES = ("links", "footnotes", "script", "names", "dates")


class Rule:
    """Base class.  A subclass sets the class attributes and implements ``check``.

    The docstring is the rule's doc and must hold four sections, each a line of its own:
    ``What it does``, ``Why is this bad?``, ``Example`` (the bad text) and ``Use instead``
    (the good text).  The first line is the one-line summary.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[bool] = False
    #: whether a finding depends on text elsewhere in the article (the article's script, other
    #: mentions of a name, a definition far away): ``--only-changed-lines`` then reports it when the
    #: change introduced it, even off the changed lines
    article_wide: ClassVar[bool] = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:  # pragma: no cover
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0].strip() if cls.__doc__ else ""

    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def validate_metadata(cls) -> list[str]:
        problems = []
        if not _CODE.match(cls.code):
            problems.append(f"{cls.__name__}: code {cls.code!r} is not two capitals and three digits")
        if not _NAME.match(cls.name):
            problems.append(f"{cls.__name__}: name {cls.name!r} is not kebab-case")
        if cls.family not in FAMILIES:
            problems.append(f"{cls.__name__}: family {cls.family!r} is not one of {FAMILIES}")
        doc = cls.doc()
        for heading in ("What it does", "Why is this bad?", "Example", "Use instead"):
            if heading not in doc:
                problems.append(f"{cls.code}: doc lacks the section {heading!r}")
        return problems
