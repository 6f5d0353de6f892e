"""Scenario discovery: which parameter ranges lead to success.

PRIM, the patient rule induction method (Friedman and Fisher 1999, *Statistics and
Computing* 9; used for scenario discovery by Bryant and Lempert 2010, *Technological
Forecasting and Social Change* 77), peels a box around the cases of interest: at each
step it removes the ``alpha`` share of the remaining points from the low or high end of
the one parameter that raises the share of successes (density) most, until the box
holds less than ``min_mass`` of the points. The reported box is the densest one on that
trajectory that still covers at least ``min_coverage`` of all successes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pflab.errors import ParameterError
from pflab.provenance import Provenance
from pflab.result import Column, Result, View
from pflab.simulate.calibrate import MacroBase, compile_model
from pflab.simulate.model import simulate_block
from pflab.simulate.outputs import scalar_output
from pflab.simulate.scenario import Scenario, load_scenario
from pflab.simulate.sectors import SectorStructure
from pflab.simulate.streams import Streams

__all__ = ["PrimBox", "discover", "prim"]


@dataclass(frozen=True, kw_only=True)
class PrimBox(Result):
    """A PRIM box: parameter limits, with coverage, density and mass.

    ``limits`` has one row per restricted parameter: ``low``, ``high`` (the box) and
    ``min``, ``max`` (the range in the data). ``trajectory`` lists every peeling step.
    """

    limits: pd.DataFrame
    coverage: float
    density: float
    mass: float
    base_density: float
    trajectory: pd.DataFrame
    target: str = ""

    def tables(self) -> dict[str, pd.DataFrame]:
        """``box`` (the restricted parameters) and ``trajectory`` (every peeling step)."""
        return {"box": self.limits.copy(), "trajectory": self.trajectory.copy()}

    def views(self) -> list[View]:
        """The box's limits against the parameters' ranges."""
        cols = [
            Column("parameter", "Parameter"),
            Column("low", "Box low", ".4g"),
            Column("high", "Box high", ".4g"),
            Column("min", "Range min", ".4g"),
            Column("max", "Range max", ".4g"),
        ]
        return [View("box", cols, title=self.title)]


_PRIM_NOTE = (
    "PRIM peeling (Friedman and Fisher 1999; Bryant and Lempert 2010): the densest box "
    "on the peeling trajectory that covers at least min_coverage of the successes."
)


def prim(
    x: pd.DataFrame,
    y: NDArray[np.bool_],
    *,
    alpha: float = 0.05,
    min_mass: float = 0.05,
    min_coverage: float = 0.5,
    target: str = "",
    provenance: Provenance | None = None,
) -> PrimBox:
    """Find a box of parameter space where ``y`` is mostly true (PRIM peeling).

    Parameters
    ----------
    x
        One column per parameter, one row per case.
    y
        Whether each case is a success.
    alpha
        Share of the box's points peeled per step.
    min_mass
        Stop when the box holds less than this share of all points.
    min_coverage
        The reported box covers at least this share of all successes.
    """
    y = np.asarray(y, dtype=bool)
    if len(x) != len(y):
        raise ParameterError("y", f"{len(y)} outcomes for {len(x)} cases")
    if not 0 < alpha < 0.5:
        raise ParameterError("alpha", f"{alpha}; expected 0 < alpha < 0.5")
    if y.sum() == 0:
        raise ParameterError("y", "no case is a success; nothing to discover")
    values = x.to_numpy(dtype=np.float64)
    names = list(x.columns)
    n, total = len(y), int(y.sum())
    inside = np.ones(n, dtype=bool)
    low = values.min(axis=0).copy()
    high = values.max(axis=0).copy()
    steps = [(low.copy(), high.copy(), 1.0, y.mean(), 1.0)]
    while inside.mean() > min_mass:
        best: tuple[float, int, str, float] | None = None
        pts = values[inside]
        ys = y[inside]
        for j in range(values.shape[1]):
            col = pts[:, j]
            for side, cut in (
                ("low", np.quantile(col, alpha)),
                ("high", np.quantile(col, 1 - alpha)),
            ):
                keep = col > cut if side == "low" else col < cut
                if keep.sum() == 0 or keep.all():
                    continue
                dens = ys[keep].mean()
                if best is None or dens > best[0]:
                    best = (dens, j, side, float(cut))
        if best is None:
            break
        _, j, side, cut = best
        if side == "low":
            low[j] = cut
            inside &= values[:, j] > cut
        else:
            high[j] = cut
            inside &= values[:, j] < cut
        cov = y[inside].sum() / total
        steps.append(
            (low.copy(), high.copy(), float(cov), float(y[inside].mean()), float(inside.mean()))
        )
    traj = pd.DataFrame(
        {
            "coverage": [s[2] for s in steps],
            "density": [s[3] for s in steps],
            "mass": [s[4] for s in steps],
        }
    )
    ok = traj.index[traj["coverage"] >= min_coverage]
    pick = int(traj.loc[ok, "density"].idxmax()) if len(ok) else 0
    lo, hi, cov, dens, mass = steps[pick]
    full_lo, full_hi = values.min(axis=0), values.max(axis=0)
    restricted = (lo > full_lo) | (hi < full_hi)
    limits = pd.DataFrame(
        {
            "parameter": np.array(names)[restricted],
            "low": lo[restricted],
            "high": hi[restricted],
            "min": full_lo[restricted],
            "max": full_hi[restricted],
        }
    )
    return PrimBox(
        title=f"PRIM box for {target or 'success'}: density {dens:.2f} (base rate "
        f"{float(y.mean()):.2f}), coverage {cov:.2f}, mass {mass:.2f}",
        provenance=provenance
        or Provenance(
            method="PRIM peeling",
            parameters={"alpha": alpha, "min_mass": min_mass, "min_coverage": min_coverage},
        ),
        notes=(_PRIM_NOTE,),
        columns={
            "parameter": "uncertain parameter (dotted name)",
            "low": "lower limit of the box",
            "high": "upper limit of the box",
            "min": "smallest value drawn",
            "max": "largest value drawn",
            "coverage": "share of all successes inside the box",
            "density": "share of successes among the draws inside the box",
            "mass": "share of all draws inside the box",
        },
        limits=limits,
        coverage=cov,
        density=dens,
        mass=mass,
        base_density=float(y.mean()),
        trajectory=traj,
        target=target,
    )


def discover(
    scenario: str | Scenario,
    *,
    goal: str | None = None,
    output: str | None = None,
    above: float | None = None,
    draws: int = 20_000,
    seed: int = 0,
    sectors: SectorStructure | None = None,
    macro: MacroBase | None = None,
    **prim_options: float,
) -> PrimBox:
    """Which ranges of the uncertain parameters lead to a goal (or an output above a level).

    Parameters
    ----------
    scenario
        Built-in name, file, or :class:`Scenario`.
    goal
        A goal's name (default: the scenario's first goal), or
    output, above
        A scalar output and the level it must exceed.
    draws, seed
        Monte Carlo sample.
    """
    scen = load_scenario(scenario)
    model = compile_model(scen, sectors=sectors, macro=macro)
    if output is None:
        names = [g[0] for g in model.goals]
        if goal is None:
            if not names:
                raise ParameterError("goal", f"scenario {scen.name!r} has no goals")
            goal = names[0]
        elif goal not in names:
            raise ParameterError("goal", f"{goal!r}; the scenario's goals: {', '.join(names)}")
        target, threshold = goal, 0.5
    else:
        if above is None:
            raise ParameterError("above", "give the level the output must exceed")
        target, threshold = f"{output} > {above:g}", above
    columns: dict[str, list[NDArray[np.float64]]] = {k: [] for k in model.uncertain_names()}
    ys = []
    block = 4096
    for c, start in enumerate(range(0, draws, block)):
        n = min(block, draws - start)
        out = simulate_block(model, Streams(seed, c, n))
        ys.append(scalar_output(model, out, output or str(goal)) > threshold)
        for k in columns:
            columns[k].append(out.params[k])
    x = pd.DataFrame({k: np.concatenate(v) for k, v in columns.items()})
    sources = tuple(
        src
        for key in ("macro_source", "sector_source")
        if (src := model.labels.get(key)) is not None
    )
    provenance = Provenance(
        method="PRIM peeling on Monte Carlo draws",
        sources=sources,
        parameters={
            "scenario": scen.name,
            "target": target,
            "draws": draws,
            "seed": seed,
            **prim_options,
        },
        description=f"which parameter ranges of {scen.name!r} lead to {target}",
    )
    return prim(x, np.concatenate(ys), target=target, provenance=provenance, **prim_options)
