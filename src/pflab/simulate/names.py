"""The names the simulator accepts, each derived once.

This module imports nothing heavy (no numpy, pandas or pydantic), so the command line
can build its choices from it without slowing ``pflab --help``:

* :data:`BACKENDS` from the :data:`Backend` literal;
* :data:`SENSITIVITY_METHODS` from :data:`SensitivityMethod`;
* :data:`BUILTIN_SCENARIOS` from the files in ``pflab/simulate/builtins/`` (every
  ``*.toml`` except ``defaults.toml``), ``none`` first.
"""

from __future__ import annotations

from importlib import resources
from typing import Literal, get_args

__all__ = [
    "BACKENDS",
    "BASELINES",
    "BUILTIN_SCENARIOS",
    "SENSITIVITY_METHODS",
    "Backend",
    "BaselineKind",
    "SensitivityMethod",
]

#: Where chunks run: in this process, a local process pool, or a Dask cluster.
Backend = Literal["local", "processes", "dask"]
#: The backend names, in the order of :data:`Backend`.
BACKENDS: tuple[str, ...] = get_args(Backend)

#: How the no-policy TFP trend is set (docs/simulate.md, "Baseline").
BaselineKind = Literal["consensus", "pwt-trend", "adjusted", "adjusted-pwt10"]
#: The baseline names, in the order of :data:`BaselineKind`.
BASELINES: tuple[str, ...] = get_args(BaselineKind)

#: Sobol and Morris indices, or PRIM scenario discovery.
SensitivityMethod = Literal["sobol", "morris", "prim"]
#: The method names, in the order of :data:`SensitivityMethod`.
SENSITIVITY_METHODS: tuple[str, ...] = get_args(SensitivityMethod)


def _builtin_scenarios() -> tuple[str, ...]:
    folder = resources.files(__package__ or "pflab.simulate").joinpath("builtins")
    stems = sorted(
        entry.name.removesuffix(".toml")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml") and entry.name != "defaults.toml"
    )
    return tuple(sorted(stems, key=lambda s: (s != "none", s)))


#: Names of the scenarios shipped with pflab (the files in ``builtins/``), ``none`` first.
BUILTIN_SCENARIOS: tuple[str, ...] = _builtin_scenarios()
