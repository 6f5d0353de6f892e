"""The table core (pflab.tables): one constructor, linear-time validation, pickling without
re-validation, the shared solver, sources, and the linear-algebra helpers."""

from __future__ import annotations

import builtins
import pickle
from typing import Any

import numpy as np
import pandas as pd
import pytest

from network_cases import miller_blair, random_mrio, random_table
from pflab.errors import DataValidationError, ParameterError
from pflab.provenance import Source
from pflab.tables import BLOCKS, IOTable, MRIOTable
from pflab.tables.linalg import LeontiefSolver, perron_root, safe_divide, spectral_radius


def _labelled(n: int) -> dict[str, Any]:
    """The from_blocks keywords of a balanced n-sector table given as labelled frames."""
    table = random_table(7, n=n)
    return {k: v for k, v in table.blocks().items() if v is not None}


def test_constructor_is_from_blocks() -> None:
    kwargs = miller_blair().blocks()
    a, b = IOTable(**kwargs), IOTable.from_blocks(**kwargs)
    for block in BLOCKS:
        left, right = getattr(a, block.field), getattr(b, block.field)
        assert (left is None) == (right is None)
        if left is not None:
            np.testing.assert_array_equal(left, right)
    assert a.balance == b.balance and a.spectral_radius == b.spectral_radius
    assert a.sources == b.sources


def test_labelled_blocks_are_reordered_and_mislabels_named() -> None:
    kwargs = _labelled(5)
    shuffled = {
        k: (v.iloc[::-1] if isinstance(v, pd.DataFrame | pd.Series) else v)
        for k, v in kwargs.items()
    }
    again = IOTable.from_blocks(**shuffled)
    pd.testing.assert_frame_equal(again.Z, random_table(7, n=5).Z)
    bad = dict(kwargs)
    bad["final_demand"] = kwargs["final_demand"].rename(index={"s3": "zz"})
    with pytest.raises(DataValidationError, match=r"final_demand: rows .*missing sectors \['s3'\]"):
        IOTable.from_blocks(**bad)


def test_label_checks_build_each_set_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation is linear: the number of sets built does not grow with the sectors."""
    import pflab.tables._checks as checks

    built = {"sets": 0}

    def counting_set(*args: Any) -> set[Any]:
        built["sets"] += 1
        return builtins.set(*args)

    monkeypatch.setattr(checks, "set", counting_set, raising=False)
    counts, failing = [], []
    for n in (4, 40, 200):
        kwargs = _labelled(n)
        built["sets"] = 0
        IOTable.from_blocks(**kwargs, check=False)
        counts.append(built["sets"])
        # the error path too: naming the mislabelled sectors stays linear
        bad = dict(kwargs)
        bad["final_demand"] = kwargs["final_demand"].rename(index={"s1": "zz"})
        built["sets"] = 0
        with pytest.raises(DataValidationError, match=r"missing sectors \['s1'\]"):
            IOTable.from_blocks(**bad, check=False)
        failing.append(built["sets"])
    assert counts[0] == counts[1] == counts[2], counts
    assert 0 < failing[0] == failing[1] == failing[2], failing


def test_unpickling_restores_without_validating(monkeypatch: pytest.MonkeyPatch) -> None:
    table = random_table(3, n=12)
    data = pickle.dumps(table)
    solver = table.solver()

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("unpickling must not validate or re-check labels")

    import pflab.tables._validate
    import pflab.tables.iotable

    monkeypatch.setattr(pflab.tables._validate, "validate", fail)
    monkeypatch.setattr(pflab.tables.iotable, "as_matrix", fail)
    monkeypatch.setattr(pflab.tables.iotable, "as_vector", fail)
    back = pickle.loads(data)
    for block in BLOCKS:
        left, right = getattr(back, block.field), getattr(table, block.field)
        if left is not None:
            np.testing.assert_array_equal(left, right)
            assert not left.flags.writeable
    assert back.balance == table.balance and back.spectral_radius == table.spectral_radius
    assert back.solver() is not solver  # the cache is not pickled
    np.testing.assert_allclose(back.solver().solve(np.ones(12)), solver.solve(np.ones(12)))


def test_one_solver_per_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from pflab.network import import_content, linkages, multipliers, position

    factorised = {"n": 0}
    original = LeontiefSolver._factorise

    def counting(self: LeontiefSolver) -> None:
        factorised["n"] += 1
        original(self)

    monkeypatch.setattr(LeontiefSolver, "_factorise", counting)
    table = random_table(11, n=8)
    multipliers(table)
    import_content(table)
    linkages(table)
    position(table)
    assert factorised["n"] == 1
    assert table.solver() is table.solver()


def test_replace_revalidates_and_keeps_sources() -> None:
    own = Source("toy", "1", "a toy table")
    jobs = Source("toy jobs", "1", "a toy employment series")
    table = miller_blair().replace(source=own, sources=(own, jobs))
    assert table.sources == (own, jobs) and table.source == own
    other = Source("toy", "2", "revised")
    assert table.replace(source=other).sources == (other, jobs)
    with pytest.raises(DataValidationError, match="row 2"):
        table.replace(value_added=[650.0, 1300.0])
    with pytest.raises(ParameterError, match="unknown fields"):
        table.replace(colour="red")


def test_employment_keeps_its_own_citation() -> None:
    from pflab.data.iotables import load_io
    from pflab.network import multipliers

    table = load_io("CHN", 2018, sectors=42)
    assert [s.name for s in table.sources] == [
        "NBS input-output table of China",
        "China employment by industry",
    ]
    result = multipliers(table)
    assert result.provenance.sources == table.sources
    assert "China employment by industry" in result.stamp()


def test_mrio_shares_arrays_and_unpickles_without_validating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mrio = random_mrio(4)
    z = np.ascontiguousarray(mrio.z.copy())
    shared = MRIOTable.from_blocks(
        regions=mrio.regions, sectors=mrio.sectors, categories=mrio.categories, Z=z, Y=mrio.y
    )
    assert np.shares_memory(shared.z, z) and not shared.z.flags.writeable
    data = pickle.dumps(mrio)
    monkeypatch.setattr(
        MRIOTable, "_validate", lambda *a, **k: (_ for _ in ()).throw(AssertionError("no"))
    )
    back = pickle.loads(data)
    np.testing.assert_array_equal(back.z, mrio.z)
    assert back.sources == mrio.sources and not back.x.flags.writeable


def test_non_productive_mrio_is_found_by_power_iteration() -> None:
    # A = [[0, 2], [1, 0]] is periodic (eigenvalues ±√2): plain power iteration oscillates
    z = np.array([[0.0, 2.0], [1.0, 0.0]])
    x = np.array([1.0, 1.0])
    y = np.zeros((2, 1))
    with pytest.raises(DataValidationError, match=r"spectral radius 1\.41421"):
        MRIOTable.from_blocks(
            regions=["R"], sectors=["a", "b"], categories=["c"], Z=z, Y=y, x=x, rtol=10.0
        )


def test_linear_algebra_helpers() -> None:
    assert safe_divide([1.0, 2.0, 0.0], [2.0, 0.0, 0.0]).tolist() == [0.5, 0.0, 0.0]
    assert np.isnan(safe_divide(1.0, 0.0, fill=np.nan))
    rng = np.random.default_rng(5)
    a = rng.random((30, 30)) / 20.0
    exact = float(np.max(np.abs(np.linalg.eigvals(a))))
    assert perron_root(lambda v: a @ v, 30) == pytest.approx(exact, rel=1e-8)
    assert spectral_radius(a) == pytest.approx(exact, rel=1e-12)
    # above the dense limit: the row/column-sum bound when it is below one ...
    assert exact <= spectral_radius(a, dense_limit=10) < 1.0
    # ... else power iteration
    big = a * 3.0
    assert spectral_radius(big, dense_limit=10) == pytest.approx(3.0 * exact, rel=1e-8)
    lu = LeontiefSolver(a)
    gmres = LeontiefSolver(Z=a * 3.0, x=np.full(30, 3.0), method="gmres")
    b = rng.random((30, 2))
    np.testing.assert_allclose(gmres.solve(b), lu.solve(b), rtol=1e-10)
    np.testing.assert_allclose(gmres.solve_transpose(b), lu.solve_transpose(b), rtol=1e-10)
    np.testing.assert_allclose(lu.inverse() @ (np.eye(30) - a), np.eye(30), atol=1e-12)
