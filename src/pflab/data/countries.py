"""Economy lookup by ISO code, name or common alias, case-insensitively.

``"China"``, ``"chn"``, ``"PRC"`` and ``"中国"`` all resolve to ``"CHN"``. An unknown name
raises :class:`pflab.errors.LookupFailedError` listing the closest known names.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping

from pflab.errors import LookupFailedError

__all__ = ["ALIASES", "resolve_country"]

#: Common names that differ from the PWT country names, mapped to ISO codes.
ALIASES: dict[str, str] = {
    "prc": "CHN",
    "people's republic of china": "CHN",
    "peoples republic of china": "CHN",
    "mainland china": "CHN",
    "中国": "CHN",
    "中华人民共和国": "CHN",
    "us": "USA",
    "u.s.": "USA",
    "america": "USA",
    "united states of america": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "south korea": "KOR",
    "korea": "KOR",
    "republic of korea": "KOR",
    "russia": "RUS",
    "taiwan": "TWN",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "iran": "IRN",
    "laos": "LAO",
    "syria": "SYR",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "czechia": "CZE",
    "czech republic": "CZE",
    "turkey": "TUR",
    "türkiye": "TUR",
    "hong kong": "HKG",
    "macau": "MAC",
    "macao": "MAC",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "holland": "NLD",
    "the netherlands": "NLD",
    "uae": "ARE",
}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    return " ".join(text.split())


def resolve_country(name: str, economies: Mapping[str, str]) -> str:
    """Return the ISO code for ``name`` among ``economies``.

    Parameters
    ----------
    name
        An ISO 3166-1 alpha-3 code, a country name or an alias, in any case.
    economies
        ISO code → country name of the economies available.

    Returns
    -------
    str
        The ISO code.

    Raises
    ------
    pflab.errors.LookupFailedError
        If nothing matches; up to five closest names are suggested.
    """
    key = _key(name)
    by_code = {_key(code): code for code in economies}
    if key in by_code:
        return by_code[key]
    by_name = {_key(full): code for code, full in economies.items()}
    if key in by_name:
        return by_name[key]
    alias = ALIASES.get(key)
    if alias is not None and alias in economies:
        return alias
    labels = {f"{full} ({code})": code for code, full in economies.items()}
    keys = {
        **{_key(lbl.rsplit(" (", 1)[0]): lbl for lbl in labels},
        **{_key(code): f"{full} ({code})" for code, full in economies.items()},
    }
    close = difflib.get_close_matches(key, list(keys), n=5, cutoff=0.5)
    containing = [lbl for k, lbl in keys.items() if key and len(key) > 2 and key in k]
    suggestions = list(dict.fromkeys([*(keys[c] for c in close), *containing]))[:5]
    raise LookupFailedError("economy", name, suggestions)
