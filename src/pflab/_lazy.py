"""Lazy public names for a package (PEP 562), written once.

A package whose public functions pull in heavy modules (pandas, scipy, the network layer)
lists them in a name → module map and lets :func:`lazy_exports` build its module-level
``__getattr__`` and ``__dir__``: ``import pflab.policy`` then stays cheap, and the first use
of a name imports its module and caches the value in the package's namespace.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, names: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``(__getattr__, __dir__)`` for ``package``.

    Parameters
    ----------
    package
        The package's ``__name__``.
    names
        Public name → the module that defines it (imported on first use).
    public
        The package's ``__all__`` (what ``dir()`` lists).
    """
    lazy = dict(names)
    listed = list(public)

    def getattr_(name: str) -> Any:
        module = lazy.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(importlib.import_module(package), name, value)
        return value

    def dir_() -> list[str]:
        return listed

    return getattr_, dir_
