"""Readers for the Maddison Project Database (MPD): GDP per head and population.

Two vintages are kept side by side, because they differ and because the project asks
that the vintage used be cited:

- **MPD 2020** — the official workbook ``mpd2020.xlsx`` (sheets ``Full data``:
  ``countrycode, country, year, gdppc, pop``; ``Sources``: per-country sources);
  169 economies, years 1–2018.
- **MPD 2023** — the same layout in the official ``mpd2023_web.xlsx``, or the R data
  files of the ``MaddisonData`` package (``MaddisonData.rda``: ``ISO, year, gdppc,
  pop``; ``MaddisonSources.rda``: a list of per-country tables ``years, source``);
  years 1–2022.

``gdppc`` is real GDP per head in 2011 international dollars (PPP); ``pop`` is mid-year
population in thousands. Neither vintage interpolates: before 1950 many economies have
values only in benchmark years (China: 1850, 1870, 1887, 1890, 1900, 1911, 1913,
1929–38, none in 1939–49), and the readers keep the gaps as gaps.

**Citation policy** (the workbook's ``Notes`` sheet): the original country sources
must be cited when the data are shown in graphical form or when fewer than 12
countries are used; otherwise the MPD as a whole may be cited. :class:`MaddisonData`
therefore carries the per-country sources.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError, ParameterError
from pflab.provenance import Source

__all__ = [
    "CITATION_POLICY",
    "MADDISON_VINTAGES",
    "MaddisonData",
    "maddison_source",
    "parse_year_span",
    "read_maddison",
    "read_maddison_sources",
    "short_citation",
]

#: The vintages pflab embeds, newest first.
MADDISON_VINTAGES: tuple[str, ...] = ("2023", "2020")

#: The MPD's citation policy, as its workbook states it.
CITATION_POLICY = (
    "MPD citation policy: the original country sources must be cited when the data are "
    "shown in graphical form or when fewer than 12 countries are used; otherwise the "
    "MPD as a whole may be cited."
)

_CITATIONS = {
    "2020": (
        'Bolt, Jutta and Jan Luiten van Zanden (2020), "Maddison style estimates of the '
        'evolution of the world economy. A new 2020 update", Maddison Project Working '
        "Paper WP-15, University of Groningen."
    ),
    "2023": (
        'Bolt, Jutta and Jan Luiten van Zanden (2024), "Maddison style estimates of the '
        'evolution of the world economy: A new 2023 update", Journal of Economic Surveys, '
        "1-41."
    ),
}
_URLS = {
    v: f"https://www.rug.nl/ggdc/historicaldevelopment/maddison/releases/"
    f"maddison-project-database-{v}"
    for v in _CITATIONS
}
_LAST_YEAR = {2018: "2020", 2022: "2023"}

UNITS = {
    "gdppc": "2011 international dollars per person",
    "pop": "thousand persons",
}


@dataclass(frozen=True)
class MaddisonData:
    """One MPD vintage.

    Attributes
    ----------
    vintage
        ``"2020"`` or ``"2023"``.
    frame
        Columns ``economy`` (ISO3), ``country``, ``year`` (int), ``gdppc`` (2011
        international $), ``pop`` (thousands); one row per economy and year; missing
        values are ``NaN`` (a year with population but no GDP estimate).
    sources
        Per-country sources: ``economy``, ``years`` (as the file writes them),
        ``first``, ``last`` (the span parsed from ``years``; ``last`` missing for an
        open span such as ``"2008 -"``), ``source`` (full reference).
    general
        Sources that apply to every country (e.g. the Conference Board's Total Economy
        Database for recent years), as the file states them.
    source
        The vintage's citation.
    """

    vintage: str
    frame: pd.DataFrame
    sources: pd.DataFrame
    general: tuple[str, ...]
    source: Source


def maddison_source(vintage: str, note: str = "") -> Source:
    """The citation record of an MPD vintage."""
    if vintage not in _CITATIONS:
        raise ParameterError(
            "vintage", f"{vintage!r}: the Maddison Project Database vintages are 2020, 2023"
        )
    return Source(
        name="Maddison Project Database",
        version=vintage,
        citation=_CITATIONS[vintage],
        url=_URLS[vintage],
        licence="CC BY 4.0 (the Maddison Project's terms; not stated in the files)",
        note=note,
    )


def parse_year_span(text: str) -> tuple[int | None, int | None]:
    """The first and last year of a source's span as the MPD writes it.

    ``"1800 - 1870"`` → (1800, 1870); ``"1661–1933"`` → (1661, 1933); ``"1"`` → (1, 1);
    ``"2008 -"`` → (2008, None) (open); ``"1820, 1870, 1913, 1950"`` → (1820, 1950);
    ``"1252–1700 (England)"`` → (1252, 1700). Text without a year gives (None, None).
    """
    numbers = [int(n) for n in re.findall(r"\d{1,4}", text)]
    if not numbers:
        return None, None
    if re.search(r"\d\s*[-–—]\s*\d", text):
        return numbers[0], numbers[1]
    if re.search(r"\d\s*[-–—]\s*(\(|$)", text.strip()):
        return numbers[0], None
    return min(numbers), max(numbers)


def short_citation(reference: str) -> str:
    """A short form of a full reference: first author's surname, "et al.", year.

    ``"Wu, Harry X. (2014), “China’s growth …”"`` → ``"Wu (2014)"``;
    ``"Broadberry, S.N., Guan, Hanhui and David Daokui Li (2018), …"`` →
    ``"Broadberry et al. (2018)"``. Without a year: the first 60 characters.
    """
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", reference)
    if year is None:
        head = reference[:60].rsplit(" ", 1)[0] if len(reference) > 60 else reference
        return head.strip(" ,.") + ("…" if len(reference) > 60 else "")
    head = reference[: year.start()]
    surname = re.split(r"[,(]", head.strip(), maxsplit=1)[0].strip()
    several = bool(re.search(r"\band\b|&", head)) or head.count(",") > 2
    if not surname:
        return reference[:60].strip()
    return f"{surname}{' et al.' if several else ''} ({year.group(1)})"


def _sources_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    spans = [parse_year_span(years) for _, years, _ in rows]
    frame = pd.DataFrame(
        {
            "economy": [r[0] for r in rows],
            "years": [r[1] for r in rows],
            "first": pd.array([s[0] for s in spans], dtype="Int64"),
            "last": pd.array([s[1] for s in spans], dtype="Int64"),
            "source": [r[2] for r in rows],
        }
    )
    return frame.astype({"economy": str, "years": str, "source": str})


def _clean(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def _sheet_sources(path: Path) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Per-country and general sources from a workbook's ``Sources`` sheet."""
    sheet = pd.read_excel(path, sheet_name="Sources", header=None, dtype=object)
    rows: list[tuple[str, str, str]] = []
    general: list[str] = []
    economy: str | None = None
    started = False
    prefix = "GDP per head: "
    for raw in sheet.itertuples(index=False, name=None):
        cells = [_clean(c) for c in (*raw, "", "", "")[:3]]
        if not started:
            if cells[0].lower().startswith("iso code"):
                started = True
            elif cells[0] and not cells[1] and not cells[0].lower().startswith("list of"):
                general.append(prefix + cells[0])
            continue
        if re.fullmatch(r"[A-Z]{3}", cells[0]):
            economy = cells[0]
            if cells[2]:
                rows.append((economy, "", cells[2]))
        elif cells[0]:
            economy = None  # a free-text block after the country list (population sources)
            if cells[0].lower() == "population sources":
                prefix = "Population: "
            else:
                general.append(prefix + cells[0])
        elif economy is not None and cells[2]:
            rows.append((economy, cells[1], cells[2]))
    return _sources_frame(rows), tuple(general)


def read_maddison_sources(path: str | Path) -> pd.DataFrame:
    """Per-country sources from ``MaddisonSources.rda`` or a workbook's ``Sources`` sheet.

    Returns
    -------
    pandas.DataFrame
        ``economy``, ``years``, ``first``, ``last``, ``source`` (see :class:`MaddisonData`).

    Raises
    ------
    pflab.errors.DataFormatError
        If the R file holds no named list of tables with ``years`` and ``source``.
    """
    path = Path(path)
    if not path.is_file():
        raise DataNotFoundError(f"{path}: Maddison sources file not found")
    if path.suffix.lower() in (".xlsx", ".xls"):
        return _sheet_sources(path)[0]
    import rdata  # optional dependency: pip install 'pflab[build]'

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Missing constructor for R class tbl_df"
        objects = rdata.read_rda(path)
    listing = next(iter(objects.values()), None) if len(objects) == 1 else None
    if not isinstance(listing, dict):
        raise DataFormatError(
            f"expected one named list of per-country tables, found {list(objects)}", path=path
        )
    rows: list[tuple[str, str, str]] = []
    for code, table in listing.items():
        if not {"years", "source"} <= set(getattr(table, "columns", ())):
            raise DataFormatError(
                f"the table of {code} has no 'years' and 'source' columns", path=path
            )
        for years, text in zip(table["years"], table["source"], strict=True):
            rows.append((str(code), _clean(years), _clean(text)))
    return _sources_frame(rows)


def _check(frame: pd.DataFrame, path: Path) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Validate and sort; a zero (the MPD 2020 workbook's UAE 1991-92) is read as missing."""
    notes: list[str] = []
    year = pd.to_numeric(frame["year"], errors="coerce")
    if year.isna().any() or (year % 1 != 0).any():
        at = int(frame.index[year.isna() | (year % 1 != 0)][0])
        raise DataFormatError(f"year {frame['year'].iloc[at]!r} is not a whole number", path=path)
    frame = frame.assign(year=year.astype("int64"))
    for column in ("gdppc", "pop"):
        values = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        zero = values == 0
        if zero.any():
            cells = ", ".join(
                f"{e} {y}"
                for e, y in zip(frame.loc[zero, "economy"], frame.loc[zero, "year"], strict=True)
            )
            notes.append(f"{column} is 0 for {cells} in the file; read as missing.")
            values = values.mask(zero)
        bad = values < 0
        if bad.any():
            at = frame.index[bad][0]
            raise DataValidationError(
                f"{values[at]} for {frame.loc[at, 'economy']} {frame.loc[at, 'year']}: "
                "expected a positive number (or an empty cell)",
                path=path,
                column=column,
            )
        frame[column] = values
    dup = frame.duplicated(["economy", "year"], keep=False)
    if dup.any():
        at = frame.index[dup][0]
        raise DataValidationError(
            f"{frame.loc[at, 'economy']} {frame.loc[at, 'year']} appears more than once",
            path=path,
        )
    frame = frame.sort_values(["economy", "year"], kind="stable").reset_index(drop=True)
    return frame[["economy", "country", "year", "gdppc", "pop"]], tuple(notes)


def _vintage_of(path: Path, frame: pd.DataFrame, vintage: str | None) -> str:
    if vintage is not None:
        if vintage not in _CITATIONS:
            raise ParameterError("vintage", f"{vintage!r}: expected one of 2020, 2023")
        return vintage
    last = int(frame["year"].max())
    found = _LAST_YEAR.get(last)
    if found is None:
        raise DataFormatError(
            f"cannot tell the MPD vintage from the last year {last} (2018 → 2020, 2022 → "
            "2023); pass vintage=",
            path=path,
        )
    return found


def read_maddison(
    path: str | Path,
    *,
    sources: str | Path | None = None,
    vintage: str | None = None,
    names: dict[str, str] | None = None,
) -> MaddisonData:
    """Read an MPD vintage: an official workbook or the ``MaddisonData`` R data file.

    Parameters
    ----------
    path
        ``mpd2020.xlsx`` / ``mpd2023_web.xlsx`` (sheet ``Full data``), or
        ``MaddisonData.rda`` (needs *pyreadr*).
    sources
        ``MaddisonSources.rda`` for an R data file (a workbook has its own ``Sources``
        sheet).
    vintage
        ``"2020"`` or ``"2023"`` (default: from the last year, 2018 or 2022).
    names
        ISO code → country name, for an R data file (which has codes only).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If a file does not exist.
    pflab.errors.DataFormatError
        If the sheet or columns are missing, or a year is not a whole number.
    pflab.errors.DataValidationError
        If a value is negative or an economy-year appears twice. A zero (the MPD 2020
        workbook has GDP per head 0 for the UAE in 1991-92) is read as missing and named
        in the source note.
    """
    path = Path(path)
    if not path.is_file():
        raise DataNotFoundError(f"{path}: Maddison file not found")
    general: tuple[str, ...] = ()
    if path.suffix.lower() in (".xlsx", ".xls"):
        try:
            data = pd.read_excel(path, sheet_name="Full data")
        except ValueError as exc:
            raise DataFormatError(f"no sheet 'Full data' ({exc})", path=path) from None
        need = {"countrycode", "country", "year", "gdppc", "pop"}
        if not need <= set(data.columns):
            raise DataFormatError(
                f"sheet 'Full data' lacks {sorted(need - set(data.columns))}", path=path
            )
        frame = data.rename(columns={"countrycode": "economy"})
        table, general = _sheet_sources(path)
    elif path.suffix.lower() == ".rda":
        import pyreadr  # optional dependency: pip install 'pflab[build]'

        objects = pyreadr.read_r(str(path))
        found = next(iter(objects.values()), None)
        if found is None or not {"ISO", "year", "gdppc", "pop"} <= set(found.columns):
            raise DataFormatError("expected a data frame with ISO, year, gdppc, pop", path=path)
        frame = found.rename(columns={"ISO": "economy"})
        frame["country"] = [(names or {}).get(str(c), str(c)) for c in frame["economy"]]
        table = read_maddison_sources(sources) if sources is not None else _sources_frame([])
    else:
        raise DataFormatError("expected an .xlsx workbook or an .rda R data file", path=path)
    frame = frame.astype({"economy": str, "country": str})
    frame, notes = _check(frame[["economy", "country", "year", "gdppc", "pop"]].copy(), path)
    detected = _vintage_of(path, frame, vintage)
    return MaddisonData(
        vintage=detected,
        frame=frame,
        sources=table,
        general=general,
        source=maddison_source(detected, " ".join(notes)),
    )
