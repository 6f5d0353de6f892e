"""Loaders of the embedded world-share and long-run datasets.

Each loader reads one dataset built by :mod:`pflab.data.world_build` once per process
and returns a fresh copy, with its :class:`~pflab.provenance.Source` from the sidecar.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from pflab.data.embedded import read_embedded, read_sidecar
from pflab.data.maddison import MADDISON_VINTAGES, MaddisonData
from pflab.data.wdi import WDIIndicator
from pflab.errors import ParameterError
from pflab.provenance import Source

__all__ = ["load_maddison", "load_mva", "load_wto_exports", "normal_vintage"]


def load_mva() -> WDIIndicator:
    """World Bank WDI manufacturing value added, current US$ (``NV.IND.MANF.CD``).

    Every economy and aggregate, 1960–2021, as staged (values ≥ 1e11 at three
    significant digits, marked ``rounded``).
    """
    meta = read_sidecar("wdi_mva")
    rounded = meta.get("rounded", {})
    return WDIIndicator(
        code=str(meta["indicator"]),
        name=str(meta["dataset"]).split(": ", 1)[-1],
        frame=_frame("wdi_mva").copy(),
        rounded_digits=rounded.get("digits"),
        last_updated="",
        source=Source.from_dict(meta["source"]),
    )


def load_wto_exports() -> tuple[pd.DataFrame, Source]:
    """WTO merchandise exports by product group (US$ million) and their source."""
    meta = read_sidecar("wto_exports")
    return _frame("wto_exports").copy(), Source.from_dict(meta["source"])


def normal_vintage(vintage: str | int) -> str:
    """``"2020"``/``2020``/``"mpd2020"`` → ``"2020"``; an unknown vintage is an error."""
    text = str(vintage).strip().lower().removeprefix("mpd")
    if text not in MADDISON_VINTAGES:
        raise ParameterError(
            "vintage",
            f"{vintage!r}: the embedded Maddison vintages are {', '.join(MADDISON_VINTAGES)}",
        )
    return text


def load_maddison(vintage: str | int = "2020") -> MaddisonData:
    """One embedded Maddison Project Database vintage with its per-country sources.

    Parameters
    ----------
    vintage
        ``"2020"`` (default; 169 economies to 2018) or ``"2023"`` (to 2022).
    """
    found = normal_vintage(vintage)
    meta = read_sidecar(f"maddison_{found}")
    sources = _frame("maddison_sources")
    sources = sources[sources["vintage"] == found].drop(columns="vintage")
    return MaddisonData(
        vintage=found,
        frame=_frame(f"maddison_{found}").copy(),
        sources=sources.reset_index(drop=True),
        general=tuple(meta.get("general_sources", ())),
        source=Source.from_dict(meta["source"]),
    )


@cache
def _frame(stem: str) -> pd.DataFrame:
    return read_embedded(stem)
