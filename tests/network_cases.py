"""Small input–output tables with published or analytic answers, shared by the tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pflab.tables import IOTable, MRIOTable


def miller_blair() -> IOTable:
    """Miller & Blair (2009), ch. 2 two-sector example: Z=[[150,500],[200,100]], x=[1000,2000]."""
    return IOTable.from_blocks(
        economy="MB",
        year=2009,
        scheme="mb2",
        codes=["1", "2"],
        names=["Agriculture", "Manufacturing"],
        Z=np.array([[150.0, 500.0], [200.0, 100.0]]),
        final_demand=pd.DataFrame({"final": [350.0, 1700.0]}, index=["1", "2"]),
        value_added=[650.0, 1400.0],
    )


def chain() -> IOTable:
    """A vertical chain: A sells only to B, B only to C, C only to final use."""
    return IOTable.from_blocks(
        economy="CH",
        year=2000,
        scheme="chain",
        codes=["A", "B", "C"],
        Z=np.array([[0.0, 0.25, 0.0], [0.0, 0.0, 0.5], [0.0, 0.0, 0.0]]),
        final_demand=pd.DataFrame({"final": [0.0, 0.0, 1.0]}, index=["A", "B", "C"]),
        value_added=[0.25, 0.25, 0.5],
    )


def random_table(seed: int, n: int = 6, imports: bool = True) -> IOTable:
    """A seeded random table with imports and two final-demand categories."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(50.0, 500.0, n)
    share = rng.uniform(0.2, 0.6, n)  # intermediate share of each sector's sales
    weights = rng.random((n, n)) * x[None, :]
    z = weights / weights.sum(axis=1, keepdims=True) * (share * x)[:, None]
    # keep every column's domestic + imported inputs below output
    scale = np.minimum(1.0, 0.7 * x / z.sum(axis=0))
    z = z * scale[None, :]
    final = x - z.sum(axis=1)
    split = rng.uniform(0.2, 0.8, n)
    fd = pd.DataFrame(
        {"households": final * split, "exports": final * (1 - split)},
        index=[f"s{i}" for i in range(n)],
    )
    zm = rng.uniform(0.0, 0.1, (n, n)) * x[None, :] * 0.2 if imports else None
    used = z.sum(axis=0) + (zm.sum(axis=0) if zm is not None else 0.0)
    return IOTable.from_blocks(
        economy="RND",
        year=2000 + seed,
        scheme="random",
        codes=[f"s{i}" for i in range(n)],
        Z=z,
        Z_imports=zm,
        final_demand=fd,
        final_demand_imports=None
        if zm is None
        else pd.DataFrame({"households": rng.uniform(0, 5, n)}, index=[f"s{i}" for i in range(n)]),
        value_added=x - used,
        gross_output=x,
        export_columns=["exports"],
    )


def random_mrio(seed: int, regions: int = 3, sectors: int = 4, categories: int = 2) -> MRIOTable:
    """A seeded random multi-regional table with a 3-row extension."""
    rng = np.random.default_rng(seed)
    n = regions * sectors
    x = rng.uniform(10.0, 100.0, n)
    r = rng.uniform(0.3, 0.7, n)
    z = rng.random((n, n)) ** 2
    for g in range(regions):
        block = slice(g * sectors, (g + 1) * sectors)
        z[block, block] *= 5.0
    z *= x[None, :]
    z *= (r * x / z.sum(axis=1))[:, None]
    final = (1 - r) * x
    y = rng.dirichlet(np.ones(regions * categories), size=n) * final[:, None]
    return MRIOTable.from_blocks(
        regions=[f"R{i}" for i in range(regions)],
        sectors=[f"s{j}" for j in range(sectors)],
        categories=[f"c{k}" for k in range(categories)],
        Z=z,
        Y=y,
        F=rng.lognormal(0.0, 1.0, (3, n)) * x,
        F_Y=rng.random((3, regions * categories)),
        stressors=["co2", "water", "jobs"],
    )
