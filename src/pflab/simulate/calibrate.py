"""Calibration: a scenario resolved against data into the arrays the model consumes.

The base-year economy comes from the Penn World Table (:mod:`pflab.simulate.macro`),
the no-policy TFP trend from the scenario's baseline (:mod:`pflab.simulate.baseline`),
the sector structure from an input–output table (:mod:`pflab.simulate.sectors`; by
default China's NBS 2020 table of 153 sectors, the table the official sector maps
target) and the targets from the policy registry (:mod:`pflab.simulate.targets`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from pflab.network import load_io
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.simulate.baseline import tfp_trend
from pflab.simulate.macro import (
    NBS_2024,
    MacroBase,
    implied_investment_rate,
    macro_base,
    observed_growth,
    population_growth,
)
from pflab.simulate.scenario import Scenario
from pflab.simulate.sectors import ELASTICITY_GROUPS, SectorStructure
from pflab.simulate.targets import target_weights

__all__ = [
    "CompiledModel",
    "MacroBase",
    "compile_model",
    "implied_investment_rate",
    "load_sectors",
    "macro_base",
]


def load_sectors(economy: str, source: str, year: int) -> SectorStructure:
    """Sector structure of an embedded input–output table (:func:`pflab.network.load_io`).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If no such table is embedded (the message lists those that are).
    """
    return SectorStructure.from_io_table(load_io(economy, year, source=source))


@dataclass(frozen=True)
class CompiledModel:
    """Everything the vectorised model needs, as plain arrays (picklable, small).

    Built by :func:`compile_model`; tests may build one by hand (``dataclasses.replace``).
    Per sector: ``domar``, ``va_share``, ``manufacturing``, ``drift_unit`` (β̃),
    ``rd_share`` (share of the economy's R&D), ``rd_intensity`` (R&D / value added),
    ``group`` (index into :data:`~pflab.simulate.sectors.ELASTICITY_GROUPS`). Per target:
    ``targets`` (sector indices), ``target_share`` (s_i) and ``prior`` (the allocation
    before selection). Per projected year: ``tfp_trend`` (NaN in observed years),
    ``observed_growth`` (log GDP growth that is data, NaN where simulated),
    ``population_growth``, ``budget_active`` (with the base year first).
    """

    name: str
    base_year: int
    years: NDArray[np.int64]
    codes: tuple[str, ...]
    domar: NDArray[np.float64]
    va_share: NDArray[np.float64]
    manufacturing: NDArray[np.bool_]
    drift_unit: NDArray[np.float64]
    rd_share: NDArray[np.float64]
    rd_intensity: NDArray[np.float64]
    group: NDArray[np.int64]
    targets: NDArray[np.int64]
    target_share: NDArray[np.float64]
    prior: NDArray[np.float64]
    prior_absorptive: bool
    capital_output: float
    tfp_trend: NDArray[np.float64]
    observed_growth: NDArray[np.float64]
    population_growth: NDArray[np.float64]
    budget_active: NDArray[np.bool_]
    distributions: dict[str, Any]
    goals: tuple[tuple[str, str, int, float], ...] = ()
    windows: tuple[tuple[int, int], ...] = ()
    hessian: NDArray[np.float64] | None = None
    hessian_long: NDArray[np.float64] | None = None
    short_run_years: int = 10
    labels: dict[str, Any] = field(default_factory=dict)

    @property
    def T(self) -> int:  # noqa: N802 - the model's symbol
        """Number of projected years."""
        return len(self.years)

    @property
    def N(self) -> int:  # noqa: N802 - the model's symbol
        """Number of sectors."""
        return len(self.codes)

    @property
    def observed_years(self) -> int:
        """How many leading projected years are data (GDP growth given)."""
        simulated = np.flatnonzero(~np.isfinite(self.observed_growth))
        return int(simulated[0]) if len(simulated) else self.T

    @property
    def has_policy(self) -> bool:
        """Whether any money reaches any sector."""
        share = self.distributions["budget.share_of_gdp"]
        zero = (not share.uncertain) and share.value == 0.0
        return len(self.targets) > 0 and bool(self.budget_active.any()) and not zero

    def uncertain_names(self) -> list[str]:
        """Names of the parameters that vary across draws, in model order."""
        return [k for k, v in self.distributions.items() if v.uncertain]


def _prior(
    weighting: str,
    sectors: SectorStructure,
    idx: NDArray[np.int64],
    share: NDArray[np.float64],
    pool: float,
) -> NDArray[np.float64]:
    if weighting == "rd-stock":
        prior = (pool * sectors.va_share[idx] + (1 - pool) * sectors.rd_share[idx]) * share
    elif weighting == "equal":
        prior = np.ones(len(idx))
    elif weighting == "domar":
        prior = sectors.domar[idx] * share
    else:
        prior = sectors.va_share[idx] * share
    return np.asarray(prior / prior.sum())


def _share_basis(scenario: Scenario, basis: tuple[str, ...]) -> str:
    """One note on where the programme shares come from (empty for other targets)."""
    if not scenario.targeting.programmes:
        return f"{scenario.name}: {'; '.join(basis)}." if basis else ""
    bound = scenario.targeting.bound
    used = "the central shares" if bound == "share" else f"the {bound} end of each range"
    return (
        f"{scenario.name}: programme shares from pflab.policy.programme_weights (the weights "
        f"of policy exposure and network --shock): {'; '.join(basis)}; {used}."
    )


def compile_model(
    scenario: Scenario,
    *,
    sectors: SectorStructure | None = None,
    macro: MacroBase | None = None,
    hessian: NDArray[np.float64] | None = None,
) -> CompiledModel:
    """Resolve a scenario against data into a :class:`CompiledModel`.

    Parameters
    ----------
    scenario
        The validated scenario.
    sectors
        Sector structure; default: :func:`load_sectors` for the scenario's IO source.
    macro
        Base-year macro data; default: :func:`macro_base` from the embedded PWT.
    hessian
        Second-order aggregation matrix ``∂²ln Y/∂a_i∂a_j`` over gross-output sector TFP,
        in GDP units, used for every year. Default when ``scenario.aggregation ==
        "second-order"``: the Baqaee–Farhi Hessian of the sector table with the short-run
        elasticities for the first ``short_run_years`` and the long-run ones after.

    Raises
    ------
    pflab.errors.ParameterError
        If second-order aggregation is asked of a structure built without a table.
    """
    if macro is None:
        macro = macro_base(scenario.economy, scenario.base_year, scenario.pwt_vintage)
    if sectors is None:
        sectors = load_sectors(scenario.economy, scenario.sectors.source, scenario.sectors.year)
    so = scenario.second_order
    hessian_long = None
    if scenario.aggregation == "second-order" and hessian is None:
        hessian = sectors.hessian(
            theta=so.theta, sigma=so.sigma, epsilon=so.epsilon, factors=so.factors
        )
        lr = so.long_run
        hessian_long = sectors.hessian(
            theta=lr.theta, sigma=lr.sigma, epsilon=lr.epsilon, factors=so.factors
        )
    years = np.arange(scenario.base_year + 1, scenario.horizon + 1, dtype=np.int64)
    distributions = scenario.all_distributions()
    observed = observed_growth(macro, years)
    trend = tfp_trend(
        scenario.baseline.kind, scenario.baseline.window, distributions, macro, years, observed
    )
    chosen = target_weights(scenario, sectors)
    targets, share = chosen.index, chosen.share
    va_used, va_low, va_high = chosen.va_share(sectors)
    pool = scenario.parameters.knowledge_pool_share.median()
    prior = (
        _prior(scenario.targeting.weighting, sectors, targets, share, pool)
        if len(targets)
        else np.zeros(0)
    )
    b = scenario.budget
    end = b.end if b.end is not None else scenario.horizon
    all_years = np.arange(scenario.base_year, scenario.horizon + 1)
    active = (all_years >= b.start) & (all_years <= end)
    beta = sectors.drift_weight
    goals = []
    for g in scenario.goals:
        observed_level = macro.observed(g.output, g.relative_to)
        base = macro.observed(g.output, scenario.base_year)
        goals.append((g.name, g.output, int(g.year), float(g.at_least * observed_level / base)))
    sources = [trend_source for trend_source in trend.sources]
    if np.isfinite(observed).any():
        sources.append(NBS_2024)
    budget_share = distributions["budget.share_of_gdp"]
    return CompiledModel(
        name=scenario.name,
        base_year=scenario.base_year,
        years=years,
        codes=sectors.codes,
        domar=sectors.domar,
        va_share=sectors.va_share,
        manufacturing=sectors.manufacturing,
        drift_unit=beta / float(sectors.va_share @ beta),
        rd_share=sectors.rd_share,
        rd_intensity=sectors.rd_intensity,
        group=np.asarray([ELASTICITY_GROUPS.index(g) for g in sectors.group], dtype=np.int64),
        targets=targets,
        target_share=share,
        prior=prior,
        prior_absorptive=scenario.targeting.weighting == "rd-stock",
        capital_output=macro.capital_output,
        tfp_trend=trend.path,
        observed_growth=observed,
        population_growth=population_growth(macro, years),
        budget_active=active,
        distributions=distributions,
        goals=tuple(goals),
        windows=tuple(scenario.window_years()),
        hessian=None if hessian is None else np.asarray(hessian, dtype=np.float64),
        hessian_long=hessian_long,
        short_run_years=so.short_run_years,
        labels={
            "economy": macro.economy,
            "country": macro.country,
            "gdp0": macro.gdp,
            "population0": macro.population,
            "sectors": sectors.label,
            "sector_names": sectors.names,
            "dropped_sectors": sectors.dropped,
            "macro_source": macro.source,
            "sector_source": sectors.source,
            "registry_source": REGISTRY_SOURCE if scenario.targeting.programmes else None,
            "baseline_sources": tuple(sources),
            "baseline": trend.description,
            "targets": tuple(sectors.codes[i] for i in targets),
            "target_shares": tuple(float(s) for s in share),
            "target_shares_low": tuple(float(s) for s in chosen.low),
            "target_shares_high": tuple(float(s) for s in chosen.high),
            "target_bound": chosen.bound,
            "targeted_va_share": va_used,
            "targeted_va_range": (va_low, va_high),
            "share_basis": _share_basis(scenario, chosen.basis),
            "budget_share_median": budget_share.median(),
            "budget_basis": b.basis,
            "pwt_vintage": macro.vintage,
        },
    )
