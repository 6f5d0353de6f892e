"""Aggregate TFP growth series that the sensitivity band compares.

The sensitivity band (:func:`pflab.accounting.sensitivity`) is built from a list of
:class:`TFPSeries`: annual TFP growth of one economy from one data series ("vintage")
and one method. Where the series comes from does not matter to the band, so a series
that publishes TFP only, without the growth of GDP, capital and labour behind it, joins
on equal terms.

**Extension point.** :data:`TFP_SERIES` maps a vintage key to a provider, a function
``provider(economy, methods) -> list[TFPSeries]``:

- the embedded PWT vintages, ``"11.0"`` and ``"10.01"``, run growth accounting with
  every method asked for (:func:`pwt_provider`);
- a TFP-only series (e.g. CIP 4.0's aggregate TFP as ``"cip4"``) ignores ``methods``
  and returns one :class:`TFPSeries` with its own method name.

A provider returns an empty list, or raises :class:`pflab.errors.LookupFailedError`,
when its series does not cover the economy; ``sensitivity`` then lists the series as not
compared (and re-raises only for the first series, where an unknown name is a typo).

To add a series, write its provider (beside the code that reads its data) and add one entry to
:data:`TFP_SERIES`; ``sensitivity(economy)`` and ``pflab tfp --sensitivity`` then
include it. A one-off series (e.g. a user's own estimate) is passed to ``sensitivity``
as ``extra_series`` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from pflab.accounting.cip_aggregate import cip_provider
from pflab.accounting.growth import growth_accounting
from pflab.accounting.methods import Method
from pflab.data.embedded import PWT_VINTAGES, load_pwt
from pflab.data.pwt import PWTData
from pflab.errors import DataError, ParameterError
from pflab.provenance import Source

__all__ = ["TFP_SERIES", "SeriesProvider", "TFPSeries", "pwt_provider", "tfp_series"]


@dataclass(frozen=True)
class TFPSeries:
    """Annual TFP growth of one economy from one data series and method.

    Attributes
    ----------
    vintage
        Key of the data series, e.g. ``"11.0"``, ``"10.01"``, ``"cip4"``.
    series
        Its short label for tables, e.g. ``"PWT 11.0"``, ``"CIP 4.0"``.
    method, method_label
        The method's short name and a label listing its choices.
    economy, country
        ISO code and name.
    tfp
        TFP growth as a log difference (a fraction, not percent), indexed by the end
        year of each growth interval; missing years are absent or NaN.
    source
        The data source, with its citation and caveats.
    """

    vintage: str
    series: str
    method: str
    method_label: str
    economy: str
    country: str
    tfp: pd.Series
    source: Source


#: ``provider(economy, methods)``: the series of one economy (see the module docstring).
SeriesProvider = Callable[[str, Sequence[Method]], list[TFPSeries]]


def pwt_provider(vintage: str) -> SeriesProvider:
    """A provider running growth accounting on an embedded PWT vintage.

    Methods whose inputs the economy lacks in this vintage are left out; an economy
    absent from the vintage gives an empty list.
    """

    def provide(economy: str, methods: Sequence[Method]) -> list[TFPSeries]:
        pwt = load_pwt(vintage)
        code = pwt.resolve(economy)
        # the economy's rows only, loaded once for every method
        rows = pwt.frame[pwt.frame["countrycode"] == code]
        data = PWTData(frame=rows, version=pwt.version, source=pwt.source)
        out = []
        for method in methods:
            try:
                result = growth_accounting(code, method=method, data=data)
            except DataError:
                continue  # this method's inputs are absent for this economy and vintage
            out.append(
                TFPSeries(
                    vintage=result.vintage,
                    series=f"PWT {result.vintage}",
                    method=method.name,
                    method_label=method.label,
                    economy=result.economy,
                    country=result.country,
                    tfp=result.annual["tfp"],
                    source=result.provenance.sources[0],
                )
            )
        return out

    return provide


#: The series :func:`pflab.accounting.sensitivity` compares by default, in order (the
#: first is the reference). Add an entry here to make a new series part of the band.
TFP_SERIES: dict[str, SeriesProvider] = {
    **{v: pwt_provider(v) for v in PWT_VINTAGES},
    "cip4": cip_provider,  # CIP 4.0's aggregate (China, 1988-2017): pflab.accounting.cip_aggregate
}


def tfp_series(vintage: str, economy: str, methods: Sequence[Method]) -> list[TFPSeries]:
    """The series of one registered vintage for one economy.

    Raises
    ------
    pflab.errors.ParameterError
        If ``vintage`` is not in :data:`TFP_SERIES`.
    pflab.errors.LookupFailedError
        If the provider cannot resolve ``economy``.
    """
    if vintage not in TFP_SERIES:
        raise ParameterError(
            "vintage", f"{vintage!r} is not a TFP series; choose from {', '.join(TFP_SERIES)}"
        )
    return TFP_SERIES[vintage](economy, methods)
