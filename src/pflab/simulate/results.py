"""Results of a simulation run: quantiles per year and window, goal probabilities, shares.

One :class:`SimulationResult` holds every scenario of a run (they share random numbers);
its tables carry a ``scenario`` column. Effects of a policy ("bought") are medians and
bands of the per-draw difference between the scenario and its own no-policy path on the
same random numbers; goal-probability differences have paired standard errors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View
from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.outputs import METRICS, WINDOW_METRICS
from pflab.simulate.scenario import Scenario

if TYPE_CHECKING:
    from pflab.simulate.chunks import RunState
    from pflab.simulate.engine import RunOutcome

__all__ = ["QUANTILES", "SimulationResult", "YearlyQuantiles", "build_result", "quantile_rows"]

#: Quantiles reported for every metric.
QUANTILES: tuple[float, ...] = (0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95)
QCOLS = [f"p{round(q * 100):02d}" for q in QUANTILES]

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

_COLUMNS = {
    "scenario": "scenario name",
    "metric": "what is measured (see description and unit)",
    "year": "projected year",
    "window": "years averaged, FIRST-LAST (growth from FIRST-1 to LAST)",
    "unit": "unit of mean, sd and the quantiles",
    "mean": "mean over draws",
    "sd": "standard deviation over draws",
    **{q: f"{q[1:]}th percentile over draws" for q in QCOLS},
    "goal": "goal name",
    "probability": "share of draws reaching the goal with the scenario's policy",
    "se": "Monte Carlo standard error of probability",
    "probability_without_policy": "share of draws reaching the goal on the same draws "
    "without the policy",
    "policy_effect": "probability − probability_without_policy (paired, same draws)",
    "policy_effect_se": "paired standard error of policy_effect",
    "share": "mean value-added share of the sector, percent",
    "sector": "sector code of the calibration table",
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


@dataclass(frozen=True, kw_only=True)
class YearlyQuantiles(Result):
    """Every yearly metric's mean and quantiles, one row per scenario, metric and year."""

    yearly: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``yearly`` (every metric) and ``growth`` (TFP and GDP growth, GDP per capita)."""
        shown = self.yearly["metric"].isin(["tfp_growth", "gdp_growth", "gdp_per_capita"])
        return {
            "yearly": self.yearly.copy(),
            "growth": self.yearly[shown].reset_index(drop=True),
        }

    def views(self) -> list[View]:
        """TFP and GDP growth and GDP per capita by year (every metric in CSV/JSON)."""
        cols = [Column("scenario"), Column("metric"), Column("year", fmt="d")]
        cols += [Column(q, f"{q[1:]}%", ",.2f") for q in ("p05", "p25", "p50", "p75", "p95")]
        return [View("growth", [*cols, Column("unit")], title=self.title)]


@dataclass(frozen=True, kw_only=True)
class SimulationResult(Result):
    """The outcome distributions of the scenarios of one run.

    Attributes
    ----------
    scenarios
        The scenarios simulated (names unique), in run order.
    yearly
        One row per scenario, metric and year: ``mean``, ``sd`` (rates and shares only)
        and the quantiles ``p05 … p95``, in the units of column ``unit``.
    windows
        One row per scenario, window metric and window (percent per year).
    goals
        Probability of each goal with and without the policy, the paired difference and
        Monte Carlo standard errors.
    sector_shares
        Mean value-added share of each sector by scenario and year (percent).
    """

    scenarios: tuple[Scenario, ...]
    yearly: pd.DataFrame
    windows: pd.DataFrame
    goals: pd.DataFrame
    sector_shares: pd.DataFrame
    draws: int
    draws_requested: int
    chunk_size: int
    backend: str
    run_id: str
    seconds: float
    breakthroughs_per_draw: dict[str, float] = field(default_factory=dict)
    budget_shares: dict[str, float] = field(default_factory=dict)
    labels: dict[str, Any] = field(default_factory=dict)
    #: The merged chunk summaries behind the tables (for paired comparisons).
    state: RunState | None = field(default=None, repr=False, compare=False)

    # -- convenience ---------------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        """The first scenario."""
        return self.scenarios[0]

    @property
    def name(self) -> str:
        """The first scenario's name."""
        return self.scenario.name

    @property
    def names(self) -> list[str]:
        """Every scenario's name, in run order."""
        return [s.name for s in self.scenarios]

    @property
    def complete(self) -> bool:
        """Whether every requested draw is included (False for an interrupted run)."""
        return self.draws == self.draws_requested

    def _pick(self, frame: pd.DataFrame, scenario: str | None) -> pd.DataFrame:
        name = scenario or self.name
        if name not in self.names:
            from pflab.errors import LookupFailedError

            raise LookupFailedError("scenario of this result", name, self.names)
        return frame[frame["scenario"] == name]

    def fan(self, metric: str, scenario: str | None = None) -> pd.DataFrame:
        """Mean and quantiles of one yearly metric, indexed by year."""
        part = self._pick(self.yearly, scenario)
        return part[part["metric"] == metric].set_index("year")[["mean", *QCOLS]]

    def window(
        self, metric: str, window: str | None = None, scenario: str | None = None
    ) -> pd.Series:
        """The row of a window metric (first window and first scenario by default)."""
        w = window or self.scenario.windows[0]
        part = self._pick(self.windows, scenario)
        return part[(part["metric"] == metric) & (part["window"] == w)].iloc[0]

    def by_year(self) -> YearlyQuantiles:
        """The yearly quantiles as a result of their own (``pflab simulate --years``)."""
        return YearlyQuantiles(
            title=f"Quantiles by year: {', '.join(self.names)}",
            provenance=self.provenance,
            notes=self.notes,
            columns={k: v for k, v in _COLUMNS.items() if k in self.yearly.columns},
            yearly=self.yearly,
        )

    # -- the result protocol ---------------------------------------------------------------

    def headline(self) -> pd.DataFrame:
        """One row per scenario: the first window's key numbers and the first goal."""
        w = self.scenario.windows[0]
        rows = []
        for name in self.names:
            row: dict[str, Any] = {"scenario": name, "window": w, "draws": self.draws}
            row["budget_share_pct"] = self.budget_shares.get(name, 0.0) * 100
            for metric in ("tfp_growth", "tfp_effect", "gdp_growth", "gdp_effect"):
                r = self.window(metric, w, name)
                for stat in ("p50", "p05", "p95", "mean"):
                    row[f"{metric}_{stat}"] = float(r[stat])
            last = int(w.split("-")[1])
            manu = self.fan("manufacturing_share", name)
            if last in manu.index:
                row["manufacturing_share_p50"] = float(manu["p50"].loc[last])
            goals = self._pick(self.goals, name)
            if len(goals):
                g = goals.iloc[0]
                row["goal"] = g["goal"]
                for col in (
                    "probability",
                    "se",
                    "probability_without_policy",
                    "policy_effect",
                    "policy_effect_se",
                ):
                    row[f"goal_{col}"] = float(g[col])
            rows.append(row)
        return pd.DataFrame(rows)

    def tables(self) -> dict[str, pd.DataFrame]:
        """``headline`` (one row per scenario), ``windows``, ``yearly``, ``goals``,
        ``sector_shares`` (long: scenario, year, sector, share)."""
        return {
            "headline": self.headline(),
            "windows": self.windows.copy(),
            "yearly": self.yearly.copy(),
            "goals": self.goals.copy(),
            "sector_shares": self.sector_shares.copy(),
        }

    def views(self) -> list[View]:
        """What each scenario buys (first window), then the goals."""
        w = self.scenario.windows[0]
        cols = [
            Column("scenario", "Scenario"),
            Column("budget_share_pct", "Budget, % GDP", ".3f"),
            Column("tfp_growth_p50", f"TFP growth {w}, %/yr", ".2f"),
            Column("tfp_growth_p05", "5%", ".2f"),
            Column("tfp_growth_p95", "95%", ".2f"),
            Column("tfp_effect_p50", "TFP bought, pp", ".3f"),
            Column("tfp_effect_p05", "5%", ".3f"),
            Column("tfp_effect_p95", "95%", ".3f"),
            Column("gdp_growth_p50", f"GDP growth {w}, %/yr", ".2f"),
            Column("gdp_effect_p50", "GDP bought, pp", ".3f"),
        ]
        head = self.headline()
        if "manufacturing_share_p50" in head:
            cols.append(Column("manufacturing_share_p50", f"Mfg % VA {w[-4:]}", ".1f"))
        goal_cols = [
            Column("scenario", "Scenario"),
            Column("goal", "Goal"),
            Column("probability", "P(goal)", ".3f"),
            Column("se", "±", ".3f"),
            Column("probability_without_policy", "without policy", ".3f"),
            Column("policy_effect", "difference", "+.3f"),
            Column("policy_effect_se", "±", ".3f"),
        ]
        views = [View("headline", cols, title=self.title)]
        if len(self.goals):
            views.append(View("goals", goal_cols, title="Goals (paired: same draws)"))
        return views

    def long_frame(self) -> pd.DataFrame:
        """Every number as rows ``metric, period, stat, value`` (as stored in DuckDB);
        ``metric`` is ``scenario|metric`` when the run has several scenarios."""
        stats = ["mean", "sd", *QCOLS]
        y = self.yearly.melt(
            id_vars=["scenario", "metric", "year"], value_vars=stats, var_name="stat"
        )
        y["period"] = y["year"].astype(str)
        w = self.windows.melt(
            id_vars=["scenario", "metric", "window"], value_vars=stats, var_name="stat"
        )
        w["period"] = w["window"]
        g = self.goals.melt(
            id_vars=["scenario", "goal"],
            value_vars=["probability", "se", "probability_without_policy"],
            var_name="stat",
        )
        g["metric"] = "goal:" + g["goal"]
        g["period"] = ""
        out = pd.concat([y, w, g], ignore_index=True)
        if len(self.scenarios) > 1:
            out["metric"] = out["scenario"] + "|" + out["metric"]
        return out[["metric", "period", "stat", "value"]]


def quantile_rows(state: RunState, key: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Quantiles ``(len(QUANTILES), cols)``, mean and s.d. of a key over the merged chunks."""
    n = max(state.draws, 1)
    qs = state.sketches[key].quantiles(list(QUANTILES))
    total, total_sq = state.moments(key)
    mean = total / n
    sd = np.sqrt(np.maximum(total_sq / n - mean**2, 0.0))
    return qs, mean, sd


def _yearly_rows(
    name: str, metric: str, model: CompiledModel, state: RunState, key: str
) -> list[dict[str, Any]]:
    qs, mean, sd = quantile_rows(state, key)
    labels = model.labels
    shown = _display(metric, qs, labels)
    cols = qs.shape[1]
    level = METRICS[metric][1] == "log" and metric not in ("tfp_effect", "gdp_effect")
    if level:
        disp_mean = np.full(cols, np.nan)
        disp_sd = np.full(cols, np.nan)
    else:
        disp_mean = _display(metric, mean, labels)
        offset = _display(metric, np.zeros(1), labels) if metric.endswith("effect") else 0
        disp_sd = np.abs(_display(metric, sd, labels) - offset)
    return [
        {
            "scenario": name,
            "metric": metric,
            "year": int(year),
            "unit": _UNITS[metric],
            "mean": disp_mean[j],
            "sd": disp_sd[j],
            **{q: shown[i, j] for i, q in enumerate(QCOLS)},
        }
        for j, year in enumerate(model.years)
    ]


def _window_rows(
    name: str, metric: str, model: CompiledModel, state: RunState, key: str
) -> list[dict[str, Any]]:
    qs, mean, sd = quantile_rows(state, key)
    return [
        {
            "scenario": name,
            "metric": metric,
            "window": f"{a}-{b}",
            "description": WINDOW_METRICS[metric],
            "unit": "% per year",
            "mean": mean[j] * 100,
            "sd": sd[j] * 100,
            **{q: qs[i, j] * 100 for i, q in enumerate(QCOLS)},
        }
        for j, (a, b) in enumerate(model.windows)
    ]


def _goal_rows(s: int, name: str, model: CompiledModel, state: RunState) -> list[dict[str, Any]]:
    n = max(state.draws, 1)
    rows = []
    for goal, output, year, _ in model.goals:
        p = state.count(f"{s}/hits:{goal}") / n
        p_cf = state.count(f"{s}/hits_cf:{goal}") / n
        gain, loss = state.count(f"{s}/gain:{goal}") / n, state.count(f"{s}/loss:{goal}") / n
        effect = gain - loss  # = p − p_cf, per draw d ∈ {−1, 0, 1}
        rows.append(
            {
                "scenario": name,
                "goal": goal,
                "output": output,
                "year": year,
                "probability": p,
                "se": math.sqrt(p * (1 - p) / n),
                "probability_without_policy": p_cf,
                "policy_effect": effect,
                "policy_effect_se": math.sqrt(max(gain + loss - effect**2, 0.0) / n),
            }
        )
    return rows


_GOAL_COLUMNS = [
    "scenario",
    "goal",
    "output",
    "year",
    "probability",
    "se",
    "probability_without_policy",
    "policy_effect",
    "policy_effect_se",
]


def run_provenance(outcome: RunOutcome) -> Provenance:
    """Sources, method and every parameter of a run (the first scenario's labels)."""
    model, scenario = outcome.models[0], outcome.scenarios[0]
    labels = model.labels
    sources: list[Source] = []
    for m in outcome.models:
        found = [m.labels.get(k) for k in ("macro_source", "sector_source", "registry_source")]
        for src in [*found, *m.labels.get("baseline_sources", ())]:
            if isinstance(src, Source) and src not in sources:
                sources.append(src)
    second = scenario.aggregation == "second-order"
    return Provenance(
        method="pflab.simulate (Monte Carlo, second-order Baqaee–Farhi aggregation)"
        if second
        else "pflab.simulate (Monte Carlo, first-order Domar aggregation)",
        sources=tuple(sources),
        parameters={
            "scenarios": [s.name for s in outcome.scenarios],
            "seed": outcome.info.seed,
            "draws": outcome.state.draws,
            "chunk_size": outcome.info.chunk_size,
            "run_id": outcome.info.run_id,
            "sectors": labels.get("sectors"),
            "targeting": {
                s.name: s.targeting.model_dump(exclude_none=True) for s in outcome.scenarios
            },
            "targets": {m.name: list(m.labels.get("targets", ())) for m in outcome.models},
            **({"second_order": scenario.second_order.model_dump()} if second else {}),
            "pwt_vintage": labels.get("pwt_vintage"),
            "base_year": scenario.base_year,
            "horizon": scenario.horizon,
            "distributions": {
                m.name: {k: v.describe() for k, v in m.distributions.items()}
                for m in outcome.models
            },
        },
        description="; ".join(
            dict.fromkeys(s.description for s in outcome.scenarios if s.description)
        ),
    )


def run_notes(outcome: RunOutcome) -> tuple[str, ...]:
    """Conventions a reader must see beside the numbers, then what happened to the run."""
    model = outcome.models[0]
    scenario = outcome.scenarios[0]
    notes = [
        "Median [5th, 95th percentile] over draws. Growth rates are average annual log "
        "growth over the window (2024-2035 = 2023→2024 … 2034→2035), percent per year.",
        "'bought' = the scenario's path minus the same draw without the policy (same "
        "random numbers): the median and band of the paired difference, percentage points.",
        f"{outcome.state.draws:,} draws per scenario, seed {outcome.info.seed}; sectors: "
        f"{model.labels.get('sectors', '')}; base year {scenario.base_year}.",
    ]
    baselines = dict.fromkeys(str(m.labels.get("baseline", "")) for m in outcome.models)
    notes += [f"Baseline: {b}." for b in baselines if b]
    for m in outcome.models:
        if m.has_policy:
            share = m.labels.get("budget_share_median", 0.0) * 100
            basis = m.labels.get("budget_basis") or "given as a share of GDP"
            low, high = m.labels.get("targeted_va_range", (0.0, 0.0))
            held = m.labels.get("targeted_va_share", 0.0) * 100
            span = (
                f" (range of the shares: {low * 100:.1f}-{high * 100:.1f}%)"
                if high - low > 1e-9
                else ""
            )
            notes.append(
                f"{m.name}: budget median {share:.3f}% of GDP ({basis}); its targets hold "
                f"{held:.1f}% of value added{span}."
            )
    if np.isfinite(model.observed_growth).any():
        notes.append("2024 is data: GDP grew 5.0% (NBS), in every draw; simulation starts in 2025.")
    bases = [str(m.labels.get("share_basis", "")) for m in outcome.models]
    notes += [b for b in dict.fromkeys(bases) if b]
    dropped = model.labels.get("dropped_sectors", ())
    if dropped:
        notes.append(
            f"Sectors without output or value added in the table, dropped: {', '.join(dropped)}."
        )
    return (*notes, *outcome.notes)


def build_result(outcome: RunOutcome) -> SimulationResult:
    """Assemble a result from a run's merged chunk summaries (sums in chunk order)."""
    state = outcome.state
    n = max(state.draws, 1)
    year_rows: list[dict[str, Any]] = []
    window_rows: list[dict[str, Any]] = []
    goal_rows: list[dict[str, Any]] = []
    share_frames = []
    breaks: dict[str, float] = {}
    for s, (model, scen) in enumerate(zip(outcome.models, outcome.scenarios, strict=True)):
        for metric in METRICS:
            year_rows += _yearly_rows(scen.name, metric, model, state, f"{s}/year:{metric}")
        for metric in WINDOW_METRICS:
            window_rows += _window_rows(scen.name, metric, model, state, f"{s}/window:{metric}")
        goal_rows += _goal_rows(s, scen.name, model, state)
        shares = pd.DataFrame(
            state.share_sums(s) / n * 100,
            index=pd.Index([int(y) for y in model.years], name="year"),
            columns=pd.Index(list(model.codes), name="sector"),
        )
        long = shares.melt(ignore_index=False, var_name="sector", value_name="share")
        long = long.reset_index().sort_values("year", kind="stable", ignore_index=True)
        long.insert(0, "scenario", scen.name)
        share_frames.append(long)
        breaks[scen.name] = state.count(f"{s}/breakthroughs") / n
    first = outcome.scenarios[0]
    names = [s.name for s in outcome.scenarios]
    title = (
        f"What {names[0]!r} buys: {first.title or first.description}"
        if len(names) == 1
        else f"What each scenario buys: {', '.join(names)}"
    )
    return SimulationResult(
        title=title,
        provenance=run_provenance(outcome),
        notes=run_notes(outcome),
        columns={**_COLUMNS, **{f"{m}_p50": f"median of {d}" for m, d in WINDOW_METRICS.items()}},
        scenarios=outcome.scenarios,
        yearly=pd.DataFrame(year_rows),
        windows=pd.DataFrame(window_rows),
        goals=pd.DataFrame(goal_rows, columns=_GOAL_COLUMNS),
        sector_shares=pd.concat(share_frames, ignore_index=True),
        draws=state.draws,
        draws_requested=outcome.info.draws,
        chunk_size=outcome.info.chunk_size,
        backend=outcome.info.backend,
        run_id=outcome.info.run_id,
        seconds=outcome.seconds,
        breakthroughs_per_draw=breaks,
        budget_shares={
            m.name: float(m.labels.get("budget_share_median", 0.0)) if m.has_policy else 0.0
            for m in outcome.models
        },
        labels=dict(outcome.models[0].labels),
        state=state,
    )
