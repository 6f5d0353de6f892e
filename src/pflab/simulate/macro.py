"""The base-year economy: levels and history from the Penn World Table, the years after it
that are data (2024's official growth), and the population path.

Macro base (PWT 11.0, constant national prices): output ``Y0 = rgdpna``, capital
``K0 = rnna``, labour ``L0 = emp·avh`` (persons × hours; persons alone where PWT has no
hours), human capital ``h0 = hc``, population ``pop``, and the observed history of GDP,
GDP per capita and TFP used by goals such as "double 2020 GDP per capita".

**One investment-rate definition.** The model's capital and output are PWT's
constant-national-price series, capital valued at the capital-stock PPP (``rnna``, equal
to ``cn`` in 2021). The investment rate consistent with them is the one implied by
``rnna`` and ``delta``, ``s_t = (K_{t+1} − (1−δ_{t+1}) K_t) / Y_t`` (PWT builds ``rnna``
by the perpetual inventory method): about 0.66 for China in 2018–22. PWT's ``csh_i``
(0.43) is investment at the *investment* PPP ``pl_i``, while the stock is valued at
``pl_n``; for China ``pl_i / pl_n ≈ 1.5`` (structures, cheap in China, weigh more in the
stock than in a year's investment), and ``csh_i · pl_i / pl_n`` reproduces the implied
rate. :func:`implied_investment_rate` computes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pflab.data.embedded import load_pwt
from pflab.errors import DataError, DataNotFoundError
from pflab.provenance import Source

__all__ = [
    "NBS_2024",
    "OBSERVED_GDP_GROWTH",
    "MacroBase",
    "implied_investment_rate",
    "macro_base",
    "observed_growth",
    "population_growth",
]

#: National Bureau of Statistics of China, 2024 figures released 17 January 2025.
NBS_2024 = Source(
    name="National Bureau of Statistics of China",
    version="2024 annual figures (17 January 2025)",
    citation="National Bureau of Statistics of China, press release on the national economy "
    "in 2024, 17 January 2025: GDP 134,908.4 bn yuan, real growth 5.0%; population "
    "1,408.28 million at the end of 2024, 1.39 million fewer than a year earlier",
    url="http://en.people.cn/n3/2025/0117/c90000-20267646.html",
    licence="unknown",
    note="Reported by People's Daily and China Daily, 17 January 2025.",
)

#: Official real GDP growth of years after the last PWT year (percent change as a
#: fraction), used as data: year → growth.
OBSERVED_GDP_GROWTH: dict[int, float] = {2024: 0.050}

#: Population, millions: end-2023 and end-2024 (NBS) and the UN World Population Prospects
#: 2024 medium variant for 2024 and 2054 (1.41 and 1.21 bn).
_POP_NBS = {2023: 1409.67, 2024: 1408.28}
_UN_2024, _UN_2054 = 1410.0, 1210.0
#: Near-term population growth at the start of the interpolation (about −0.2 %/yr).
_NEAR_TERM = -0.002


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
    last_year: int = 0

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
            "population": rows["pop"],
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
        last_year=int(rows["rgdpna"].dropna().index.max()),
    )


def implied_investment_rate(economy: str = "CHN", vintage: str = "11.0") -> pd.Series:
    """Investment rate implied by PWT's capital stock, ``(K_{t+1} − (1−δ_{t+1})K_t)/Y_t``."""
    pwt = load_pwt(vintage)
    rows = pwt.economy(pwt.resolve(economy)).sort_index()
    k, d, y = rows["rnna"], rows["delta"], rows["rgdpna"]
    rate = (k.shift(-1) - (1 - d.shift(-1)) * k) / y
    return pd.Series(rate, name="investment_rate").dropna()


def observed_growth(macro: MacroBase, years: NDArray[np.int64]) -> NDArray[np.float64]:
    """Observed log GDP growth of each projected year after the last PWT year (NaN
    where the year is to be simulated): 2024's official 5.0 % is data."""
    out = np.full(len(years), np.nan)
    for j, year in enumerate(years):
        growth = OBSERVED_GDP_GROWTH.get(int(year))
        if growth is not None and int(year) > macro.last_year and macro.economy == "CHN":
            out[j] = math.log1p(growth)
    return out


def population_growth(macro: MacroBase, years: NDArray[np.int64]) -> NDArray[np.float64]:
    """Log growth of population in each projected year.

    China from 2024: 2024 from the NBS year-end counts (1,409.67 → 1,408.28 million);
    2025–2054 a growth rate falling linearly from −0.2 % a year, chosen so that the
    path's average equals the UN World Population Prospects 2024 medium variant's
    2024–2054 change (1.41 → 1.21 bn, −0.51 % a year), and its last value after 2054.
    This is an interpolation, flagged as an approximation: the UN's year-by-year series
    is not in the staged data. Any other case (a backtest origin, another economy): the
    mean growth of PWT's population over the five years to the base year.
    """
    years = np.asarray(years)
    if macro.economy != "CHN" or macro.base_year != 2023:
        pop = macro.history["population"].dropna()
        recent = pop.loc[macro.base_year - 5 : macro.base_year]
        rate = float(np.log(recent.iloc[-1] / recent.iloc[0]) / (len(recent) - 1))
        return np.full(len(years), rate)
    mean = math.log(_UN_2054 / _UN_2024) / 30
    last = 2 * mean - _NEAR_TERM
    out = np.empty(len(years))
    for j, year in enumerate(int(y) for y in years):
        if year == 2024:
            out[j] = math.log(_POP_NBS[2024] / _POP_NBS[2023])
        elif year <= 2054:
            out[j] = _NEAR_TERM + (last - _NEAR_TERM) * (year - 2025) / 29
        else:
            out[j] = last
    return out


#: Final year of the investment-rate path parameter ``investment_rate_2050_ratio``.
S_PATH_YEAR = 2050


def investment_path(
    rate: NDArray[np.float64] | float, ratio: NDArray[np.float64] | float, t: Any, base_year: int
) -> Any:
    """Investment rate ``t`` years after the base year: falling (or rising) linearly from
    ``rate`` to ``rate × ratio`` in 2050."""
    return rate * (1.0 + (ratio - 1.0) * np.asarray(t) / (S_PATH_YEAR - base_year))
