"""Eras: named spans of years over which growth is averaged.

An era ``1979–2007`` averages the annual log growth of the intervals ``1978→1979``
through ``2006→2007``, i.e. the growth *into* each year of the span. Consecutive eras
``1978–2007`` and ``2008–2017`` therefore share no interval.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pflab.errors import ParameterError

__all__ = ["DEFAULT_ERAS", "Era", "parse_eras"]


@dataclass(frozen=True, order=True)
class Era:
    """A span of growth years; ``end=None`` runs to the latest year with data.

    Parameters
    ----------
    start
        First year whose growth (from the year before) counts.
    end
        Last year whose growth counts, or ``None`` for "latest".
    """

    start: int
    end: int | None = None

    def __post_init__(self) -> None:
        if not 1800 <= self.start <= 2200:
            raise ParameterError("eras", f"year {self.start} is outside 1800–2200")
        if self.end is not None and self.end < self.start:
            raise ParameterError("eras", f"era {self.start}-{self.end} ends before it starts")

    @property
    def label(self) -> str:
        """``"1979–2007"`` or ``"2018–latest"``."""
        return f"{self.start}–{'latest' if self.end is None else self.end}"

    def contains(self, year: int) -> bool:
        """Whether the growth into ``year`` belongs to this era."""
        return self.start <= year and (self.end is None or year <= self.end)


#: The default eras: planned economy, reform to the crisis, the decade after, recent.
DEFAULT_ERAS: tuple[Era, ...] = (Era(1952, 1977), Era(1978, 2007), Era(2008, 2017), Era(2018))

_ERA = re.compile(r"^\s*(\d{4})\s*(?:[-–—:]|to|\.\.)\s*(\d{4}|latest|now|)\s*$", re.IGNORECASE)


def parse_eras(spec: str | Era | Iterable[str | Era | tuple[int, int | None]] | None) -> list[Era]:
    """Parse eras from text like ``"1979-2007,2008-2017,2018-latest"``.

    Parameters
    ----------
    spec
        Comma-separated ``START-END`` pairs (``END`` may be ``latest`` or empty), a
        single :class:`Era`, or an iterable of eras, strings or ``(start, end)`` pairs.
        ``None`` gives :data:`DEFAULT_ERAS`.

    Raises
    ------
    pflab.errors.ParameterError
        Naming the piece that is not an era.
    """
    if spec is None:
        return list(DEFAULT_ERAS)
    if isinstance(spec, Era):
        return [spec]
    items: Sequence[str | Era | tuple[int, int | None]]
    items = [p for p in spec.split(",") if p.strip()] if isinstance(spec, str) else list(spec)
    if not items:
        raise ParameterError("eras", "no era given; expected e.g. '1979-2007,2008-2017'")
    eras: list[Era] = []
    for item in items:
        if isinstance(item, Era):
            eras.append(item)
        elif isinstance(item, tuple):
            eras.append(Era(int(item[0]), None if item[1] is None else int(item[1])))
        else:
            match = _ERA.match(str(item))
            if match is None:
                raise ParameterError(
                    "eras",
                    f"{str(item).strip()!r} is not an era; expected START-END such as "
                    "'1979-2007' or '2018-latest'",
                )
            start, end = match.groups()
            last = None if end.lower() in ("", "latest", "now") else int(end)
            eras.append(Era(int(start), last))
    return eras
