"""The ``names`` family: one person, one transliteration.

Foreign names reach Chinese through several renderings (特朗普 in zh-cn and zh-hk, 川普 in zh-tw), and
Korean names have one set of hanja but editors write homophones (金永哲 for 金英哲).  The rules:

* NM001 ``mixed-name-forms``: two renderings of one entry of the name tables in one article.
* NM002 ``known-wrong-name``: a rendering the tables list as wrong.
* NM003 ``name-not-of-variant``: a rendering that is not the one zh-wiki uses for the article's variant.
* NM004 ``sound-alike-name``: no data needed: a rarer name that differs from a more frequent one in
  one character that sounds the same (Korean hanja reading or Mandarin pinyin).

How the article's variant is decided, and how ``zh-hant`` and ``zh-hans`` read their regional
variants, is told in ``variants``.

Forms are compared after folding script differences with OpenCC (``t2s``, character by
character, so offsets keep): 蓬佩奧 and 蓬佩奥 are one form, a ``script`` matter, not reported here.

The shared pieces are ``variants`` (the article's variant), ``forms`` (how names are written:
characters, folding, name shapes), ``index`` (the name tables indexed by folded form), ``mentions``
(the per-document view every rule reads: visible prose, declarations, links and the mentions of
table forms), ``entities`` (which entries the mentions name, for NM001 and NM003) and ``evidence``
(what makes two names one person slipped, for NM004); each rule has a module named after it:
``mixed_name_forms`` (NM001), ``known_wrong_name`` (NM002), ``name_not_of_variant`` (NM003),
``sound_alike_name`` (NM004).
"""

from __future__ import annotations

from wikilint.checks.names.forms import fold_chars
from wikilint.checks.names.index import NameEntry, NameIndex, WrongForm, name_index
from wikilint.checks.names.known_wrong_name import KnownWrongName
from wikilint.checks.names.mentions import Article, Mention, _after_foreign, article
from wikilint.checks.names.mixed_name_forms import MixedNameForms
from wikilint.checks.names.name_not_of_variant import NameNotOfVariant
from wikilint.checks.names.sound_alike_name import SoundAlikeName
from wikilint.checks.names.variants import FALLBACK, HANS, HANT, SCOPE, Variant, detect_variant, normalise_variant

__all__ = [
    "FALLBACK",
    "HANS",
    "HANT",
    "SCOPE",
    "Article",
    "KnownWrongName",
    "Mention",
    "MixedNameForms",
    "NameEntry",
    "NameIndex",
    "NameNotOfVariant",
    "SoundAlikeName",
    "Variant",
    "WrongForm",
    "_after_foreign",
    "article",
    "detect_variant",
    "fold_chars",
    "name_index",
    "normalise_variant",
]
