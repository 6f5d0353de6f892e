"""Provenance: where a number came from.

Every dataset pflab loads carries one or more :class:`Source` records, and every result
carries a :class:`Provenance` naming its sources, the method and its parameters, so that
a table printed today can be traced and reproduced.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from pflab._version import __version__

__all__ = ["Provenance", "Source"]


@dataclass(frozen=True)
class Source:
    """A cited data source.

    Parameters
    ----------
    name
        Short name, e.g. ``"Penn World Table"``.
    version
        The vintage or edition, e.g. ``"11.0"``.
    citation
        The citation the publisher asks for.
    url
        Where a user downloads the official file, or its DOI.
    licence
        The licence as far as it is known (say "unknown" rather than guess).
    note
        Caveats a reader of any result built on it must know.
    """

    name: str
    version: str
    citation: str
    url: str = ""
    licence: str = "unknown"
    note: str = ""

    @property
    def label(self) -> str:
        """Name and version, e.g. ``"Penn World Table 11.0"``."""
        return f"{self.name} {self.version}".strip()

    def to_dict(self) -> dict[str, str]:
        """Return the record as a plain dictionary."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        """Build a record from :meth:`to_dict` output (unknown keys are ignored)."""
        known = {f: str(data[f]) for f in cls.__dataclass_fields__ if f in data}
        return cls(**known)


@dataclass(frozen=True)
class Provenance:
    """The method, parameters and data sources that produced a result.

    Parameters
    ----------
    method
        The method's name, e.g. ``"pwt"``.
    sources
        The data sources the result was computed from.
    parameters
        Every setting that changes the numbers.
    description
        One sentence a reader understands without the code.
    """

    method: str
    sources: tuple[Source, ...] = ()
    parameters: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dictionary."""
        return {
            "method": self.method,
            "description": self.description,
            "parameters": dict(self.parameters),
            "sources": [s.to_dict() for s in self.sources],
            "pflab_version": __version__,
        }

    def to_json(self) -> str:
        """Return :meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, default=str)

    def citation_lines(self) -> list[str]:
        """One line per source: label and citation."""
        return [f"{s.label}: {s.citation}" for s in self.sources]
