"""The public surface is pinned: a change to it is a deliberate change to this test."""

from __future__ import annotations

import importlib

import pytest

import pflab

PUBLIC = {
    "pflab": [
        "IOTable",
        "PflabError",
        "Provenance",
        "Result",
        "Source",
        "__version__",
        "domar_weights",
        "growth_accounting",
        "load_io",
        "load_pwt",
        "load_registry",
        "multipliers",
        "read_pwt",
        "sensitivity",
        "shock_analysis",
    ],
}


def test_top_level_surface_is_pinned() -> None:
    assert pflab.__all__ == PUBLIC["pflab"]


@pytest.mark.parametrize(
    "name",
    [
        "pflab",
        "pflab.accounting",
        "pflab.claims",
        "pflab.data",
        "pflab.data.iotables",
        "pflab.network",
        "pflab.policy",
        "pflab.policy.terms",
        "pflab.report",
        "pflab.simulate",
        "pflab.world",
    ],
)
def test_all_resolves(name: str) -> None:
    # (ruff's RUF022 keeps every __all__ sorted)
    module = importlib.import_module(name)
    names = list(module.__all__)
    assert len(names) == len(set(names)), f"{name}.__all__ has duplicates"
    for attr in names:
        assert hasattr(module, attr), f"{name}.{attr} is in __all__ but missing"
