"""Year selections: ``"2000-2021"``, ``"2010"``, ``"2000,2010,2018"``, ``"2000-"``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pflab.errors import ParameterError

__all__ = ["YearSpec", "format_spans", "parse_years", "spans"]

#: What a caller may pass as years: text, one year, (first, last), or a list of years.
YearSpec = str | int | tuple[int | None, int | None] | Sequence[int] | None

_RANGE = re.compile(r"^\s*(\d{1,4})?\s*[-–—]\s*(\d{1,4})?\s*$")


def _pieces(spec: YearSpec, parameter: str) -> list[tuple[int | None, int | None]]:
    if spec is None:
        return [(None, None)]
    if isinstance(spec, bool):
        raise ParameterError(parameter, f"{spec!r} is not a year")
    if isinstance(spec, int):
        return [(spec, spec)]
    if isinstance(spec, tuple) and len(spec) == 2 and not isinstance(spec, str):
        first, last = spec
        return [(first, last)]
    if isinstance(spec, str):
        pieces: list[tuple[int | None, int | None]] = []
        for part in spec.split(","):
            text = part.strip()
            if text.isdigit():
                pieces.append((int(text), int(text)))
                continue
            match = _RANGE.match(text)
            if match is None or not any(match.groups()):
                raise ParameterError(
                    parameter,
                    f"{part!r} is not a year or range; expected e.g. 2010, 2000-2021, 2000-, "
                    "or a comma-separated list",
                )
            a, b = match.groups()
            pieces.append((int(a) if a else None, int(b) if b else None))
        return pieces
    return [(int(y), int(y)) for y in spec]


def parse_years(spec: YearSpec, available: Iterable[int], parameter: str = "years") -> list[int]:
    """The years of ``available`` that ``spec`` selects, sorted.

    Parameters
    ----------
    spec
        ``None`` (all), a year, ``(first, last)`` (either may be ``None``: open), a
        list of years, or text: ``"2010"``, ``"2000-2021"``, ``"2000-"``, ``"-1950"``,
        ``"1990,2000-2005"``.
    available
        The years the data have.
    parameter
        The parameter to blame in errors.

    Raises
    ------
    pflab.errors.ParameterError
        If a range ends before it starts, a single year is not in the data, or nothing
        is selected; the message lists the years the data have.
    """
    have = sorted(set(int(y) for y in available))
    if not have:
        raise ParameterError(parameter, "the data have no years")
    listed = format_spans(have)
    chosen: set[int] = set()
    for first, last in _pieces(spec, parameter):
        if first is not None and last is not None and last < first:
            raise ParameterError(parameter, f"{first}-{last} ends before it starts")
        if first is not None and first == last and first not in have:
            raise ParameterError(parameter, f"{first} is not in the data; it has {listed}")
        lo = have[0] if first is None else first
        hi = have[-1] if last is None else last
        chosen.update(y for y in have if lo <= y <= hi)
    if not chosen:
        raise ParameterError(parameter, f"{spec!r} selects no year; the data have {listed}")
    return sorted(chosen)


def spans(years: Iterable[int]) -> list[tuple[int, int]]:
    """Runs of consecutive years: [1929, 1930, 1931, 1950] → [(1929, 1931), (1950, 1950)]."""
    out: list[tuple[int, int]] = []
    for year in sorted(set(int(y) for y in years)):
        if out and year == out[-1][1] + 1:
            out[-1] = (out[-1][0], year)
        else:
            out.append((year, year))
    return out


def format_spans(years: Iterable[int], limit: int = 12) -> str:
    """``"1850, 1870, 1929–1938"``; past ``limit`` runs, the first and last few."""
    runs = [f"{a}" if a == b else f"{a}–{b}" for a, b in spans(years)]
    if len(runs) > limit:
        keep = limit // 2
        runs = [*runs[:keep], f"… ({len(runs) - 2 * keep} more runs) …", *runs[-keep:]]
    return ", ".join(runs)
