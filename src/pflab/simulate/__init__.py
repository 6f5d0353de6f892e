"""The new-national-system simulator: stochastic multi-sector projections of TFP and GDP.

Main entry points: :func:`simulate` (Monte Carlo of one or more scenarios on common random
numbers), :func:`compare` (paired differences between scenarios), :func:`sensitivity`
(Sobol / Morris indices), :func:`discover` (PRIM scenario discovery), :func:`backtest`
(a hindcast scored against history) and :func:`load_scenario`. Equations and parameter
sources: ``docs/simulate.md``.

Names are loaded on first use (PEP 562), so ``import pflab.simulate.names`` (what the
command line needs for its choices) does not load numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pflab._lazy import lazy_exports

if TYPE_CHECKING:
    from pflab.simulate.calibrate import (
        CompiledModel,
        MacroBase,
        compile_model,
        implied_investment_rate,
        load_sectors,
        macro_base,
    )
    from pflab.simulate.comparison import Comparison, compare
    from pflab.simulate.discovery import PrimBox, discover, prim
    from pflab.simulate.engine import simulate, simulate_model
    from pflab.simulate.hindcast import Backtest, backtest
    from pflab.simulate.names import BUILTIN_SCENARIOS
    from pflab.simulate.parameters import ParameterTable, parameter_table
    from pflab.simulate.results import SimulationResult
    from pflab.simulate.scenario import Scenario, load_scenario
    from pflab.simulate.sectors import SectorStructure
    from pflab.simulate.sensitivity_analysis import SensitivityResult, ishigami, sensitivity
    from pflab.simulate.sink import RunSink

#: Public name → the module that defines it.
_LAZY = {
    "BUILTIN_SCENARIOS": "pflab.simulate.names",
    "Backtest": "pflab.simulate.hindcast",
    "Comparison": "pflab.simulate.comparison",
    "CompiledModel": "pflab.simulate.calibrate",
    "MacroBase": "pflab.simulate.macro",
    "ParameterTable": "pflab.simulate.parameters",
    "PrimBox": "pflab.simulate.discovery",
    "RunSink": "pflab.simulate.sink",
    "Scenario": "pflab.simulate.scenario",
    "SectorStructure": "pflab.simulate.sectors",
    "SensitivityResult": "pflab.simulate.sensitivity_analysis",
    "SimulationResult": "pflab.simulate.results",
    "backtest": "pflab.simulate.hindcast",
    "compare": "pflab.simulate.comparison",
    "compile_model": "pflab.simulate.calibrate",
    "discover": "pflab.simulate.discovery",
    "implied_investment_rate": "pflab.simulate.macro",
    "ishigami": "pflab.simulate.sensitivity_analysis",
    "load_scenario": "pflab.simulate.scenario",
    "load_sectors": "pflab.simulate.calibrate",
    "macro_base": "pflab.simulate.macro",
    "parameter_table": "pflab.simulate.parameters",
    "prim": "pflab.simulate.discovery",
    "sensitivity": "pflab.simulate.sensitivity_analysis",
    "simulate": "pflab.simulate.engine",
    "simulate_model": "pflab.simulate.engine",
}

__all__ = [
    "BUILTIN_SCENARIOS",
    "Backtest",
    "Comparison",
    "CompiledModel",
    "MacroBase",
    "ParameterTable",
    "PrimBox",
    "RunSink",
    "Scenario",
    "SectorStructure",
    "SensitivityResult",
    "SimulationResult",
    "backtest",
    "compare",
    "compile_model",
    "discover",
    "implied_investment_rate",
    "ishigami",
    "load_scenario",
    "load_sectors",
    "macro_base",
    "parameter_table",
    "prim",
    "sensitivity",
    "simulate",
    "simulate_model",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
