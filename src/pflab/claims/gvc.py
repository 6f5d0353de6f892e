"""Value added in trade for the claims: foreign content of exports, absorption abroad.

Reads :func:`pflab.gvc.localisation` on the embedded world input–output tables (WIOD 2013
release, 1995–2011) where ``pflab.gvc`` is installed:

- ``sector_fva_share`` — foreign value added in a sector's gross exports (default ``c14``,
  electrical and optical equipment), percent: how far the chain is from localised;
- ``manufacturing_abroad_share`` — the share of the economy's manufacturing value added
  absorbed by final demand abroad, percent: export dependence in value added.

Without ``pflab.gvc`` the measurement is "not measurable yet", with the reason.
"""

from __future__ import annotations

import importlib.util
from typing import Literal

from pflab.claims.base import Context, Measurement, Params

__all__ = ["GVCParams", "gvc_available", "gvc_indicator"]

_WHAT = {
    "sector_fva_share": "foreign value added in the sector's gross exports",
    "manufacturing_abroad_share": "manufacturing value added absorbed by final demand abroad",
}


#: Economies shown beside the one measured by the reproducing command.
_PEERS = ("CHN", "JPN", "KOR", "TWN", "DEU", "USA")


class GVCParams(Params):
    """One indicator of :func:`pflab.gvc.localisation` for one economy and year."""

    indicator: Literal["sector_fva_share", "manufacturing_abroad_share"]
    economy: str = "CHN"
    year: int = 2011
    sector: str = "c14"


def gvc_available() -> bool:
    """Whether the value-added-in-trade decompositions (``pflab.gvc``) are installed."""
    return importlib.util.find_spec("pflab.gvc") is not None


def gvc_indicator(params: GVCParams, context: Context) -> list[Measurement]:
    """A value-added-in-trade indicator of one economy in one year (percent)."""
    source = f"WIOD 2013 world IO table {params.year}"
    peers = ",".join(p for p in _PEERS if p != params.economy.upper())
    command = (
        f"pflab gvc {params.economy} --years {params.year} --compare {peers} "
        f"--sector {params.sector}"
    )
    if not gvc_available():
        return [
            Measurement.missing(
                "WIOD 2013 world IO tables",
                "needs the value-added-in-trade decompositions on world tables (pflab.gvc), "
                "which this installation does not have yet",
                period=str(params.year),
                unit="%",
            )
        ]
    localisation = importlib.import_module("pflab.gvc").localisation
    key = ("gvc", params.economy, params.year, params.sector)
    result = context.cached(
        key, lambda: localisation([params.economy], years=[params.year], sector=params.sector)
    )
    rows = result.economies
    row = rows[rows["year"] == params.year].iloc[0]
    value = float(row[params.indicator])
    notes = [
        f"{_WHAT[params.indicator].capitalize()} ({params.sector} = electrical and optical "
        "equipment in WIOD's 35 industries)"
        if params.indicator == "sector_fva_share"
        else f"{_WHAT[params.indicator].capitalize()}.",
        "Shares of value added, not of gross output; the WIOD 2013 tables end in 2011.",
    ]
    return [
        Measurement(
            source=source,
            period=str(params.year),
            value=value,
            unit="%",
            shown=f"{value:.1f} %",
            notes=tuple(notes),
            command=command,
            sources=result.provenance.sources,
        )
    ]
