"""The mechanism both table classes share: construction through ``from_blocks``,
pickling of the validated fields (arrays frozen again, nothing re-validated) and the
per-table cache that holds the Leontief solver.

Each class calls these from its own ``__init__``, ``__getstate__`` and ``__setstate__``:
a frozen, slotted dataclass installs its own pickling methods unless the class body
defines them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

import numpy as np

__all__ = ["cached", "getstate", "init_from_blocks", "readonly", "restore", "setstate"]

T = TypeVar("T")

#: The field that holds the per-table cache; never pickled.
CACHE = "_cache"


def readonly(array: np.ndarray) -> np.ndarray:
    """A read-only view of an array (the data are shared, not copied)."""
    view = array.view()
    view.flags.writeable = False
    return view


def _state_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.name != CACHE)


def restore(table: Any, values: dict[str, Any]) -> None:
    """Set every field of a new table (arrays read-only) and an empty cache."""
    for name in _state_fields(type(table)):
        value = values[name]
        object.__setattr__(table, name, readonly(value) if isinstance(value, np.ndarray) else value)
    object.__setattr__(table, CACHE, {})


def init_from_blocks(self: Any, **blocks: Any) -> None:
    """``Table(...)``: the same as ``Table.from_blocks(...)``."""
    built = type(self).from_blocks(**blocks)
    restore(self, {name: getattr(built, name) for name in _state_fields(type(self))})


def getstate(self: Any) -> dict[str, Any]:
    """The validated fields, without the cache."""
    return {name: getattr(self, name) for name in _state_fields(type(self))}


def setstate(self: Any, state: dict[str, Any]) -> None:
    """Restore the validated fields: no validation runs again."""
    restore(self, state)


def cached(table: Any, key: str, build: Callable[[], T]) -> T:
    """The table's cached value under ``key``, built on first use."""
    store: dict[str, Any] = getattr(table, CACHE)
    if key not in store:
        store[key] = build()
    value: T = store[key]
    return value
