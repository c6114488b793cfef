"""Where the project's data folders (``rules/``, ``schemas/``) are.

In a checkout or an editable install they sit beside the ``wikilint`` package; a wheel installs
them under ``<prefix>/share/wikilint/`` (see ``[tool.setuptools.data-files]``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def project_folder(name: str) -> Path:
    beside = Path(__file__).resolve().parents[1] / name
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "wikilint" / name
