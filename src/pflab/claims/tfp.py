"""The TFP claims: average TFP growth in an era, by every registered data series.

Reads :func:`pflab.accounting.sensitivity` once per economy (every era the claims ask for),
and reports for each data series of :data:`pflab.accounting.TFP_SERIES` (PWT 11.0, PWT
10.01 and any series registered later, such as CIP 4.0) the value of its reference
method (``pwt``, PWT's own construction, on the PWT vintages; a TFP-only series' own
method otherwise), the range of its methods over the same years, and the era's band over
equal windows in a note.
"""

from __future__ import annotations

import math

import pandas as pd

from pflab.claims.base import Context, Measurement, Params

__all__ = ["TFPParams", "tfp_era"]

#: Keys of :data:`pflab.accounting.TFP_SERIES` by the label its rows carry, where the
#: label does not spell the key (``"PWT 11.0"`` → ``"11.0"`` is derived).
_SERIES_KEYS = {"CIP 4.0": "cip4"}


class TFPParams(Params):
    """Parameters of :func:`tfp_era`: an economy and one era (``"1979-2007"``)."""

    economy: str = "CHN"
    era: str


def _series_key(label: str) -> str | None:
    if label in _SERIES_KEYS:
        return _SERIES_KEYS[label]
    if label.startswith("PWT "):
        return label[4:]
    return None


def _span(first: object, last: object) -> str:
    return f"{first}–{last}" if first != last else str(first)


def _command(economy: str, key: str | None, era: str) -> str:
    if key is None:
        return f"pflab tfp {economy} --sensitivity --eras {era}"
    return f"pflab tfp {economy} --vintage {key} --eras {era}"


def tfp_era(params: TFPParams, context: Context) -> list[Measurement]:
    """Average TFP growth of one economy in one era, one measurement per data series.

    The value is the series' reference method (``pwt`` where the series has it), in
    percent a year (100 × the average annual log growth over the era's growth years);
    ``low``–``high`` span the series' methods over the same years. A series without data
    in the era is reported with the reason.
    """
    from pflab.accounting import parse_eras
    from pflab.accounting.vintages import vintage_notes

    eras = parse_eras(params.era)
    if len(eras) != 1:
        from pflab.errors import ParameterError

        raise ParameterError("era", f"{params.era!r}: one era per claim")
    era = eras[0]
    arg = params.era.replace(" ", "")
    table = context.sensitivity(params.economy)
    economy = table.economy
    long = table.frame[table.frame["era"] == era.label]
    band = pd.Series(table.band().loc[(economy, era.label)])
    band_note = (
        f"Band over the equal window {_span(band['first_year'], band['last_year'])} "
        f"({band['rows']} method × series rows): {band['min']:.2f} ({band['min_by']}) to "
        f"{band['max']:.2f} ({band['max_by']}) % a year; "
        f"pflab tfp {economy} --sensitivity --eras {arg}"
    )
    caveats = vintage_notes(economy)
    out = []
    for label, rows in long.groupby("series", sort=False):
        key = _series_key(str(label))
        command = _command(economy, key, arg)
        chosen = rows[rows["method"] == "pwt"]
        row = (chosen if len(chosen) else rows).iloc[0]
        if int(row["years"]) == 0 or not math.isfinite(float(row["tfp"])):
            out.append(
                Measurement.missing(
                    str(label),
                    f"{label} has no growth years in {era.label}",
                    period=era.label,
                    unit="% a year",
                    command=command,
                )
            )
            continue
        same = rows[
            (rows["first_year"] == row["first_year"]) & (rows["last_year"] == row["last_year"])
        ]
        values = same["tfp"].astype(float)
        window = _span(row["first_year"], row["last_year"])
        notes = [
            f"Average of annual TFP growth over the growth years {window} "
            f"({int(row['years'])} years), method {row['method']} ({row['method_label']}).",
        ]
        if not bool(row["in_band"]):
            notes.append(
                f"{label} covers only {window} of the era (the band's window is "
                f"{_span(band['first_year'], band['last_year'])}); not in the equal-window band."
            )
        notes.append(band_note)
        if caveats and str(label).startswith("PWT"):
            notes.append(
                "PWT 11.0 and PWT 10.01 measure this economy's GDP differently; "
                "the vintage caveat is in the notes below."
            )
        version = str(label).split()[-1]
        sources = tuple(s for s in table.provenance.sources if s.version == version)
        out.append(
            Measurement(
                source=str(label),
                period=window,
                value=float(row["tfp"]),
                unit="% a year",
                shown=f"{float(row['tfp']):.2f} % a year",
                low=float(values.min()) if len(values) > 1 else None,
                high=float(values.max()) if len(values) > 1 else None,
                range_basis=f"{len(values)} growth-accounting methods on {label}, same years"
                if len(values) > 1
                else "",
                notes=tuple(notes),
                command=command,
                sources=sources or table.provenance.sources,
                general_notes=tuple(caveats),
            )
        )
    missing = table.provenance.parameters.get("not_compared", [])
    for item in missing:
        out.append(
            Measurement.missing(
                str(item),
                f"series {item} has no data for {economy}",
                period=era.label,
                unit="% a year",
            )
        )
    return out
