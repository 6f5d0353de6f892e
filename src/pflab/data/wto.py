"""Reader for WTO Stats exports of merchandise trade by product group.

The WTO statistics portal (https://stats.wto.org) exports a long CSV with one row per
reporting economy, partner, product group and year, and the columns ``Indicator Code``,
``Reporting Economy Code`` (numeric), ``Reporting Economy ISO3A Code``,
``Reporting Economy``, ``Partner Economy``, ``Product/Sector Code``,
``Product/Sector``, ``Unit``, ``Year``, ``Value Flag Code`` and ``Value``. Older exports
are Latin-1, newer ones UTF-8; :func:`read_wto_csv` reads either.

The file staged for pflab holds indicator ``ITS_MTV_AX`` (merchandise exports by
product group, partner World, SITC Rev.3 aggregates, US$ million) for 1990, 1995, 2000,
2005, 2010, 2015 and 2018 only, the 13 product groups of :data:`PRODUCTS`.

Economy codes: the ISO3A code where there is one; ``WLD`` for World; ``TWN`` for
Chinese Taipei (WTO's own code ``CHT``); ``WTO<n>`` (the numeric WTO code) for former
economies without an ISO3A code (e.g. ``WTO280``, Germany, Federal Republic of).
Hong Kong, China (``HKG``) and Macao, China (``MAC``) are separate reporters: their
exports, re-exports included, are not in China's figure.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from pflab.data.text import read_text
from pflab.errors import DataFormatError, DataNotFoundError, DataValidationError
from pflab.provenance import Source

__all__ = ["PRODUCTS", "WTO_CODE_MAP", "read_wto_csv", "wto_source"]

#: SITC Rev.3 product groups of the WTO's merchandise statistics, code → name.
PRODUCTS: dict[str, str] = {
    "MA": "Manufactures",
    "MACH": "Chemicals",
    "MACHPH": "Pharmaceuticals",
    "MAIS": "Iron and steel",
    "MAMT": "Machinery and transport equipment",
    "MAMTAU": "Automotive products",
    "MAMTOF": "Office and telecom equipment",
    "MAMTOTEP": "Electronic data processing and office equipment",
    "MAMTOTIC": "Integrated circuits and electronic components",
    "MAMTOTTL": "Telecommunications equipment",
    "MAMTTE": "Transport equipment",
    "MATE": "Textiles",
    "MACL": "Clothing",
}

#: WTO reporter codes that differ from the ISO code pflab uses.
WTO_CODE_MAP: dict[str, str] = {"CHT": "TWN"}

_COLUMNS = {
    "Indicator Code": "indicator",
    "Reporting Economy Code": "wto_code",
    "Reporting Economy ISO3A Code": "iso",
    "Reporting Economy": "country",
    "Partner Economy": "partner",
    "Product/Sector Code": "product",
    "Product/Sector": "product_name",
    "Unit": "unit",
    "Year": "year",
    "Value": "value",
}
_OPTIONAL = {"Value Flag Code": "flag"}

WTO_CITATION = (
    "World Trade Organization, WTO Stats (stats.wto.org), merchandise exports by product "
    "group, indicator ITS_MTV_AX, partner World, SITC Rev.3 aggregates, extracted "
    "2020-05-10."
)


def wto_source(extracted: str = "2020-05-10", note: str = "") -> Source:
    """The citation record of the WTO merchandise exports by product group."""
    return Source(
        name="WTO Stats: merchandise exports by product group (ITS_MTV_AX)",
        version=f"extracted {extracted}",
        citation=WTO_CITATION.replace("2020-05-10", extracted),
        url="https://stats.wto.org",
        licence="unknown (WTO terms of use; no licence file with the copy)",
        note=note,
    )


def _economy_code(iso: str, wto_code: str, country: str) -> str:
    if country == "World" or wto_code.strip() in ("0", "000"):
        return "WLD"
    if iso:
        return WTO_CODE_MAP.get(iso, iso)
    return f"WTO{int(wto_code)}" if wto_code.strip().isdigit() else f"WTO:{country}"


def read_wto_csv(path: str | Path) -> pd.DataFrame:
    """Read a WTO Stats CSV of merchandise exports by product group into a tidy frame.

    Parameters
    ----------
    path
        The CSV exported from the WTO statistics portal (Latin-1 or UTF-8).

    Returns
    -------
    pandas.DataFrame
        Columns ``economy`` (see the module docstring), ``country``, ``wto_code``,
        ``product``, ``product_name``, ``year`` (int), ``value`` (US$ million),
        ``flag`` (``"E"`` estimate, ``"B"`` break in series, ``""`` none). Only rows
        with partner World are kept; rows without a value are dropped.

    Raises
    ------
    pflab.errors.DataNotFoundError
        If the file does not exist.
    pflab.errors.DataFormatError
        If a required column is missing, the unit is not US$ million, or a value or
        year is not a number.
    pflab.errors.DataValidationError
        If an economy, product and year appear twice, or no row has partner World.
    """
    path = Path(path)
    if not path.is_file():
        raise DataNotFoundError(f"{path}: WTO file not found")
    frame = pd.read_csv(io.StringIO(read_text(path)), dtype=str, keep_default_na=False)
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise DataFormatError(
            f"missing column(s) {missing}; expected a WTO Stats export with {list(_COLUMNS)}",
            path=path,
        )
    frame = frame.rename(columns={**_COLUMNS, **_OPTIONAL})
    if "flag" not in frame.columns:
        frame["flag"] = ""
    units = sorted(set(frame["unit"]))
    if units != ["Million US dollar"]:
        raise DataFormatError(
            f"unit {units}; expected 'Million US dollar' only", path=path, column="Unit"
        )
    world = frame["partner"] == "World"
    if not world.any():
        raise DataValidationError(
            "no row has partner World; pflab reads exports to the world",
            path=path,
            column="Partner Economy",
        )
    frame = frame[world & (frame["value"].str.strip() != "")].copy()
    for column in ("value", "year"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        if numbers.isna().any():
            at = frame.index[numbers.isna()][0]
            raise DataFormatError(
                f"{frame.loc[at, column]!r} is not a number",
                path=path,
                row=int(at) + 2,
                column=column.title(),
            )
        frame[column] = numbers
    frame["economy"] = [
        _economy_code(iso, code, name)
        for iso, code, name in zip(frame["iso"], frame["wto_code"], frame["country"], strict=True)
    ]
    key = ["economy", "product", "year"]
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        at = frame.index[dup][0]
        row = frame.loc[at]
        raise DataValidationError(
            f"{row['country']} / {row['product']} / {int(row['year'])} appears more than once",
            path=path,
            row=int(at) + 2,
        )
    out = frame[["economy", "country", "wto_code", "product", "product_name", "year", "value"]]
    out = out.assign(
        wto_code=out["wto_code"].str.strip(),
        year=out["year"].astype("int64"),
        value=out["value"].astype("float64"),
        flag=frame["flag"].fillna("").astype(str),
    )
    return out.sort_values(key, kind="stable").reset_index(drop=True)
