"""Calibration: the base-year economy from the Penn World Table and the sector
structure from an input–output table, compiled with a scenario into the arrays the
model consumes.

Macro base (PWT 11.0, constant national prices): output ``Y0 = rgdpna``, capital
``K0 = rnna``, labour ``L0 = emp·avh`` (persons × hours; persons alone where PWT has no
hours), human capital ``h0 = hc``, population ``pop``, and the observed history of GDP,
GDP per capita and TFP (``rtfpna``) used by goals such as "double 2020 GDP per capita".

The investment rate that is consistent with PWT's own capital stock is the implied one,
``s_t = (K_{t+1} − (1−δ_{t+1}) K_t) / Y_t`` (PWT builds ``rnna`` by the perpetual
inventory method); for China it is about 0.66 in 2018–22 at constant national prices,
against 0.43 for ``csh_i`` at current PPPs. :func:`implied_investment_rate` computes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pflab.data.embedded import load_pwt
from pflab.errors import DataError, DataNotFoundError, DataValidationError, LookupFailedError
from pflab.network import load_io
from pflab.policy import load_registry
from pflab.policy.timeline import REGISTRY_SOURCE
from pflab.provenance import Source
from pflab.simulate.scenario import Scenario
from pflab.simulate.sectors import SectorStructure

__all__ = [
    "CompiledModel",
    "MacroBase",
    "compile_model",
    "implied_investment_rate",
    "load_sectors",
    "macro_base",
    "programme_isic",
    "resolve_targets",
]


@dataclass(frozen=True)
class MacroBase:
    """Base-year levels and observed history of one economy (PWT)."""

    economy: str
    country: str
    base_year: int
    gdp: float
    capital: float
    labour: float
    human_capital: float
    population: float
    history: pd.DataFrame
    source: Source
    vintage: str

    @property
    def capital_output(self) -> float:
        """``K0 / Y0``."""
        return self.capital / self.gdp

    def observed(self, output: str, year: int) -> float:
        """Observed level of ``gdp``, ``gdp_per_capita`` or ``tfp`` in ``year``."""
        value = float(self.history[output].get(year, np.nan))
        if not np.isfinite(value):
            have = self.history[output].dropna().index
            raise DataNotFoundError(
                f"PWT {self.vintage} has no {output} for {self.economy} in {year}; "
                f"observed {int(have.min())}–{int(have.max())}"
            )
        return value


def macro_base(economy: str = "CHN", base_year: int = 2023, vintage: str = "11.0") -> MacroBase:
    """Base-year macro data of an economy from the embedded PWT.

    Raises
    ------
    pflab.errors.DataError
        If a needed variable is missing in the base year.
    """
    pwt = load_pwt(vintage)
    code = pwt.resolve(economy)
    rows = pwt.economy(code).sort_index()
    if base_year not in rows.index:
        raise DataNotFoundError(
            f"PWT {vintage} has no row for {code} in {base_year}; "
            f"years {int(rows.index.min())}–{int(rows.index.max())}"
        )
    row: dict[str, Any] = {str(k): v for k, v in rows.loc[base_year].items()}
    needed = ["rgdpna", "rnna", "emp", "hc", "pop"]
    missing = [c for c in needed if pd.isna(row.get(c))]
    if missing:
        raise DataError(
            f"{code} {base_year}: missing {', '.join(missing)}", path=f"embedded PWT {vintage}"
        )
    hours = row.get("avh")
    labour = float(row["emp"]) * (float(hours) if pd.notna(hours) else 1.0)
    history = pd.DataFrame(
        {
            "gdp": rows["rgdpna"],
            "gdp_per_capita": rows["rgdpna"] / rows["pop"],
            "tfp": rows.get("rtfpna", np.nan),
        }
    )
    return MacroBase(
        economy=code,
        country=pwt.economies[code],
        base_year=base_year,
        gdp=float(row["rgdpna"]),
        capital=float(row["rnna"]),
        labour=labour,
        human_capital=float(row["hc"]),
        population=float(row["pop"]),
        history=history,
        source=pwt.source,
        vintage=pwt.version,
    )


def implied_investment_rate(economy: str = "CHN", vintage: str = "11.0") -> pd.Series:
    """Investment rate implied by PWT's capital stock, ``(K_{t+1} − (1−δ_{t+1})K_t)/Y_t``."""
    pwt = load_pwt(vintage)
    rows = pwt.economy(pwt.resolve(economy)).sort_index()
    k, d, y = rows["rnna"], rows["delta"], rows["rgdpna"]
    rate = (k.shift(-1) - (1 - d.shift(-1)) * k) / y
    return pd.Series(rate, name="investment_rate").dropna()


# ---------------------------------------------------------------------------------------
# sectors


def load_sectors(economy: str, source: str, year: int) -> SectorStructure:
    """Sector structure of an embedded input–output table (:func:`pflab.network.load_io`).

    Raises
    ------
    pflab.errors.DataNotFoundError
        If no such table is embedded (the message lists those that are).
    """
    return SectorStructure.from_io_table(load_io(economy, year, source=source))


def programme_isic(programme: str) -> tuple[str, tuple[str, ...]]:
    """The registry id and ISIC Rev.4 target codes of a policy-registry programme.

    The codes are those of :meth:`pflab.policy.Registry.sectors_of`: the entry's own, its
    sub-entries' and items', and those of the entries it takes sectors from.

    Raises
    ------
    pflab.errors.LookupFailedError
        If no registry entry has that id, alias or name; the message lists the closest ids.
    pflab.errors.DataValidationError
        If the entry lists no target sectors (e.g. an economy-wide strategy).
    """
    registry = load_registry()
    try:
        entry = registry.get(programme)
    except LookupFailedError as exc:
        raise LookupFailedError(
            "policy-registry programme (targeting.programme)", programme, exc.suggestions
        ) from None
    codes = tuple(s.isic for s in registry.sectors_of(entry.id))
    if not codes:
        raise DataValidationError(
            f"targeting.programme {entry.id!r} ({entry.name_en}) lists no target sectors; "
            "give isic = [...] or sectors = [...] instead",
            path="policy registry",
        )
    return entry.id, codes


def resolve_targets(scenario: Scenario, sectors: SectorStructure) -> list[int]:
    """Indices of the targeted sectors (sorted, unique).

    Programmes and ISIC codes meet the table's sectors through its concordance (one code
    a prefix of the other); ``top-domar`` ranks Domar weights; ``top-distortion-centrality``
    ranks Liu's (2019) ξ under the scenario's uniform wedge (sectors without output last).

    Raises
    ------
    pflab.errors.LookupFailedError
        For an unknown programme, ISIC code or sector code.
    pflab.errors.DataValidationError
        If the targeting matches no sector of the table.
    """
    t = scenario.targeting
    if t.empty:
        return []
    if t.sectors:
        idx = sectors.index(t.sectors)
    elif t.isic:
        idx = sectors.select_isic(t.isic)
    elif t.programme:
        idx = sectors.select_isic(programme_isic(t.programme)[1])
    elif t.rule == "all":
        idx = list(range(sectors.n))
    elif t.rule == "top-domar":
        idx = list(np.argsort(-sectors.domar, kind="stable")[: t.count])
    else:
        xi = sectors.distortion_centrality(t.wedge)
        idx = list(np.argsort(-np.nan_to_num(xi, nan=-np.inf), kind="stable")[: t.count])
    if not idx:
        raise DataValidationError(
            f"targeting matches no sector of {sectors.label}", path=scenario.name
        )
    return sorted({int(i) for i in idx})


# ---------------------------------------------------------------------------------------
# compiled model


@dataclass(frozen=True)
class CompiledModel:
    """Everything the vectorised model needs, as plain arrays (picklable, small).

    Built by :func:`compile_model`; tests may build one by hand.
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
    targets: NDArray[np.int64]
    prior: NDArray[np.float64]
    capital_output: float
    budget_active: NDArray[np.bool_]
    budget_from_investment: bool
    distributions: dict[str, Any]
    goals: tuple[tuple[str, str, int, float], ...] = ()
    windows: tuple[tuple[int, int], ...] = ()
    hessian: NDArray[np.float64] | None = None
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
    def has_policy(self) -> bool:
        """Whether any money reaches any sector."""
        share = self.distributions["budget.share_of_gdp"]
        zero = (not share.uncertain) and share.value == 0.0
        return len(self.targets) > 0 and bool(self.budget_active.any()) and not zero

    def uncertain_names(self) -> list[str]:
        """Names of the parameters that vary across draws, in model order."""
        return [k for k, v in self.distributions.items() if v.uncertain]


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
        in GDP units. Default when ``scenario.aggregation == "second-order"``: the
        Baqaee–Farhi Hessian of the sector table, :meth:`SectorStructure.hessian` with the
        scenario's ``second_order`` elasticities.

    Raises
    ------
    pflab.errors.ParameterError
        If second-order aggregation is asked of a structure built without a table.
    """
    if macro is None:
        macro = macro_base(scenario.economy, scenario.base_year, scenario.pwt_vintage)
    if sectors is None:
        sectors = load_sectors(scenario.economy, scenario.sectors.source, scenario.sectors.year)
    if scenario.aggregation == "second-order" and hessian is None:
        so = scenario.second_order
        hessian = sectors.hessian(
            theta=so.theta, sigma=so.sigma, epsilon=so.epsilon, factors=so.factors
        )
    years = np.arange(scenario.base_year + 1, scenario.horizon + 1, dtype=np.int64)
    found = resolve_targets(scenario, sectors)
    # sectors with no value added or no R&D base in this table cannot absorb money
    targets = np.asarray(
        [i for i in found if sectors.value_added[i] > 0 and sectors.rd_share[i] > 0],
        dtype=np.int64,
    )
    t = scenario.targeting
    if len(targets):
        if t.weighting == "rd-stock":
            pool = scenario.parameters.knowledge_pool_share.median()
            prior = pool * sectors.va_share[targets] + (1 - pool) * sectors.rd_share[targets]
        elif t.weighting == "equal":
            prior = np.ones(len(targets))
        elif t.weighting == "domar":
            prior = sectors.domar[targets]
        else:
            prior = sectors.va_share[targets]
        prior = prior / prior.sum()
    else:
        prior = np.zeros(0)
    b = scenario.budget
    end = b.end if b.end is not None else scenario.horizon
    all_years = np.arange(scenario.base_year, scenario.horizon + 1)
    active = (all_years >= b.start) & (all_years <= end)
    domar = sectors.domar
    beta = sectors.drift_weight
    goals = []
    for g in scenario.goals:
        observed = macro.observed(g.output, g.relative_to)
        base = macro.observed(g.output, scenario.base_year)
        goals.append((g.name, g.output, int(g.year), float(g.at_least * observed / base)))
    return CompiledModel(
        name=scenario.name,
        base_year=scenario.base_year,
        years=years,
        codes=sectors.codes,
        domar=domar,
        va_share=sectors.va_share,
        manufacturing=sectors.manufacturing,
        drift_unit=beta / float(sectors.va_share @ beta),
        rd_share=sectors.rd_share,
        targets=targets,
        prior=prior,
        capital_output=macro.capital_output,
        budget_active=active,
        budget_from_investment=b.source == "investment",
        distributions=scenario.all_distributions(),
        goals=tuple(goals),
        windows=tuple(scenario.window_years()),
        hessian=None if hessian is None else np.asarray(hessian, dtype=np.float64),
        labels={
            "economy": macro.economy,
            "country": macro.country,
            "gdp0": macro.gdp,
            "population0": macro.population,
            "sectors": sectors.label,
            "sector_names": sectors.names,
            "macro_source": macro.source,
            "sector_source": sectors.source,
            "registry_source": REGISTRY_SOURCE if scenario.targeting.programme else None,
            "targets": tuple(sectors.codes[i] for i in targets),
            "pwt_vintage": macro.vintage,
        },
    )
