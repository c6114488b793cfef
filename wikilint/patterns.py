"""Regular expressions compiled on first use.

The date and name families hold about a hundred module-level patterns, many over CJK character
classes that ``re`` expands character by character when it compiles them: compiled at import they
cost a one-article ``check`` tens of milliseconds before any text is read, also when the
selected rules never use them (``--select FN``) or the article never reaches them.
"""

from __future__ import annotations

import re
from typing import Any

#: what a pattern is used for; bound to the compiled pattern's own methods once compiled
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, done the first time one of its methods or attributes is used.
    After that its methods are the compiled pattern's, bound on the instance: a call costs what a
    call on a compiled pattern costs.  Where an ``re.Pattern`` itself is needed, use ``compiled``."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    @property
    def compiled(self) -> re.Pattern:
        if "search" not in self.__dict__:
            self._bind(re.compile(*self._source))
        return self.__dict__["_compiled"]

    def _bind(self, compiled: re.Pattern) -> None:
        for name in _METHODS:
            self.__dict__[name] = getattr(compiled, name)
        self.__dict__["_compiled"] = compiled

    def __getattr__(self, name: str) -> Any:  # only for names not yet bound: the first use
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
