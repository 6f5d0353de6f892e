"""Builders of the embedded world-share and long-run datasets (``python -m pflab.build``).

- ``wdi_mva``: World Bank WDI manufacturing value added, current US$ (``NV.IND.MANF.CD``),
  every economy and aggregate, 1960–2021, with the ``rounded`` mark of the staged
  re-save (values ≥ 1e11 at three significant digits).
- ``wto_exports``: WTO merchandise exports by 13 product groups, US$ million, 1990,
  1995, 2000, 2005, 2010, 2015, 2018.
- ``maddison_2020``, ``maddison_2023``: Maddison Project Database GDP per head and
  population; ``maddison_sources``: the per-country sources of both vintages.

Every value is copied as read (no rounding, no interpolation); the sidecars carry the
citation, the raw file's SHA-256 and what the reader found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pflab.data.embedded import file_digest, write_dataset
from pflab.data.maddison import CITATION_POLICY, read_maddison
from pflab.data.wdi import ROUNDED_FROM, read_wdi_csv
from pflab.data.wto import PRODUCTS, read_wto_csv, wto_source
from pflab.errors import DataNotFoundError

__all__ = ["MADDISON_RAW", "MVA_RAW", "WTO_RAW", "build_maddison", "build_wdi", "build_wto"]

MVA_RAW = "wdi/API_NV.IND.MANF.CD_DS2_en_csv_v2_5363423.csv"
WTO_RAW = "wto/WtoData_20200510015454.csv"
#: Raw files of each Maddison vintage (data file first).
MADDISON_RAW: dict[str, tuple[str, ...]] = {
    "2020": ("maddison/mpd2020.xlsx",),
    "2023": ("maddison/MaddisonData_2023.rda", "maddison/MaddisonSources_2023.rda"),
}


def _raw(raw: Path, relative: str, what: str) -> Path:
    path = raw / relative
    if not path.is_file():
        raise DataNotFoundError(f"{path}: raw {what} file not found (see SOURCES.md)")
    return path


def build_wdi(raw: Path, out: Path) -> list[Path]:
    """Build ``wdi_mva`` from the WDI manufacturing value-added file."""
    path = _raw(raw, MVA_RAW, "WDI manufacturing value added")
    data = read_wdi_csv(path)
    frame = data.frame
    meta = {
        "dataset": f"World Bank WDI {data.code}: {data.name}",
        "indicator": data.code,
        "unit": "current US$",
        "source": data.source.to_dict(),
        "raw": file_digest(path),
        "raw_path": f"../shared/data/{MVA_RAW}",
        "built_by": "python -m pflab.build --only wdi_mva",
        "rows": len(frame),
        "economies": int(frame.loc[~frame["aggregate"], "economy"].nunique()),
        "aggregates": int(frame.loc[frame["aggregate"], "economy"].nunique()),
        "years": [int(frame["year"].min()), int(frame["year"].max())],
        "rounded": {
            "digits": data.rounded_digits,
            "from": ROUNDED_FROM,
            "values": int(frame["rounded"].sum()),
        },
    }
    return [write_dataset(out, "wdi_mva", frame, meta)]


def build_wto(raw: Path, out: Path) -> list[Path]:
    """Build ``wto_exports`` from the WTO Stats export."""
    path = _raw(raw, WTO_RAW, "WTO merchandise exports")
    frame = read_wto_csv(path)
    unknown = sorted(set(frame["product"]) - set(PRODUCTS))
    if unknown:
        raise DataNotFoundError(f"{path}: product groups {unknown} are not in pflab's list")
    flags = frame["flag"].value_counts().to_dict()
    meta = {
        "dataset": "WTO merchandise exports by product group (ITS_MTV_AX), partner World",
        "unit": "million current US$",
        "source": wto_source().to_dict(),
        "raw": file_digest(path),
        "raw_path": f"../shared/data/{WTO_RAW}",
        "built_by": "python -m pflab.build --only wto",
        "rows": len(frame),
        "reporters": int(frame["economy"].nunique()),
        "years": sorted(int(y) for y in frame["year"].unique()),
        "products": PRODUCTS,
        "flags": {"E": int(flags.get("E", 0)), "B": int(flags.get("B", 0))},
    }
    return [write_dataset(out, "wto_exports", frame, meta)]


def build_maddison(raw: Path, out: Path) -> list[Path]:
    """Build ``maddison_2020``, ``maddison_2023`` and ``maddison_sources``."""
    book = _raw(raw, MADDISON_RAW["2020"][0], "Maddison 2020")
    mpd2020 = read_maddison(book)
    names = dict(zip(mpd2020.frame["economy"], mpd2020.frame["country"], strict=True))
    data_path, sources_path = MADDISON_RAW["2023"]
    mpd2023 = read_maddison(
        _raw(raw, data_path, "Maddison 2023"),
        sources=_raw(raw, sources_path, "Maddison 2023 sources"),
        vintage="2023",
        names=names,
    )
    written: list[Path] = []
    general: dict[str, list[str]] = {}
    for data in (mpd2020, mpd2023):
        relative = MADDISON_RAW[data.vintage]
        files = [raw / r for r in relative]
        general[data.vintage] = list(data.general)
        frame = data.frame
        meta = {
            "dataset": f"Maddison Project Database {data.vintage}",
            "source": data.source.to_dict(),
            "raw": [file_digest(f) for f in files],
            "raw_path": [f"../shared/data/{r}" for r in relative],
            "built_by": "python -m pflab.build --only maddison",
            "rows": len(frame),
            "economies": int(frame["economy"].nunique()),
            "years": [int(frame["year"].min()), int(frame["year"].max())],
            "units": {"gdppc": "2011 international dollars per person", "pop": "thousands"},
            "general_sources": list(data.general),
            "citation_policy": CITATION_POLICY,
        }
        if data.vintage == "2023":
            meta["names_from"] = "country names of the MPD 2020 workbook (the R file has codes)"
        written.append(write_dataset(out, f"maddison_{data.vintage}", frame, meta))
    sources = pd.concat(
        [d.sources.assign(vintage=d.vintage) for d in (mpd2020, mpd2023)], ignore_index=True
    )[["vintage", "economy", "years", "first", "last", "source"]]
    meta = {
        "dataset": "Maddison Project Database: per-country sources of GDP per head",
        "source": mpd2023.source.to_dict(),
        "from": {
            "2020": "sheet 'Sources' of mpd2020.xlsx",
            "2023": "MaddisonSources_2023.rda (R package MaddisonData)",
        },
        "general_sources": general,
        "built_by": "python -m pflab.build --only maddison",
        "rows": len(sources),
        "citation_policy": CITATION_POLICY,
    }
    written.append(write_dataset(out, "maddison_sources", sources, meta))
    return written
