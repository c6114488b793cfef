"""The ``script`` family: simplified and traditional Chinese mixed in one article.

zh-wiki stores one text and converts it for each reader, so an article is written in one script,
with ``-{…}-`` markup where a variant must not be converted.  Pasted text breaks this.  The
character classes and the conversion live in :mod:`wikilint.zh.script`; this family finds the
article's dominant script, the sentences and characters written in the other one, and the
regional vocabulary mixed in.

The shared pieces are ``view`` (the profile: the sentences of checked prose, their evidence, the
dominant script and the conversion target) and ``fix`` (the conversion every fix makes); each rule
has a module named after it: ``other_script_sentence`` (SC001), ``other_script_characters`` (SC002),
``regional_vocabulary`` (SC003).
"""

from __future__ import annotations

from wikilint.checks.script.fix import conversion_fix
from wikilint.checks.script.other_script_characters import OtherScriptCharacters
from wikilint.checks.script.other_script_sentence import OtherScriptSentence
from wikilint.checks.script.regional_vocabulary import RegionalVocabulary
from wikilint.checks.script.view import Profile, Unit, checked_runs, convertible_profile, is_other_sentence, profile

__all__ = [
    "OtherScriptCharacters",
    "OtherScriptSentence",
    "Profile",
    "RegionalVocabulary",
    "Unit",
    "checked_runs",
    "conversion_fix",
    "convertible_profile",
    "is_other_sentence",
    "profile",
]
