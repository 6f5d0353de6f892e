"""Comparing scenarios: paired differences under common random numbers.

``compare(["none", "central", "services-first"])`` runs the scenarios together (every
draw of every scenario shares its random numbers) and reports, for each scenario after
the first, the median and band of the per-draw difference from the first scenario, not
a difference of medians: the median of ``X_B − X_A`` is what a reader means by "B does
this much better than A", and it generally differs from ``median(X_B) − median(X_A)``.
Goal probabilities are compared draw by draw as well; with ``u`` draws reaching the goal
only under B and ``v`` only under A, the difference is ``(u − v)/n`` with paired
standard error ``sqrt(((u + v)/n − ((u − v)/n)²) / n)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pflab.result import Column, Result, View
from pflab.simulate.calibrate import MacroBase
from pflab.simulate.chunks import DIFFERENCE_METRICS
from pflab.simulate.engine import DEFAULT_CHUNK, Progress, ScenarioSpec, simulate
from pflab.simulate.outputs import WINDOW_METRICS
from pflab.simulate.results import QCOLS, SimulationResult, quantile_rows
from pflab.simulate.sectors import SectorStructure
from pflab.simulate.sink import RunSink

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True, kw_only=True)
class Comparison(Result):
    """Paired differences of each scenario from the first (the reference).

    Attributes
    ----------
    effects
        One row per scenario (after the first), metric and window: quantiles, mean and
        s.d. over draws of the per-draw difference, percentage points per year, and the
        standard error of the mean difference.
    goals
        One row per scenario and goal: both probabilities, their paired difference and
        its standard error.
    results
        The simulation of every scenario (levels), from the same run.
    """

    effects: pd.DataFrame
    goals: pd.DataFrame
    results: SimulationResult

    @property
    def reference(self) -> str:
        """The scenario every other one is compared with."""
        return self.results.name

    def tables(self) -> dict[str, pd.DataFrame]:
        """``effects``, ``goals`` (differences) and ``scenarios`` (each scenario's levels)."""
        return {
            "effects": self.effects.copy(),
            "goals": self.goals.copy(),
            "scenarios": self.results.headline(),
        }

    def views(self) -> list[View]:
        """Differences in the first window, then goal differences, then the levels."""
        effects = [
            Column("scenario", "Scenario"),
            Column("metric", "Difference in"),
            Column("window", "Window"),
            Column("p50", "Median, pp/yr", "+.3f"),
            Column("p05", "5%", "+.3f"),
            Column("p95", "95%", "+.3f"),
            Column("mean", "Mean", "+.3f"),
            Column("mean_se", "±", ".3f"),
        ]
        goals = [
            Column("scenario", "Scenario"),
            Column("goal", "Goal"),
            Column("probability", "P", ".3f"),
            Column("reference_probability", f"P({self.reference})", ".3f"),
            Column("difference", "Difference", "+.3f"),
            Column("difference_se", "±", ".3f"),
        ]
        views = [View("effects", effects, title=self.title)]
        if len(self.goals):
            views.append(View("goals", goals, title="Goal probabilities (paired: same draws)"))
        levels = self.results.views()[0].columns
        views.append(View("scenarios", levels, title="Each scenario on its own"))
        return views


def _effect_rows(
    s: int, name: str, reference: str, results: Any, state: Any
) -> list[dict[str, Any]]:
    n = max(state.draws, 1)
    rows = []
    windows = results.scenario.window_years()
    for metric in DIFFERENCE_METRICS:
        qs, mean, sd = quantile_rows(state, f"d{s}/window:{metric}")
        for j, (a, b) in enumerate(windows):
            rows.append(
                {
                    "scenario": name,
                    "reference": reference,
                    "metric": metric,
                    "description": f"{WINDOW_METRICS[metric]}: {name} − {reference}",
                    "window": f"{a}-{b}",
                    "unit": "percentage points per year",
                    "mean": mean[j] * 100,
                    "sd": sd[j] * 100,
                    "mean_se": sd[j] * 100 / math.sqrt(n),
                    **{q: qs[i, j] * 100 for i, q in enumerate(QCOLS)},
                }
            )
    return rows


def _goal_rows(s: int, scenario: Any, reference_scenario: Any, state: Any) -> list[dict[str, Any]]:
    n = max(state.draws, 1)
    name, reference = scenario.name, reference_scenario.name
    ref_goals = {g.name for g in reference_scenario.goals}
    rows = []
    for goal in (g.name for g in scenario.goals):
        if goal not in ref_goals:
            continue
        up, down = state.count(f"d{s}/up:{goal}") / n, state.count(f"d{s}/down:{goal}") / n
        diff = up - down
        rows.append(
            {
                "scenario": name,
                "reference": reference,
                "goal": goal,
                "probability": state.count(f"{s}/hits:{goal}") / n,
                "reference_probability": state.count(f"0/hits:{goal}") / n,
                "difference": diff,
                "difference_se": math.sqrt(max(up + down - diff**2, 0.0) / n),
                "only_scenario": up,
                "only_reference": down,
            }
        )
    return rows


_GOAL_COLUMNS = [
    "scenario",
    "reference",
    "goal",
    "probability",
    "reference_probability",
    "difference",
    "difference_se",
    "only_scenario",
    "only_reference",
]


def compare(
    scenarios: Sequence[ScenarioSpec],
    *,
    draws: int = 10_000,
    seed: int = 0,
    chunk_size: int = DEFAULT_CHUNK,
    backend: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    store: RunSink | None = None,
    progress: Progress | None = None,
    sectors: SectorStructure | None = None,
    macro: MacroBase | None = None,
    baseline: str | None = None,
) -> Comparison:
    """Compare scenarios with the first by paired differences on common random numbers.

    Parameters
    ----------
    scenarios
        Two or more built-in names, files or :class:`~pflab.simulate.scenario.Scenario`
        objects; the first is the reference. Duplicate names are disambiguated.
    draws, seed, chunk_size, backend, workers, scheduler, store, progress, sectors, macro,
    baseline
        As for :func:`pflab.simulate.simulate`.

    Returns
    -------
    Comparison
        Medians and bands of per-draw differences, goal-probability differences with
        paired standard errors, and every scenario's own distribution.
    """
    from pflab.errors import ParameterError

    if len(scenarios) < 2:
        raise ParameterError("scenarios", "compare needs at least two scenarios")
    results = simulate(
        list(scenarios),
        draws=draws,
        seed=seed,
        chunk_size=chunk_size,
        backend=backend,
        workers=workers,
        scheduler=scheduler,
        store=store,
        progress=progress,
        sectors=sectors,
        macro=macro,
        baseline=baseline,
    )
    state, scens = results.state, results.scenarios
    assert state is not None
    reference = scens[0].name
    effects: list[dict[str, Any]] = []
    goals: list[dict[str, Any]] = []
    for s in range(1, len(scens)):
        effects += _effect_rows(s, scens[s].name, reference, results, state)
        goals += _goal_rows(s, scens[s], scens[0], state)
    columns = {
        "reference": "the scenario every difference is taken from",
        "p50": "median over draws of the per-draw difference",
        "mean_se": "standard error of the mean difference",
        "difference": "paired difference of goal probabilities",
        "difference_se": "paired standard error of the difference",
        "only_scenario": "share of draws reaching the goal only under the scenario",
        "only_reference": "share of draws reaching the goal only under the reference",
    }
    return Comparison(
        title=f"Scenarios compared with {reference!r} (paired differences, same draws)",
        provenance=results.provenance,
        notes=(
            "Each effect is the median [5th, 95th percentile] over draws of the per-draw "
            f"difference scenario − {reference} on common random numbers, percentage "
            "points per year — not a difference of medians.",
            "Goal differences count the draws that reach the goal under one scenario and "
            "not the other; their standard error is paired.",
            *results.notes[2:],
        ),
        columns={**results.columns, **columns},
        effects=pd.DataFrame(effects),
        goals=pd.DataFrame(goals, columns=_GOAL_COLUMNS),
        results=results,
    )
