"""Evaluate the claims file: every claim beside pflab's measurements, with a verdict.

:func:`evaluate` loads the claims (the shipped file or a user's), runs each claim's
measures once (sharing tables and TFP bands through one :class:`~pflab.claims.base.Context`),
judges each measurement by the claim's rule (:mod:`pflab.claims.rules`) and returns a
:class:`ClaimsLedger`: one row per claim × measure × source, with the value, its range,
the verdict and its reason, the notes where the measure differs from the claim's wording,
and the command that reproduces the value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pflab.claims.base import Context, Measurement
from pflab.claims.measures import MEASURES
from pflab.claims.rules import NOT_MEASURABLE, VERDICTS, Rule, format_number
from pflab.claims.schema import Claim, ClaimsFile, file_digest, load_claims
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View

__all__ = ["ClaimsLedger", "capabilities", "evaluate", "judge"]

_COLUMNS = {
    "claim": "the claim's id in the claims file",
    "topic": "what the claim is about",
    "statement": "the claim in pflab's words (a paraphrase of the essay)",
    "claimed": "the claim's number(s) as the essay states them",
    "period": "the years the claim is about, as pflab reads them",
    "measure": "what pflab measures to test the claim",
    "source": "data source and vintage of the measurement",
    "measured_period": "the years pflab measured",
    "value": "pflab's value, in unit (empty when not measurable)",
    "low": "low end of the value's range (see range_basis)",
    "high": "high end of the value's range (see range_basis)",
    "range_basis": "what the range spans: rounding, methods, partial sectors",
    "unit": "unit of value, low and high",
    "shown": "the value as shown, with no more digits than the data hold",
    "rule": "the verdict rule fixed in the claims file before evaluation",
    "verdict": "consistent, partly consistent, not supported or not measurable yet",
    "reason": "why this verdict",
    "notes": "where the measure differs from the claim's wording; caveats",
    "command": "the pflab command that reproduces the value",
}

_ORDER = list(_COLUMNS)


def capabilities() -> dict[str, bool]:
    """Which optional measures this installation can make (by import, not by trying)."""
    from pflab.accounting import TFP_SERIES
    from pflab.claims.gvc import gvc_available
    from pflab.policy.structure import high_tech_available

    return {
        "high_tech_maps": high_tech_available(),
        "cip4": "cip4" in TFP_SERIES,
        "gvc": gvc_available(),
    }


def judge(rule: Rule, measurement: Measurement) -> tuple[str, str]:
    """The verdict of one measurement under a rule, and the reason in words.

    A measurement without a value is "not measurable yet" with its own reason. When the
    measurement has a range (``low``–``high``) whose ends would get another verdict, the
    reason says so.
    """
    if measurement.value is None or not math.isfinite(measurement.value):
        return NOT_MEASURABLE, measurement.reason or "no value"
    value = measurement.value
    verdict = rule.verdict(value)
    (c_lo, c_hi), (p_lo, p_hi) = rule.intervals()
    shown = measurement.shown or format_number(value)

    def span(lo: float, hi: float) -> str:
        if math.isinf(hi):
            return f"≥ {format_number(lo)}"
        if math.isinf(lo):
            return f"≤ {format_number(hi)}"
        return f"{format_number(lo)} to {format_number(hi)}"

    if verdict == VERDICTS[0]:
        reason = f"{shown} is in the consistent range ({span(c_lo, c_hi)})"
    elif verdict == VERDICTS[1]:
        reason = (
            f"{shown} is outside the consistent range ({span(c_lo, c_hi)}) but in the "
            f"partly consistent range ({span(p_lo, p_hi)})"
        )
    else:
        reason = f"{shown} is outside even the partly consistent range ({span(p_lo, p_hi)})"
    ends = [v for v in (measurement.low, measurement.high) if v is not None and math.isfinite(v)]
    if len(ends) == 2:
        at_ends = [rule.verdict(v) for v in ends]
        if any(v != verdict for v in at_ends):
            reason += (
                f"; at the ends of its range ({measurement.range_basis or 'range'}: "
                f"{format_number(ends[0])} to {format_number(ends[1])}) the verdict would be "
                f"{at_ends[0]} / {at_ends[1]}"
            )
    return verdict, reason


def _rows(
    claim: Claim, context: Context
) -> tuple[list[dict[str, object]], list[str], list[Source]]:
    rows: list[dict[str, object]] = []
    general: list[str] = []
    sources: list[Source] = []
    for ref in claim.measures:
        spec = MEASURES[ref.measure]
        measurements = spec.function(ref.parsed(), context)
        for m in measurements:
            verdict, reason = judge(claim.rule, m)
            general += m.general_notes
            sources += m.sources
            rows.append(
                {
                    "claim": claim.id,
                    "topic": claim.topic,
                    "statement": claim.statement,
                    "claimed": claim.claimed,
                    "period": claim.period,
                    "measure": ref.label or spec.description,
                    "source": m.source,
                    "measured_period": m.period,
                    "value": m.value if m.value is not None else math.nan,
                    "low": m.low if m.low is not None else math.nan,
                    "high": m.high if m.high is not None else math.nan,
                    "range_basis": m.range_basis,
                    "unit": m.unit,
                    "shown": m.shown if m.value is not None else "",
                    "rule": claim.rule.describe()
                    + (f" ({claim.rule_basis})" if claim.rule_basis else ""),
                    "verdict": verdict,
                    "reason": reason,
                    "notes": "; ".join(dict.fromkeys((*claim.notes, *ref.notes, *m.notes))),
                    "command": m.command,
                }
            )
    return rows, general, sources


def _tfp_eras(claims: Sequence[Claim]) -> dict[str, list[str]]:
    eras: dict[str, list[str]] = {}
    for claim in claims:
        for ref in claim.measures:
            if ref.measure == "tfp_era":
                params = ref.parsed()
                economy = str(params.economy).upper()  # type: ignore[attr-defined]
                eras.setdefault(economy, [])
                if params.era not in eras[economy]:  # type: ignore[attr-defined]
                    eras[economy].append(params.era)  # type: ignore[attr-defined]
    return eras


def evaluate(
    claims: str | Path | ClaimsFile | None = None, *, only: Sequence[str] | None = None
) -> ClaimsLedger:
    """Evaluate every claim of a claims file against pflab's measurements.

    Parameters
    ----------
    claims
        A claims file (path) or a loaded :class:`~pflab.claims.schema.ClaimsFile`
        (default: the shipped ``pflab/claims/claims.yaml``).
    only
        Evaluate only these claim ids, in this order.

    Returns
    -------
    ClaimsLedger
        One row per claim × measure × source (see :data:`_COLUMNS` via ``columns``).

    Raises
    ------
    pflab.errors.DataValidationError
        If the claims file breaks the schema (checked before anything is measured).
    pflab.errors.LookupFailedError
        For an id in ``only`` that the file does not hold.
    """
    path: Path | None = None
    if isinstance(claims, ClaimsFile):
        loaded = claims
    else:
        path = None if claims is None else Path(claims)
        loaded = load_claims(path)
    chosen = loaded.claims if only is None else loaded.get(only)
    context = Context(tfp_eras=_tfp_eras(chosen))
    rows: list[dict[str, object]] = []
    general: list[str] = []
    sources: list[Source] = []
    for claim in chosen:
        claim_rows, claim_general, claim_sources = _rows(claim, context)
        rows += claim_rows
        general += claim_general
        sources += claim_sources
    frame = pd.DataFrame(rows, columns=_ORDER)
    able = capabilities()
    digest = file_digest(path) if not isinstance(claims, ClaimsFile) else ""
    notes = [
        "Verdicts follow the rule each claim carries in the claims file, written before "
        "evaluation (column rule): consistent, partly consistent, or not supported; a claim "
        "pflab cannot measure yet is listed as not measurable yet with the reason, never "
        "dropped. By default 'about X' is consistent within ±10 % of X and partly "
        "consistent within ±25 %.",
        f"Essay: {loaded.essay}. Its claims are paraphrased, not quoted.",
        "The essay speaks of the present (2024); the latest data pflab embeds are WDI 2021, "
        "WTO 2018, the NBS input-output table 2020 (employment 2018), PWT 2023 and MPD 2022.",
        *general,
    ]
    return ClaimsLedger(
        title="The essay's quantitative claims beside pflab's measurements",
        provenance=Provenance(
            method="claims_ledger",
            sources=tuple(dict.fromkeys(sources)),
            parameters={
                "claims_file": str(path) if path is not None else "pflab/claims/claims.yaml",
                "claims_sha256": digest,
                "claims": [c.id for c in chosen],
                "capabilities": able,
            },
            description="Each claim's measures evaluated on embedded data and judged by the "
            "claim's rule.",
        ),
        notes=tuple(dict.fromkeys(notes)),
        columns=_COLUMNS,
        frame=frame,
    )


@dataclass(frozen=True, kw_only=True)
class ClaimsLedger(Result):
    """The claims ledger: one row per claim × measure × source.

    Attributes
    ----------
    frame
        The columns of ``columns``: the claim (``claim``, ``topic``, ``statement``,
        ``claimed``, ``period``, ``rule``), the measurement (``measure``, ``source``,
        ``measured_period``, ``value``, ``low``, ``high``, ``range_basis``, ``unit``,
        ``shown``), the ``verdict`` with its ``reason``, ``notes`` and ``command``.
    """

    frame: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``ledger`` (main), ``verdicts`` (rows per claim and verdict)."""
        return {"ledger": self.frame.copy(), "verdicts": self.tally()}

    def tally(self) -> pd.DataFrame:
        """How many rows of each claim got each verdict (columns in :data:`VERDICTS`)."""
        counts = pd.crosstab(self.frame["claim"], self.frame["verdict"])
        counts = counts.reindex(columns=list(VERDICTS), fill_value=0)
        order = list(dict.fromkeys(self.frame["claim"]))
        counts = counts.reindex(order)
        counts.columns = pd.Index([str(c) for c in counts.columns])
        counts.index.name = "claim"
        return counts

    def views(self) -> list[View]:
        """The ledger (claim, what the essay says, measurement, verdict, command), then why."""
        main = View(
            "ledger",
            [
                Column("claim", "Claim"),
                Column("claimed", "Essay"),
                Column("measure", "pflab measures"),
                Column("source", "Source"),
                Column("measured_period", "Years"),
                Column("shown", "pflab"),
                Column("verdict", "Verdict"),
                Column("command", "Reproduce"),
            ],
            title=self.title,
        )
        why = View(
            "ledger",
            [
                Column("claim", "Claim"),
                Column("source", "Source"),
                Column("reason", "Why this verdict"),
                Column("notes", "Notes"),
            ],
            title="Why each verdict, and where the measure differs from the claim",
        )
        return [main, why]

    def verdict(self, claim: str, source: str | None = None) -> str:
        """The verdict of one claim (and source, when the claim has several rows).

        Raises
        ------
        pflab.errors.ParameterError
            If there is no such row, or several and no source was named.
        """
        from pflab.errors import ParameterError

        rows = self.frame[self.frame["claim"] == claim]
        if source is not None:
            rows = rows[rows["source"].str.contains(source, regex=False)]
        if len(rows) != 1:
            have = "; ".join(
                f"{c} / {s}" for c, s in zip(rows["claim"], rows["source"], strict=True)
            )
            raise ParameterError(
                "claim", f"{len(rows)} rows for {claim!r}" + (f" ({have})" if have else "")
            )
        return str(rows["verdict"].iloc[0])
