"""Every parameter of a scenario with its distribution, bounds, evidence flag and source.

The distributions come from the scenario as loaded (defaults, the scenario file, any
``extends``), the bounds and their reasons from :data:`pflab.simulate.bounds.BOUNDS`, and the
flags and sources from ``parameter_sources.toml`` beside this module — one entry per
parameter, checked by the tests. The table is what a reader needs to judge a simulated
number: which inputs are measured, which are cited and which are modelling choices.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from pflab.errors import ModelError
from pflab.provenance import Provenance, Source
from pflab.result import Column, Result, View
from pflab.simulate.bounds import BOUNDS
from pflab.simulate.scenario import Scenario, load_scenario

__all__ = ["FLAGS", "ParameterTable", "parameter_sources", "parameter_table"]

#: The evidence flags, with what each means.
FLAGS: dict[str, str] = {
    "computed": "computed from the staged data",
    "cited": "a published number",
    "calibrated": "set so the model reproduces a computed target",
    "judgement": "a modelling choice (a user setting)",
    "unconfirmed": "a number not seen in a source",
}

_FILE = "parameter_sources.toml"


@cache
def parameter_sources() -> dict[str, dict[str, Any]]:
    """The flag(s) and source of every parameter, by dotted name (``parameter_sources.toml``).

    Raises
    ------
    pflab.errors.ModelError
        If an entry lacks a flag or a source, or names an unknown flag.
    """
    text = resources.files("pflab.simulate").joinpath(_FILE).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    for name, entry in data.items():
        flags = entry.get("flag")
        if not isinstance(flags, list) or not flags or not str(entry.get("source", "")).strip():
            raise ModelError(f"{_FILE}: entry {name!r} needs a non-empty flag list and source")
        unknown = sorted(set(flags) - set(FLAGS))
        if unknown:
            raise ModelError(
                f"{_FILE}: entry {name!r} has unknown flag(s) {unknown}; expected {sorted(FLAGS)}"
            )
    return data


@dataclass(frozen=True, kw_only=True)
class ParameterTable(Result):
    """One row per scenario parameter: distribution, range, bounds, flag and source.

    Attributes
    ----------
    scenario
        The scenario's name.
    parameters
        Columns ``parameter``, ``group``, ``distribution`` (as written), ``median``,
        ``low`` and ``high`` (the support; for normal and log-normal laws the 0.01 % and
        99.99 % quantiles), ``bound_low``, ``bound_high`` and ``bound_reason`` (what a
        scenario may not exceed, and why), ``flag`` and ``source``.
    """

    scenario: str
    parameters: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """``parameters``: one row per parameter."""
        return {"parameters": self.parameters.copy()}

    def views(self) -> list[View]:
        """Parameter, distribution, median, flag and source (bounds in CSV/JSON)."""
        return [
            View(
                "parameters",
                [
                    Column("parameter", "Parameter"),
                    Column("distribution", "Distribution"),
                    Column("median", "Median", ".4g"),
                    Column("flag", "Flag"),
                    Column("source", "Source"),
                ],
            )
        ]


def _group(name: str) -> str:
    if "." in name:
        return name.split(".", 1)[0]
    if name.startswith(("rd_", "research_", "knowledge_", "baseline_rd", "absorptive")):
        return "research"
    if name.startswith("breakthrough"):
        return "breakthroughs"
    if name.startswith(("sector_", "substitution", "allocation", "return_")):
        return "sectors"
    return "macro"


def parameter_table(scenario: str | Path | Scenario = "central") -> ParameterTable:
    """Every parameter of a scenario with its distribution, bounds, flag and source.

    Parameters
    ----------
    scenario
        A built-in name, a scenario file or a :class:`Scenario`.

    Returns
    -------
    ParameterTable
        One row per parameter of :meth:`Scenario.all_distributions`, in that order.

    Raises
    ------
    pflab.errors.ModelError
        If a parameter has no entry in ``parameter_sources.toml`` (a new parameter must
        say where it comes from).
    """
    scen = load_scenario(scenario)
    sources = parameter_sources()
    rows = []
    for name, dist in scen.all_distributions().items():
        if name not in sources:
            raise ModelError(
                f"parameter {name!r} has no entry in pflab/simulate/{_FILE}: say where it "
                "comes from (flag and source)"
            )
        low, high = dist.support()
        bound = BOUNDS.get(name)
        rows.append(
            {
                "parameter": name,
                "group": _group(name),
                "distribution": dist.describe(),
                "median": float(dist.median()),
                "low": float(low),
                "high": float(high),
                "bound_low": None if bound is None else float(bound[0]),
                "bound_high": None if bound is None else float(bound[1]),
                "bound_reason": "" if bound is None else bound[2],
                "flag": "; ".join(sources[name]["flag"]),
                "source": str(sources[name]["source"]),
            }
        )
    frame = pd.DataFrame(rows)
    judged = int(frame["flag"].str.contains("judgement").sum())
    notes = (
        "Flags: " + "; ".join(f"{k}: {v}" for k, v in FLAGS.items()) + ".",
        f"{judged} of {len(frame)} parameters rest at least partly on judgement; "
        "`pflab sensitivity` ranks which of them move the answer.",
        "budget.share_of_gdp is the scenario's yearly amount over 2024 GDP (NBS); "
        "low and high are the support (normal and log-normal laws: the 0.01 % and "
        "99.99 % quantiles). Evidence at length: docs/simulate.md, 'Parameters'.",
    )
    source = Source(
        name="pflab simulator parameters",
        version=scen.name,
        citation="pflab/simulate/parameter_sources.toml and docs/simulate.md ('Parameters', "
        "'Budgets', 'Mechanisms'); each row names its own evidence",
        licence="MIT (pflab)",
    )
    return ParameterTable(
        title=f"Parameters of scenario '{scen.name}': distribution, evidence and source",
        notes=notes,
        provenance=Provenance(
            method="parameter-table",
            sources=(source,),
            parameters={"scenario": scen.name},
            description="Every parameter of the scenario as loaded, with its bounds, "
            "evidence flag and source.",
        ),
        columns={
            "parameter": "dotted parameter name (scenario file key)",
            "distribution": "the law as written in the scenario",
            "median": "median of the law",
            "low": "lowest value drawn",
            "high": "highest value drawn",
            "bound_low": "lowest value a scenario may set",
            "bound_high": "highest value a scenario may set",
            "flag": "evidence: computed, cited, calibrated, judgement, unconfirmed",
        },
        scenario=scen.name,
        parameters=frame,
    )
