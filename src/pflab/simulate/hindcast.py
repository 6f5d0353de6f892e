"""A hindcast that scores the model: simulate from past years, compare with what happened.

For each origin year ``o`` the model is calibrated on data up to ``o`` only
(:mod:`pflab.simulate.origins`): the ``pwt-trend`` baseline over the 15 years to ``o``,
labour, human capital, the labour share, depreciation and the investment rate from the
years before ``o``, the latest embedded input–output table at or before ``o``, and (by
default) the uncertainty as well: sector noise scaled to the volatility of China's TFP
growth over the 15 years to ``o`` and a trend shift with the trend's standard error. The
scenario's own research and breakthrough parameters are kept; its policy budget is not
applied (the realised path already holds whatever policy did).

It then simulates every year from ``o + 1`` to the last PWT year and scores the realised
annual TFP growth (the same residual) and GDP growth (``rgdpna``):

* coverage of the 50 % and 90 % central bands;
* the continuous ranked probability score (Gneiting and Raftery 2007) of the model's
  draws, ``CRPS = E|X − y| − ½ E|X − X'|``, against a naive forecast: a normal with the
  mean and standard deviation of the variable over the ten years to ``o``, whose CRPS is
  ``σ (z (2Φ(z) − 1) + 2φ(z) − 1/√π)``, ``z = (y − μ)/σ``;
* the probability integral transform ``PIT = P(X ≤ y)``, whose histogram is flat for a
  calibrated forecast.

Targets (issue 9): the 90 % bands cover between 80 % and 98 % of realised annual outcomes
over all origins, and the model's mean CRPS is no worse than the naive forecast's.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.special import ndtr

from pflab.data.embedded import load_pwt
from pflab.errors import ParameterError
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View
from pflab.simulate.calibrate import compile_model, load_sectors
from pflab.simulate.macro import macro_base
from pflab.simulate.model import simulate_block
from pflab.simulate.origins import (
    TREND_WINDOW,
    VOLATILITY,
    noise_scale,
    origin_estimates,
    origin_scenario,
    realised,
    table_for,
)
from pflab.simulate.scenario import Scenario, load_scenario
from pflab.simulate.streams import Streams

__all__ = ["DEFAULT_ORIGINS", "Backtest", "backtest", "crps_ensemble", "crps_normal"]

#: Origins of ``pflab backtest`` by default.
DEFAULT_ORIGINS: tuple[int, ...] = (1995, 2000, 2005, 2008, 2012)
#: Variables scored: name → description.
VARIABLES = {"tfp_growth": "TFP growth", "gdp_growth": "GDP growth"}
_BLOCK = 2048


def crps_ensemble(draws: NDArray[np.float64], observed: float) -> float:
    """CRPS of an ensemble for one observation: ``E|X − y| − ½ E|X − X'|``.

    ``E|X − X'|`` over all ordered pairs of the ``n`` sorted draws is
    ``2/n² Σ_i (2i − n − 1) x_(i)`` (i = 1 … n), computed in O(n log n).
    """
    x = np.sort(np.asarray(draws, dtype=np.float64))
    n = len(x)
    first = float(np.mean(np.abs(x - observed)))
    ranks = 2 * np.arange(1, n + 1) - n - 1
    pairs = 2.0 * float(ranks @ x) / n**2
    return first - 0.5 * pairs


def crps_normal(mean: float, sd: float, observed: float) -> float:
    """CRPS of a normal forecast (Gneiting and Raftery 2007, eq. 21)."""
    z = (observed - mean) / sd
    pdf = math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)
    return sd * (z * (2 * float(ndtr(z)) - 1) + 2 * pdf - 1 / math.sqrt(math.pi))


@dataclass(frozen=True, kw_only=True)
class Backtest(Result):
    """Scores of a hindcast: coverage, CRPS against the naive forecast, PIT.

    Attributes
    ----------
    summary_table
        One row per variable and one for both: coverage of the 50 % and 90 % bands,
        mean CRPS of the model and of the naive forecast, and the skill
        ``1 − CRPS_model / CRPS_naive`` (positive: the model beats the naive forecast).
    by_origin
        The same per origin and variable.
    scores
        Every origin, variable and year: the realised value, the model's quantiles, PIT,
        both CRPS and whether the bands cover it (percent per year).
    pit
        The PIT histogram: ten bins of width 0.1, counts by variable.
    calibration
        What each origin was calibrated on (trend, investment rate, table, …).
    """

    summary_table: pd.DataFrame
    by_origin: pd.DataFrame
    scores: pd.DataFrame
    pit: pd.DataFrame
    calibration: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``summary``, ``by_origin``, ``scores``, ``pit``, ``calibration``."""
        return {
            "summary": self.summary_table.copy(),
            "by_origin": self.by_origin.copy(),
            "scores": self.scores.copy(),
            "pit": self.pit.copy(),
            "calibration": self.calibration.copy(),
        }

    def views(self) -> list[View]:
        """Coverage and CRPS overall and by origin, then the PIT histogram."""
        score_cols = [
            Column("coverage_50", "50% band covers", ".0%"),
            Column("coverage_90", "90% band covers", ".0%"),
            Column("crps_model", "CRPS model, pp", ".3f"),
            Column("crps_naive", "CRPS naive, pp", ".3f"),
            Column("skill", "Skill", "+.2f"),
            Column("n", "Years", "d"),
        ]
        return [
            View("summary", [Column("variable", "Variable"), *score_cols], title=self.title),
            View(
                "by_origin",
                [Column("origin", "Origin", "d"), Column("variable", "Variable"), *score_cols],
                title="By origin",
            ),
            View(
                "pit",
                [
                    Column("bin", "PIT bin"),
                    Column("tfp_growth", "TFP", "d"),
                    Column("gdp_growth", "GDP", "d"),
                ],
                title="PIT histogram (flat if calibrated)",
            ),
        ]

    def score(self, variable: str = "all") -> dict[str, float]:
        """The summary row of a variable (``tfp_growth``, ``gdp_growth`` or ``all``)."""
        row = self.summary_table[self.summary_table["variable"] == variable].iloc[0]
        return {str(k): v for k, v in row.items()}


def _simulated(model: object, draws: int, seed: int) -> dict[str, NDArray[np.float64]]:
    paths: dict[str, list[NDArray[np.float64]]] = {"tfp_growth": [], "gdp_growth": []}
    for c, start in enumerate(range(0, draws, _BLOCK)):
        out = simulate_block(model, Streams(seed, c, min(_BLOCK, draws - start)))  # type: ignore[arg-type]
        paths["tfp_growth"].append(np.diff(out.log_tfp, axis=1))
        paths["gdp_growth"].append(np.diff(out.log_gdp, axis=1))
    return {k: np.concatenate(v) for k, v in paths.items()}


def _coverage_rows(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = frame.groupby(keys, sort=False)
    out = grouped.agg(
        coverage_50=("in_50", "mean"),
        coverage_90=("in_90", "mean"),
        crps_model=("crps_model", "mean"),
        crps_naive=("crps_naive", "mean"),
        naive_coverage_90=("naive_in_90", "mean"),
        n=("year", "size"),
    ).reset_index()
    out["skill"] = 1 - out["crps_model"] / out["crps_naive"]
    return out


def backtest(
    scenario: str | Scenario = "none",
    origins: Sequence[int] = DEFAULT_ORIGINS,
    *,
    draws: int = 2000,
    seed: int = 0,
    volatility: str = "origin",
) -> Backtest:
    """Hindcast a scenario's baseline from past origins and score it (module docstring).

    Parameters
    ----------
    scenario
        Built-in name, file or :class:`Scenario` whose model parameters are used.
    origins
        Years to calibrate on and simulate from (each needs 15 earlier years of PWT
        and an embedded China input–output table at or before it: 1995 on).
    draws, seed
        Monte Carlo draws per origin and seed.
    volatility
        ``"origin"`` (default): sector noise and trend shift calibrated on the 15 years
        to each origin (:mod:`pflab.simulate.origins`); ``"scenario"``: the scenario's
        own, calibrated on 2008–2023 (the hindcast before 0.2.0).

    Raises
    ------
    pflab.errors.ParameterError
        For an origin outside the data, fewer than 100 draws or an unknown
        ``volatility``.
    """
    if draws < 100:
        raise ParameterError("draws", f"{draws}; the bands and CRPS need at least 100 draws")
    if volatility not in VOLATILITY:
        raise ParameterError("volatility", f"{volatility!r}; expected {' or '.join(VOLATILITY)}")
    scen = load_scenario(scenario)
    pwt = load_pwt("11.0")
    last = int(pwt.economy("CHN")["rgdpna"].dropna().index.max())
    origins = sorted({int(o) for o in origins})
    if not origins:
        raise ParameterError("origins", "give at least one origin year")
    for origin in origins:
        if not 1995 <= origin <= last - 3:
            raise ParameterError(
                "origins",
                f"{origin}: expected a year from 1995 to {last - 3} (the data "
                f"end in {last}; the earliest embedded table is OECD 1995)",
            )
    realised_all = realised(min(origins) - TREND_WINDOW, last)
    rows, calibration = [], []
    sources: list[Source] = [pwt.source]
    for origin in origins:
        table = table_for(origin)
        sectors = load_sectors("CHN", *table)
        macro = macro_base("CHN", origin)
        est = origin_estimates(origin)
        origin_scen = origin_scenario(scen, origin, last, table, volatility=volatility)
        model = compile_model(origin_scen, sectors=sectors, macro=macro)
        factor = 1.0
        if volatility == "origin":
            factor = noise_scale(model, est["tfp_sd"])
            origin_scen = origin_scenario(
                scen, origin, last, table, volatility=volatility, noise_factor=factor
            )
            model = compile_model(origin_scen, sectors=sectors, macro=macro)
        if sectors.source is not None and sectors.source not in sources:
            sources.append(sectors.source)
        sims = _simulated(model, draws, seed)
        calibration.append(
            {
                "origin": origin,
                "table": sectors.label,
                "tfp_trend": float(model.tfp_trend[0]) * 100,
                **{
                    k: v * 100 if "growth" in k or k.startswith(("investment", "tfp")) else v
                    for k, v in est.items()
                },
                "noise_factor": factor,
                "sector_noise_sd": model.distributions["sector_noise_sd"].describe(),
                "tfp_trend_shift": model.distributions["tfp_trend_shift"].describe(),
            }
        )
        for variable in VARIABLES:
            history = realised_all[variable].loc[origin - 9 : origin]
            mu, sd = float(history.mean()), float(history.std(ddof=1))
            draws_v = sims[variable]
            for j, year in enumerate(int(v) for v in model.years):
                y = float(realised_all[variable].loc[year])
                x = draws_v[:, j]
                q = np.quantile(x, [0.05, 0.25, 0.5, 0.75, 0.95])
                rows.append(
                    {
                        "origin": origin,
                        "variable": variable,
                        "year": year,
                        "horizon": year - origin,
                        "realised": y * 100,
                        **{
                            f"p{p:02d}": v * 100
                            for p, v in zip((5, 25, 50, 75, 95), q, strict=True)
                        },
                        "pit": float(np.mean(x <= y)),
                        "in_50": bool(q[1] <= y <= q[3]),
                        "in_90": bool(q[0] <= y <= q[4]),
                        "crps_model": crps_ensemble(x, y) * 100,
                        "naive_mean": mu * 100,
                        "naive_sd": sd * 100,
                        "crps_naive": crps_normal(mu, sd, y) * 100,
                        "naive_in_90": bool(abs(y - mu) <= 1.6449 * sd),
                    }
                )
    scores = pd.DataFrame(rows)
    by_origin = _coverage_rows(scores, ["origin", "variable"])
    by_variable = _coverage_rows(scores, ["variable"])
    both = _coverage_rows(scores.assign(variable="all"), ["variable"])
    summary = pd.concat([by_variable, both], ignore_index=True)
    edges = np.linspace(0, 1, 11)
    pit = pd.DataFrame({"bin": [f"{a:.1f}-{b:.1f}" for a, b in itertools.pairwise(edges)]})
    for variable in VARIABLES:
        values = scores.loc[scores["variable"] == variable, "pit"].to_numpy()
        pit[variable] = np.histogram(values, bins=edges)[0]
    overall = {str(k): v for k, v in summary.iloc[-1].items()}  # the pooled row
    cov_ok = 0.80 <= overall["coverage_90"] <= 0.98
    crps_ok = overall["crps_model"] <= overall["crps_naive"]
    verdict = (
        f"Targets: 90% bands cover {overall['coverage_90']:.0%} of {overall['n']} "
        f"realised annual outcomes (target 80-98%: {'met' if cov_ok else 'missed'}); mean "
        f"CRPS {overall['crps_model']:.3f} pp against the naive forecast's "
        f"{overall['crps_naive']:.3f} pp ({'met' if crps_ok else 'missed'})."
    )
    provenance = Provenance(
        method="pflab.simulate hindcast (pwt-trend baseline re-estimated at each origin)",
        sources=tuple(sources),
        parameters={
            "scenario": scen.name,
            "origins": origins,
            "draws": draws,
            "seed": seed,
            "last_year": last,
            "trend_window": TREND_WINDOW,
            "volatility": volatility,
        },
        description=f"Simulated from each origin to {last} on data up to the origin; scored "
        "on realised TFP growth (capital-stock residual, PWT 11.0) and GDP growth (rgdpna).",
    )
    return Backtest(
        title=f"Hindcast of {scen.name!r} from {', '.join(map(str, origins))} to {last}",
        provenance=provenance,
        notes=(
            verdict,
            "Coverage: share of realised annual values inside the model's 50% and 90% "
            "central bands. CRPS in percentage points (lower is better); naive forecast: "
            "normal with the mean and s.d. of the ten years to the origin. Skill = 1 − "
            "CRPS_model / CRPS_naive.",
            "Each origin is calibrated on data up to it only (pwt-trend over 15 years, "
            "labour and human capital over 10, investment over 5, the latest table at or "
            "before it); the scenario's policy budget is not applied.",
            "Uncertainty: sector noise scaled so the median within-draw s.d. of annual TFP "
            "growth equals China's over the 15 years to each origin, trend shift with the "
            "15-year trend's standard error (table calibration)."
            if volatility == "origin"
            else "Uncertainty: the scenario's own sector noise and trend shift (calibrated "
            "on 2008-2023, after most origins).",
        ),
        columns={
            "variable": "tfp_growth, gdp_growth, or all (both pooled)",
            "coverage_50": "share of realised values inside the 25th-75th percentile band",
            "coverage_90": "share of realised values inside the 5th-95th percentile band",
            "crps_model": "mean CRPS of the model's draws, percentage points",
            "crps_naive": "mean CRPS of the naive normal forecast, percentage points",
            "skill": "1 - crps_model / crps_naive",
            "naive_coverage_90": "coverage of the naive forecast's 90% band",
            "n": "number of realised annual values scored",
            "realised": "realised value, percent per year",
            "pit": "share of the model's draws at or below the realised value",
            "horizon": "years after the origin",
            "tfp_sd": "s.d. of annual TFP growth over the 15 years to the origin, pp",
            "tfp_trend_se": "its standard error as a 15-year mean, pp",
            "noise_factor": "factor on the scenario's sector noise (1 with volatility 'scenario')",
            "sector_noise_sd": "the sector noise used",
            "tfp_trend_shift": "the per-draw trend shift used",
        },
        summary_table=summary,
        by_origin=by_origin,
        scores=scores,
        pit=pit,
        calibration=pd.DataFrame(calibration),
    )
