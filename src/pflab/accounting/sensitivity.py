"""How much does measured TFP growth depend on method and data vintage?

:func:`sensitivity` measures one economy's TFP growth by era under every method of a
grid (by default the 16 combinations of capital measure × share × hours × human
capital) and every embedded PWT vintage, and reports the min–max band with the
method and vintage at each end.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pflab.accounting.eras import Era, parse_eras
from pflab.accounting.growth import growth_accounting
from pflab.accounting.methods import Method, method_grid
from pflab.data.embedded import PWT_VINTAGES
from pflab.errors import DataError, LookupFailedError
from pflab.provenance import Source

__all__ = ["SensitivityTable", "sensitivity"]


@dataclass(frozen=True)
class SensitivityTable:
    """TFP growth by era for every method × vintage.

    Attributes
    ----------
    economy, country
        ISO code and name.
    frame
        Long table: ``vintage``, ``method``, ``method_label``, ``era``, ``tfp`` (percent
        per year), ``years`` covered.
    sources
        The PWT vintages used.
    """

    economy: str
    country: str
    frame: pd.DataFrame
    sources: tuple[Source, ...]

    def to_frame(self) -> pd.DataFrame:
        """A copy of the long table."""
        return self.frame.copy()

    def pivot(self) -> pd.DataFrame:
        """TFP growth with one row per vintage × method and one column per era."""
        order = list(dict.fromkeys(self.frame["era"]))
        wide = self.frame.pivot_table(
            index=["vintage", "method"], columns="era", values="tfp", sort=False
        )
        return wide[order]

    def band(self) -> pd.DataFrame:
        """Per era: the lowest and highest TFP growth and who gives them.

        Returns
        -------
        pandas.DataFrame
            Indexed by era: ``min``, ``min_by``, ``max``, ``max_by``, ``range`` (percent
            per year, percentage points for the range) and ``pwt`` (the ``pwt`` method
            on the newest vintage, for reference).
        """
        rows = []
        for era, part in self.frame.dropna(subset=["tfp"]).groupby("era", sort=False):
            tfp = part["tfp"].to_numpy()
            low = part.iloc[int(np.argmin(tfp))]
            high = part.iloc[int(np.argmax(tfp))]
            ref = part[(part["method"] == "pwt") & (part["vintage"] == part["vintage"].iloc[0])]
            rows.append(
                {
                    "era": era,
                    "min": low["tfp"],
                    "min_by": f"PWT {low['vintage']}, {low['method']}",
                    "max": high["tfp"],
                    "max_by": f"PWT {high['vintage']}, {high['method']}",
                    "range": high["tfp"] - low["tfp"],
                    "pwt": float(ref["tfp"].iloc[0]) if len(ref) else float("nan"),
                }
            )
        return pd.DataFrame(rows).set_index("era")

    def coverage_notes(self) -> list[str]:
        """Eras whose data years differ by vintage (e.g. PWT 10.01 ends in 2019)."""
        spans = (
            self.frame[self.frame["years"] > 0]
            .groupby(["era", "vintage"], sort=False)
            .agg(first=("first_year", "min"), last=("last_year", "max"))
            .reset_index()
        )
        lines = []
        for era, part in spans.groupby("era", sort=False):
            if part["first"].nunique() > 1 or part["last"].nunique() > 1:
                covered = "; ".join(
                    f"PWT {v}: {a}–{b}"
                    for v, a, b in zip(part["vintage"], part["first"], part["last"], strict=True)
                )
                lines.append(f"{era} covers different years by vintage ({covered}).")
        return lines

    def notes(self) -> list[str]:
        """The convention, coverage, how to read method labels, and the sources."""
        return [
            *self.coverage_notes(),
            "TFP growth in percent per year (100 × average annual log growth); an era "
            "START–END averages growth from START−1→START through END−1→END.",
            "Method labels: capital services|stock · labsh (Törnqvist PWT labour share) or "
            "α_K (fixed capital share) · hours|persons · hc|no-hc (human capital).",
            *[f"Source: {s.label}: {s.citation}" for s in self.sources],
        ]

    def summary(self) -> str:
        """The pivot and the band as text."""
        wide = self.pivot().to_string(float_format=lambda v: f"{v:6.2f}", na_rep="—")
        lines = [f"TFP growth of {self.country} ({self.economy}) by method and vintage", wide, ""]
        for era, row in self.band().iterrows():
            lines.append(
                f"{era}: {row['min']:.2f} ({row['min_by']}) to {row['max']:.2f} "
                f"({row['max_by']}); range {row['range']:.2f} pp"
            )
        return "\n".join([*lines, "", *self.notes()])

    def _repr_html_(self) -> str:
        table = self.pivot().to_html(float_format=lambda v: f"{v:.2f}", na_rep="—")
        band = self.band().to_html(float_format=lambda v: f"{v:.2f}")
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes())
        return f"{table}{band}<ul>{notes}</ul>"

    def __str__(self) -> str:
        return self.summary()


def sensitivity(
    economy: str,
    eras: str | Iterable[str | Era] | None = None,
    *,
    vintages: Sequence[str] = PWT_VINTAGES,
    methods: Sequence[Method] | None = None,
) -> SensitivityTable:
    """TFP growth by era under every method × vintage.

    Parameters
    ----------
    economy
        ISO code, name or alias.
    eras
        Eras as for :func:`pflab.accounting.parse_eras` (default the standard four).
    vintages
        Embedded PWT vintages to compare.
    methods
        Methods to compare (default :func:`pflab.accounting.method_grid`, 16 methods).

    Returns
    -------
    SensitivityTable
    """
    era_list = parse_eras(eras)
    grid = list(methods) if methods is not None else method_grid()
    frames = []
    sources: list[Source] = []
    code = country = ""
    for vintage in vintages:
        for method in grid:
            try:
                result = growth_accounting(economy, method=method, vintage=vintage)
            except DataError:
                continue  # this method's inputs are absent for this economy and vintage
            except LookupFailedError:
                if vintage == vintages[0]:
                    raise
                break  # the economy is not in this (older) vintage
            code, country = result.economy, result.country
            if result.provenance.sources[0] not in sources:
                sources.append(result.provenance.sources[0])
            table = result.eras(era_list).frame
            table["method"] = method.name
            frames.append(
                table[
                    [
                        "economy",
                        "vintage",
                        "method",
                        "method_label",
                        "era",
                        "first_year",
                        "last_year",
                        "years",
                        "tfp",
                    ]
                ]
            )
    if not frames:
        raise DataError(f"no method could be computed for {economy!r} in any vintage")
    return SensitivityTable(
        economy=code,
        country=country,
        frame=pd.concat(frames, ignore_index=True),
        sources=tuple(sources),
    )
