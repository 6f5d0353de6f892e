"""The scalar types of the registry schema, with their validators.

Partial ISO dates (``"1861"``, ``"2023-09"``, ``"2024-01-29"``) and their bounds; ids
and source keys; ISIC Rev.4 codes (divisions, or groups and classes listed in
``isic_detail.csv``); Chinese text in simplified characters; and list items that must be
whole phrases (:func:`split_phrase`). :mod:`pflab.policy.schema` builds the models from
these.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field

from pflab.data.isic import is_isic_code
from pflab.policy.hanzi import to_simplified, traditional_characters
from pflab.policy.isic_detail import is_listed_detail_code

__all__ = [
    "Chinese",
    "Id",
    "IsicCode",
    "ListItem",
    "PartialDate",
    "SourceKey",
    "Text",
    "coerce_date",
    "date_bounds",
    "split_phrase",
]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# ---------------------------------------------------------------------------------------
# scalar types


def coerce_date(value: Any) -> Any:
    if isinstance(value, dt.date):  # YAML reads 2015-05-19 as a date
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def date_bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last calendar day a partial date can mean.

    ``"2006"`` → (2006-01-01, 2006-12-31); ``"2023-09"`` → (2023-09-01, 2023-09-30).

    Raises
    ------
    ValueError
        If ``text`` is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` or names no real day.
    """
    match = _DATE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        first = dt.date(year, month, 1)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    day_ = dt.date(year, month, day)
    return day_, day_


def _check_date(text: str) -> str:
    date_bounds(text)
    return text


def _check_id(text: str) -> str:
    if not _ID.match(text):
        raise ValueError(f"{text!r} is not an id; expected lowercase snake case like 'mic2025'")
    return text


def _check_key(text: str) -> str:
    if not _KEY.match(text):
        raise ValueError(f"{text!r} is not a source key; expected letters, digits, - _ .")
    return text


def _check_isic(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(
            f'ISIC code {value} was read as a number; quote it in the file, e.g. "{value:02d}"'
        )
    return value


def _valid_isic(code: str) -> str:
    if not is_isic_code(code) or code.isalpha():
        raise ValueError(f"{code!r} is not an ISIC Rev.4 division, group or class")
    if len(code) > 2 and not is_listed_detail_code(code):
        raise ValueError(
            f"{code!r} is not in pflab's list of ISIC Rev.4 groups and classes "
            "(pflab/policy/isic_detail.csv); use the division or add the code with its title"
        )
    return code


def _simplified(text: str) -> str:
    found = traditional_characters(text)
    if found:
        raise ValueError(
            f"{text!r} has traditional characters {''.join(found)}; write it in simplified "
            f"characters ({to_simplified(text)!r})"
        )
    return text


_CONJUNCTIONS_EN = ("and", "or", "but", "with", "&")
_CONJUNCTIONS_ZH = ("和", "与", "及", "或")


def split_phrase(text: str) -> str | None:
    """Why ``text`` looks like a phrase split at a comma, or ``None`` if it looks whole.

    A list item is suspect when its parentheses do not balance (``"under Xi (essay"``,
    ``"not independently verified)"``) or when it starts or ends with a conjunction
    (``"and Zuo Zongtang"``, ``"Li Hongzhang and"``, ``"及配套"``).
    """
    depth = 0
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth -= 1
            if depth < 0:
                return "closes a parenthesis it never opened"
    if depth > 0:
        return "opens a parenthesis it never closes"
    words = text.casefold().split()
    for conj in _CONJUNCTIONS_EN:
        if words and conj in (words[0], words[-1]):
            return f"starts or ends with the conjunction {conj!r}"
    for conj in _CONJUNCTIONS_ZH:
        if text.startswith(conj) or text.endswith(conj):
            return f"starts or ends with the conjunction {conj!r}"
    return None


def _whole_phrase(text: str) -> str:
    why = split_phrase(text)
    if why:
        raise ValueError(
            f"list item {text!r} {why}: a phrase split at a comma? Quote the whole item "
            'in the file ("A, B and C") or reword it'
        )
    return text


PartialDate = Annotated[str, BeforeValidator(coerce_date), AfterValidator(_check_date)]
Id = Annotated[str, AfterValidator(_check_id)]
SourceKey = Annotated[str, AfterValidator(_check_key)]
IsicCode = Annotated[str, BeforeValidator(_check_isic), AfterValidator(_valid_isic)]
Chinese = Annotated[str, Field(min_length=1), AfterValidator(_simplified)]
Text = Annotated[str, Field(min_length=1)]
#: A list item that must be a whole phrase (see :func:`split_phrase`).
ListItem = Annotated[str, Field(min_length=1), AfterValidator(_whole_phrase)]
