"""Global sensitivity analysis of any output with respect to the uncertain parameters.

Sobol indices (Saltelli 2002; Saltelli et al. 2010 estimators, via SALib: Herman and
Usher 2017, *JOSS* 2(9)) and Morris elementary effects (Morris 1991; Campolongo,
Cariboni and Saltelli 2007's μ*). Parameters are sampled on the unit hypercube and
mapped through each parameter's quantile function, so indices refer to the scenario's
stated distributions.

The model is stochastic (sector noise, selection, breakthroughs). The function analysed
is the average over ``replications`` noise paths held fixed across design rows (common
random numbers), which makes it a deterministic function of the parameters; its
indices say which *assumptions* move the expected outcome.

Validated on the Ishigami function, whose indices are known analytically (a = 7,
b = 0.1: S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437; Ishigami and Homma 1990).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pflab.errors import ParameterError
from pflab.provenance import Provenance
from pflab.result import Column, Result, View
from pflab.simulate.calibrate import CompiledModel, MacroBase, compile_model
from pflab.simulate.model import simulate_block
from pflab.simulate.outputs import scalar_output
from pflab.simulate.scenario import Scenario, load_scenario
from pflab.simulate.sectors import SectorStructure
from pflab.simulate.streams import CommonStreams

__all__ = [
    "ISHIGAMI_INDICES",
    "SensitivityResult",
    "evaluate_design",
    "indices",
    "ishigami",
    "sensitivity",
    "sobol_warnings",
]

#: Analytic Sobol indices of the Ishigami function with a = 7, b = 0.1.
ISHIGAMI_INDICES = {
    "S1": (0.3139, 0.4424, 0.0),
    "ST": (0.5576, 0.4424, 0.2437),
}

Method = Literal["sobol", "morris"]
_EPS = 1e-9


def ishigami(x: NDArray[np.float64], a: float = 7.0, b: float = 0.1) -> NDArray[np.float64]:
    """``sin x1 + a sin² x2 + b x3⁴ sin x1`` (rows of ``x`` are points)."""
    return np.asarray(
        np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])
    )


@dataclass(frozen=True, kw_only=True)
class SensitivityResult(Result):
    """Sensitivity indices of one output.

    ``table`` has one row per parameter: for Sobol ``S1``, ``S1_conf``, ``ST``,
    ``ST_conf`` (95 % bootstrap half-widths); for Morris ``mu_star``, ``mu_star_conf``,
    ``sigma``. Rows are sorted by importance (``ST`` or ``mu_star``). Warnings about
    indices that leave [0, 1] beyond their interval, or intervals wider than 0.1, are in
    ``notes``.
    """

    output: str
    method: str
    table: pd.DataFrame
    evaluations: int

    @property
    def ranking(self) -> list[str]:
        """Parameters, most influential first."""
        return list(self.table["parameter"])

    def tables(self) -> dict[str, pd.DataFrame]:
        """``indices``: one row per parameter, most influential first."""
        return {"indices": self.table.copy()}

    def views(self) -> list[View]:
        """Total and first-order Sobol indices with their bands, or Morris μ*."""
        if self.method == "sobol":
            cols = [
                Column("parameter", "Parameter"),
                Column("distribution", "Distribution"),
                Column("ST", "Total ST", ".3f"),
                Column("ST_conf", "±", ".3f"),
                Column("S1", "First-order S1", ".3f"),
                Column("S1_conf", "±", ".3f"),
            ]
        else:
            cols = [
                Column("parameter", "Parameter"),
                Column("distribution", "Distribution"),
                Column("mu_star", "μ*", ".4g"),
                Column("mu_star_conf", "±", ".3g"),
                Column("sigma", "σ", ".3g"),
            ]
        return [View("indices", cols, title=self.title)]


def sobol_warnings(table: pd.DataFrame, *, width: float = 0.1) -> list[str]:
    """Warnings for Sobol indices that cannot be read at face value.

    An index is flagged when it leaves [0, 1] by more than its 95 % bootstrap
    half-width (``S < −conf`` or ``S > 1 + conf``: sampling error, a sample too small
    for this output) or when its interval ``S ± conf`` is wider than ``width``.
    """
    out = []
    for _, row in table.iterrows():
        for key in ("S1", "ST"):
            value, conf = float(row[key]), float(row[f"{key}_conf"])
            if value < -conf or value > 1 + conf:
                out.append(
                    f"Warning: {key} of {row['parameter']} is {value:.3f} ± {conf:.3f}, outside "
                    "[0, 1] beyond its interval; increase the samples."
                )
            elif 2 * conf > width:
                out.append(
                    f"Warning: {key} of {row['parameter']} has a 95% interval "
                    f"{value - conf:.3f} to {value + conf:.3f}, wider than {width:g}; "
                    "increase the samples before ranking on it."
                )
    return out


def indices(
    function: Callable[[NDArray[np.float64]], NDArray[np.float64]],
    distributions: Mapping[str, Any],
    *,
    method: Method = "sobol",
    samples: int = 512,
    seed: int = 0,
    levels: int = 4,
) -> tuple[pd.DataFrame, int]:
    """Sensitivity indices of ``function`` over independent parameters.

    Parameters
    ----------
    function
        Maps a ``(rows, D)`` array of parameter values (columns in the order of
        ``distributions``) to ``(rows,)`` outputs.
    distributions
        Name → distribution (anything with ``ppf``).
    method
        ``"sobol"`` (``samples`` must be a power of two; ``samples·(D+2)`` evaluations)
        or ``"morris"`` (``samples`` trajectories; ``samples·(D+1)`` evaluations).
    samples, seed, levels
        Design size, seed, Morris grid levels.

    Returns
    -------
    (pandas.DataFrame, int)
        The index table (sorted by importance) and the number of evaluations.
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    names = list(distributions)
    if not names:
        raise ParameterError("parameters", "no uncertain parameter to analyse")
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    if method == "sobol":
        if samples < 2 or samples & (samples - 1):
            raise ParameterError("samples", f"{samples}; Sobol needs a power of two, e.g. 256")
        u = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    elif method == "morris":
        u = morris_sample.sample(problem, samples, num_levels=levels, seed=seed)
    else:
        raise ParameterError("method", f"{method!r}; choose sobol or morris")
    u = np.clip(u, _EPS, 1 - _EPS)
    x = np.column_stack([distributions[n].ppf(u[:, j]) for j, n in enumerate(names)])
    y = np.asarray(function(x), dtype=np.float64)
    if not np.all(np.isfinite(y)):
        raise ParameterError("output", "the output is not finite for some parameter values")
    if method == "sobol":
        res = sobol_analyze.analyze(
            problem, y, calc_second_order=False, seed=seed, print_to_console=False
        )
        table = pd.DataFrame(
            {
                "parameter": names,
                "S1": res["S1"],
                "S1_conf": res["S1_conf"],
                "ST": res["ST"],
                "ST_conf": res["ST_conf"],
            }
        ).sort_values("ST", ascending=False, kind="stable")
    else:
        res = morris_analyze.analyze(
            problem, u, y, num_levels=levels, seed=seed, print_to_console=False
        )
        table = pd.DataFrame(
            {
                "parameter": names,
                "mu_star": res["mu_star"],
                "mu_star_conf": res["mu_star_conf"],
                "sigma": res["sigma"],
            }
        ).sort_values("mu_star", ascending=False, kind="stable")
    return table.reset_index(drop=True), len(y)


def evaluate_design(
    model: CompiledModel,
    values: Mapping[str, NDArray[np.float64]],
    output: str,
    *,
    replications: int = 4,
    seed: int = 0,
    block: int = 4096,
) -> NDArray[np.float64]:
    """Output per design row, averaged over ``replications`` common noise paths.

    ``values`` maps uncertain parameter names to per-row values; the other parameters
    take their fixed values.
    """
    rows = len(next(iter(values.values())))
    out = np.zeros(rows)
    for start in range(0, rows, block):
        stop = min(rows, start + block)
        n = stop - start
        params = {}
        for name, dist in model.distributions.items():
            if name in values:
                params[name] = np.asarray(values[name][start:stop], dtype=np.float64)
            elif dist.uncertain:
                params[name] = np.full(n, dist.median())
            else:
                params[name] = np.full(n, dist.value)
        acc = np.zeros(n)
        for r in range(replications):
            result = simulate_block(model, CommonStreams(seed, r, n), params)
            acc += scalar_output(model, result, output)
        out[start:stop] = acc / replications
    return out


def sensitivity(
    scenario: str | Scenario,
    output: str = "tfp_growth_2024_2035",
    *,
    method: Method = "sobol",
    samples: int = 256,
    replications: int = 4,
    seed: int = 0,
    sectors: SectorStructure | None = None,
    macro: MacroBase | None = None,
) -> SensitivityResult:
    """Which uncertain parameters decide ``output`` in ``scenario``.

    Parameters
    ----------
    scenario
        Built-in name, file, or :class:`Scenario`.
    output
        A scalar output name (see :mod:`pflab.simulate.outputs`), e.g.
        ``"tfp_growth_2024_2035"`` or ``"tfp_effect_2024_2035"``.
    method
        ``"sobol"`` or ``"morris"``.
    samples
        Sobol base sample (power of two) or Morris trajectories.
    replications
        Noise paths averaged per design row (common random numbers).
    seed
        Seed of the design and of the noise paths.
    """
    scen = load_scenario(scenario)
    model = compile_model(scen, sectors=sectors, macro=macro)
    dists = {k: model.distributions[k] for k in model.uncertain_names()}
    names = list(dists)

    def function(x: NDArray[np.float64]) -> NDArray[np.float64]:
        return evaluate_design(
            model,
            {n: x[:, j] for j, n in enumerate(names)},
            output,
            replications=replications,
            seed=seed,
        )

    # fail early on a bad output name
    function(np.array([[d.median() for d in dists.values()]]))
    table, n_eval = indices(function, dists, method=method, samples=samples, seed=seed)
    table.insert(1, "distribution", [dists[p].describe() for p in table["parameter"]])
    prov = Provenance(
        method=f"SALib {method}",
        sources=tuple(s for s in (model.labels.get("macro_source"),) if s is not None),
        parameters={
            "scenario": scen.name,
            "output": output,
            "samples": samples,
            "replications": replications,
            "seed": seed,
        },
        description=f"{method} indices of {output} over the uncertain parameters of "
        f"{scen.name!r}, noise averaged over {replications} common paths",
    )
    notes = [
        prov.description + ".",
        "Most influential first. ± = 95% bootstrap half-width.",
    ]
    if method == "sobol":
        notes += sobol_warnings(table)
    return SensitivityResult(
        title=f"{method.title()} sensitivity of {output} in {scen.name!r} "
        f"({n_eval * replications:,} model evaluations)",
        provenance=prov,
        notes=tuple(notes),
        columns={
            "parameter": "uncertain parameter (dotted name)",
            "distribution": "its distribution in the scenario",
            "S1": "first-order Sobol index (share of output variance)",
            "ST": "total Sobol index (share of output variance, interactions included)",
            "S1_conf": "95% bootstrap half-width of S1",
            "ST_conf": "95% bootstrap half-width of ST",
            "mu_star": "Morris mean absolute elementary effect, units of the output",
            "mu_star_conf": "95% bootstrap half-width of mu_star",
            "sigma": "standard deviation of the elementary effects",
        },
        output=output,
        method=method,
        table=table,
        evaluations=n_eval * replications,
    )
