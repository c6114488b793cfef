"""Where the data wikilint ships with lives: ``wikilint/resources/rules`` and ``wikilint/resources/schemas``.

They are package data, read through ``importlib.resources``, so every way of installing wikilint
(a wheel, an sdist, ``pip install --user`` or ``--target``, an editable install, a zip application)
finds them beside the code.  The repository's top-level ``rules/`` and ``schemas/`` are symbolic
links to these folders: one copy, edited where editors expect it.

What is returned is a ``Traversable``: a ``pathlib.Path`` for an installed package, a
``zipfile.Path`` inside a zip application.  Read it with ``/``, ``iterdir``, ``read_bytes``.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def packaged(name: str) -> Traversable:
    """The shipped folder ``name`` (``"rules"`` or ``"schemas"``)."""
    return files("wikilint").joinpath("resources", name)
