"""Results of a simulation run: quantiles per year and window, goal probabilities."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pflab.provenance import Provenance, Source
from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.outputs import METRICS, WINDOW_METRICS
from pflab.simulate.scenario import Scenario

__all__ = ["QUANTILES", "SimulationResult", "build_result"]

#: Quantiles reported for every metric.
QUANTILES: tuple[float, ...] = (0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95)
_QCOLS = [f"p{round(q * 100):02d}" for q in QUANTILES]

_UNITS = {
    "gdp": "mil. 2021 US$ (PWT rgdpna units)",
    "gdp_per_capita": "2021 US$ per person",
    "tfp": "index, base year = 1",
    "gdp_growth": "% per year",
    "tfp_growth": "% per year",
    "tfp_effect": "% of TFP",
    "gdp_effect": "% of GDP",
    "manufacturing_share": "% of value added",
}


def _display(metric: str, values: np.ndarray, labels: dict[str, Any]) -> np.ndarray:
    """Convert raw values (log levels, fractions) to the units of :data:`_UNITS`."""
    if metric == "gdp":
        return np.asarray(labels["gdp0"] * np.exp(values))
    if metric == "gdp_per_capita":
        return np.asarray(labels["gdp0"] / labels["population0"] * np.exp(values))
    if metric == "tfp":
        return np.asarray(np.exp(values))
    if metric in ("tfp_effect", "gdp_effect"):
        return np.asarray(np.expm1(values) * 100)
    return np.asarray(values * 100)


@dataclass(frozen=True)
class SimulationResult:
    """The outcome distribution of one scenario.

    Attributes
    ----------
    scenario
        The scenario simulated.
    yearly
        One row per metric and year: ``mean``, ``sd`` (rates and shares only) and the
        quantiles ``p05 … p95``, in the units of column ``unit``.
    windows
        One row per window metric and window (percent per year).
    goals
        Probability of each goal with and without the policy, with Monte Carlo
        standard errors.
    sector_shares
        Mean value-added share of each sector by year (percent).
    """

    scenario: Scenario
    yearly: pd.DataFrame
    windows: pd.DataFrame
    goals: pd.DataFrame
    sector_shares: pd.DataFrame
    draws: int
    draws_requested: int
    seed: int
    chunk_size: int
    backend: str
    run_id: str
    seconds: float
    breakthroughs_per_draw: float
    provenance: Provenance
    labels: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.scenario.name

    @property
    def complete(self) -> bool:
        """Whether every requested draw is included (False for an interrupted run)."""
        return self.draws == self.draws_requested

    def to_frame(self) -> pd.DataFrame:
        """Yearly metrics (tidy): scenario, metric, year, unit, mean, sd, p05 … p95."""
        return self.yearly.copy()

    def fan(self, metric: str) -> pd.DataFrame:
        """Quantiles of one yearly metric, indexed by year."""
        part = self.yearly[self.yearly["metric"] == metric]
        return part.set_index("year")[["mean", *_QCOLS]]

    def window(self, metric: str, window: str | None = None) -> pd.Series:
        """The row of a window metric (first window by default)."""
        w = window or self.scenario.windows[0]
        part = self.windows[(self.windows["metric"] == metric) & (self.windows["window"] == w)]
        return part.iloc[0]

    def headline(self) -> dict[str, Any]:
        """Key numbers for the first window and the first goal (one row of a summary)."""
        w = self.scenario.windows[0]
        row: dict[str, Any] = {"scenario": self.name, "window": w, "draws": self.draws}
        for metric in ("tfp_growth", "tfp_effect", "gdp_growth", "gdp_effect"):
            r = self.window(metric, w)
            row[f"{metric}_p50"] = float(r["p50"])
            row[f"{metric}_p05"] = float(r["p05"])
            row[f"{metric}_p95"] = float(r["p95"])
            row[f"{metric}_mean"] = float(r["mean"])
        last = int(w.split("-")[1])
        manu = self.fan("manufacturing_share")
        if last in manu.index:
            row["manufacturing_share_p50"] = float(manu["p50"].loc[last])
        if len(self.goals):
            g = self.goals.iloc[0].to_dict()
            row["goal"] = g["goal"]
            row["goal_probability"] = float(g["probability"])
            row["goal_probability_se"] = float(g["se"])
            row["goal_probability_without_policy"] = float(g["probability_without_policy"])
        return row

    def long_frame(self) -> pd.DataFrame:
        """Every number as rows ``metric, period, stat, value`` (as stored in DuckDB)."""
        stats = ["mean", "sd", *_QCOLS]
        y = self.yearly.melt(id_vars=["metric", "year"], value_vars=stats, var_name="stat")
        y["period"] = y["year"].astype(str)
        w = self.windows.melt(id_vars=["metric", "window"], value_vars=stats, var_name="stat")
        w["period"] = w["window"]
        g = self.goals.melt(
            id_vars=["goal"],
            value_vars=["probability", "se", "probability_without_policy"],
            var_name="stat",
        )
        g["metric"] = "goal:" + g["goal"]
        g["period"] = ""
        cols = ["metric", "period", "stat", "value"]
        return pd.concat([y[cols], w[cols], g[cols]], ignore_index=True)

    def summary(self) -> str:
        """A few lines a person can read."""
        h = self.headline()
        lines = [
            f"Scenario {self.name!r}: {self.scenario.title or self.scenario.description}",
            f"{self.draws:,} draws (seed {self.seed}, chunks of {self.chunk_size}), "
            f"{self.labels.get('country', '')}, sectors: {self.labels.get('sectors', '')}",
            f"{h['window']}: TFP growth {h['tfp_growth_p50']:.2f}% a year (90% band "
            f"{h['tfp_growth_p05']:.2f} to {h['tfp_growth_p95']:.2f}); bought by the policy "
            f"{h['tfp_effect_p50']:.3f} pp (band {h['tfp_effect_p05']:.3f} to "
            f"{h['tfp_effect_p95']:.3f})",
            f"{h['window']}: GDP growth {h['gdp_growth_p50']:.2f}% a year (band "
            f"{h['gdp_growth_p05']:.2f} to {h['gdp_growth_p95']:.2f})",
        ]
        if "goal" in h:
            lines.append(
                f"P({h['goal']}) = {h['goal_probability']:.3f} ± {h['goal_probability_se']:.3f} "
                f"(without the policy {h['goal_probability_without_policy']:.3f})"
            )
        if not self.complete:
            lines.append(f"INCOMPLETE: {self.draws:,} of {self.draws_requested:,} draws")
        lines += self.provenance.citation_lines()
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(str(k))}</td><td>{html.escape(_fmt(v))}</td></tr>"
            for k, v in self.headline().items()
        )
        return (
            f"<div><strong>{html.escape(self.name)}</strong>: "
            f"{html.escape(self.scenario.title)}<table>{rows}</table>"
            f"<small>{html.escape('; '.join(self.provenance.citation_lines()))}</small></div>"
        )


def _fmt(v: Any) -> str:
    return f"{v:.4g}" if isinstance(v, float) else str(v)


def build_result(
    model: CompiledModel,
    scenario: Scenario,
    merge: Any,
    *,
    seed: int,
    draws_requested: int,
    chunk_size: int,
    backend: str,
    run_id: str,
    seconds: float,
) -> SimulationResult:
    """Assemble a result from merged chunk summaries (sums in chunk order)."""
    order = sorted(merge.draws)
    n = sum(merge.draws[c] for c in order)
    labels = model.labels
    years = [int(y) for y in model.years]
    year_rows = []
    window_rows = []
    for key, sketch in sorted(merge.sketches.items()):
        kind, metric = key.split(":", 1)
        qs = sketch.quantiles(list(QUANTILES))
        total = np.zeros(sketch.cols)
        total_sq = np.zeros(sketch.cols)
        for c in order:
            m = merge.moments[c][key]
            total = total + m[0]
            total_sq = total_sq + m[1]
        mean = total / max(n, 1)
        sd = np.sqrt(np.maximum(total_sq / max(n, 1) - mean**2, 0.0))
        if kind == "year":
            shown = _display(metric, qs, labels)
            level = METRICS[metric][1] == "log" and metric not in ("tfp_effect", "gdp_effect")
            disp_mean = np.full(sketch.cols, np.nan) if level else _display(metric, mean, labels)
            disp_sd = (
                np.full(sketch.cols, np.nan)
                if level
                else np.abs(
                    _display(metric, sd, labels)
                    - (_display(metric, np.zeros(1), labels) if metric.endswith("effect") else 0)
                )
            )
            for j, year in enumerate(years):
                year_rows.append(
                    {
                        "scenario": scenario.name,
                        "metric": metric,
                        "year": year,
                        "unit": _UNITS[metric],
                        "mean": disp_mean[j],
                        "sd": disp_sd[j],
                        **{q: shown[i, j] for i, q in enumerate(_QCOLS)},
                    }
                )
        else:
            for j, (a, b) in enumerate(model.windows):
                window_rows.append(
                    {
                        "scenario": scenario.name,
                        "metric": metric,
                        "window": f"{a}-{b}",
                        "description": WINDOW_METRICS[metric],
                        "unit": "% per year",
                        "mean": mean[j] * 100,
                        "sd": sd[j] * 100,
                        **{q: qs[i, j] * 100 for i, q in enumerate(_QCOLS)},
                    }
                )
    goal_rows = []
    for name, output, year, _ in model.goals:
        hits = sum(merge.hits[c].get(name, 0) for c in order)
        hits_cf = sum(merge.hits_cf[c].get(name, 0) for c in order)
        p = hits / max(n, 1)
        goal_rows.append(
            {
                "scenario": scenario.name,
                "goal": name,
                "output": output,
                "year": year,
                "probability": p,
                "se": math.sqrt(p * (1 - p) / max(n, 1)),
                "probability_without_policy": hits_cf / max(n, 1),
            }
        )
    shares = np.zeros((model.T, model.N))
    for c in order:
        shares = shares + merge.share_sums[c]
    sector_shares = pd.DataFrame(
        shares / max(n, 1) * 100, index=pd.Index(years, name="year"), columns=list(model.codes)
    )
    breaks = sum(merge.breaks[c] for c in order) / max(n, 1)
    sources: list[Source] = [
        s
        for s in (
            labels.get("macro_source"),
            labels.get("sector_source"),
            labels.get("registry_source"),
        )
        if isinstance(s, Source)
    ]
    second = scenario.aggregation == "second-order"
    provenance = Provenance(
        method="pflab.simulate (Monte Carlo, second-order Baqaee–Farhi aggregation)"
        if second
        else "pflab.simulate (Monte Carlo, first-order Domar aggregation)",
        sources=tuple(sources),
        parameters={
            "scenario": scenario.name,
            "seed": seed,
            "draws": n,
            "chunk_size": chunk_size,
            "sectors": labels.get("sectors"),
            "targeting": scenario.targeting.model_dump(exclude_none=True),
            "targets": list(labels.get("targets", ())),
            **({"second_order": scenario.second_order.model_dump()} if second else {}),
            "pwt_vintage": labels.get("pwt_vintage"),
            "base_year": scenario.base_year,
            "horizon": scenario.horizon,
            **{k: v.describe() for k, v in model.distributions.items()},
        },
        description=scenario.description,
    )
    return SimulationResult(
        scenario=scenario,
        yearly=pd.DataFrame(year_rows),
        windows=pd.DataFrame(window_rows),
        goals=pd.DataFrame(
            goal_rows,
            columns=[
                "scenario",
                "goal",
                "output",
                "year",
                "probability",
                "se",
                "probability_without_policy",
            ],
        ),
        sector_shares=sector_shares,
        draws=n,
        draws_requested=draws_requested,
        seed=seed,
        chunk_size=chunk_size,
        backend=backend,
        run_id=run_id,
        seconds=seconds,
        breakthroughs_per_draw=breaks,
        provenance=provenance,
        labels=dict(labels),
    )
