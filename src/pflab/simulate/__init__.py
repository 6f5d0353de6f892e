"""The new-national-system simulator: stochastic multi-sector projections of TFP and GDP.

Main entry points: :func:`simulate` (Monte Carlo of a scenario), :func:`sensitivity`
(Sobol / Morris indices), :func:`discover` (PRIM scenario discovery) and
:func:`load_scenario`. Equations and parameter sources: ``docs/simulate.md``.
"""

from pflab.simulate.calibrate import (
    CompiledModel,
    MacroBase,
    compile_model,
    implied_investment_rate,
    load_sectors,
    macro_base,
)
from pflab.simulate.discovery import PrimBox, discover, prim
from pflab.simulate.engine import simulate, simulate_model
from pflab.simulate.results import SimulationResult
from pflab.simulate.scenario import BUILTIN_SCENARIOS, Scenario, load_scenario
from pflab.simulate.sectors import SectorStructure
from pflab.simulate.sensitivity import SensitivityResult, ishigami, sensitivity

__all__ = [
    "BUILTIN_SCENARIOS",
    "CompiledModel",
    "MacroBase",
    "PrimBox",
    "Scenario",
    "SectorStructure",
    "SensitivityResult",
    "SimulationResult",
    "compile_model",
    "discover",
    "implied_investment_rate",
    "ishigami",
    "load_scenario",
    "load_sectors",
    "macro_base",
    "prim",
    "sensitivity",
    "simulate",
    "simulate_model",
]
