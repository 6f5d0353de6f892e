"""The Monte Carlo engine: seeding, backends, chunking, the DuckDB store and resuming."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import pflab.store.duckdb_store as store_module
from pflab.errors import ModelError, ParameterError, RunInterruptedError
from pflab.simulate import SimulationResult, compile_model, load_scenario, simulate
from pflab.simulate.chunks import ChunkTask, run_chunk
from pflab.simulate.engine import run_id, simulate_model
from pflab.simulate.sketch import GAMMA, Sketch, SketchSum
from pflab.store import RunStore

ROOT = Path(__file__).resolve().parents[1]


def _run(**kw: object) -> SimulationResult:
    args: dict[str, object] = {"draws": 600, "seed": 7, "chunk_size": 128}
    args.update(kw)
    db = args.pop("db", None)
    if db is None:
        return simulate("central", **args)  # type: ignore[arg-type]
    with RunStore(db) as store:  # type: ignore[arg-type]
        return simulate("central", store=store, **args)  # type: ignore[arg-type]


def _same(a: SimulationResult, b: SimulationResult) -> None:
    pd.testing.assert_frame_equal(a.yearly, b.yearly, check_exact=True)
    pd.testing.assert_frame_equal(a.windows, b.windows, check_exact=True)
    pd.testing.assert_frame_equal(a.goals, b.goals, check_exact=True)
    pd.testing.assert_frame_equal(a.sector_shares, b.sector_shares, check_exact=True)


def test_same_seed_same_numbers_and_other_seed_differs() -> None:
    a, b = _run(), _run()
    _same(a, b)
    c = _run(seed=8)
    assert not a.windows["p50"].equals(c.windows["p50"])
    assert a.draws == 600 and a.complete


def test_processes_backend_gives_identical_numbers() -> None:
    _same(_run(), _run(backend="processes", workers=2))


def test_dask_backend_on_a_loopback_cluster_gives_identical_numbers() -> None:
    from distributed import LocalCluster

    loopback = {"host": "127.0.0.1", "protocol": "tcp", "dashboard_address": None}
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, **loopback) as cluster:
        dask = _run(backend="dask", scheduler=cluster.scheduler_address)
    _same(_run(), dask)


def test_store_reads_back_a_finished_run(tmp_path: Path) -> None:
    db = tmp_path / "runs.duckdb"
    first = _run(db=db)
    with RunStore(db) as s:
        runs = s.runs()
        assert list(runs["chunks_done"]) == [5]
        stored = s.quantiles(first.run_id)
    assert len(stored) == len(first.long_frame())
    again = _run(db=db)  # all chunks stored: nothing to compute
    _same(first, again)
    assert any("nothing was computed" in n for n in again.notes)


def test_interrupted_run_resumes_to_the_uninterrupted_numbers(tmp_path: Path) -> None:
    db = tmp_path / "runs.duckdb"
    scen = load_scenario("central")
    model = compile_model(scen)
    with RunStore(db) as store:
        partial = simulate_model(
            model, scen, draws=600, seed=7, chunk_size=128, store=store, stop_after=2
        )
    assert not partial.complete and partial.draws == 256
    assert any(n.startswith("INCOMPLETE") for n in partial.notes)
    resumed = _run(db=db)
    _same(resumed, _run())
    # the resumed run says that it resumed and from where
    assert any("Resumed run" in n and "2 of 5 chunks read from" in n for n in resumed.notes)


def test_progress_is_reported_through_the_callback() -> None:
    calls: list[tuple[int, int]] = []
    _run(progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_every_model_field_is_part_of_the_run_id() -> None:
    import dataclasses

    model = compile_model(load_scenario("central"))
    base = run_id(model, 7, 600, 128)
    assert run_id(model, 7, 600, 128) == base
    assert run_id(model, 8, 600, 128) != base and run_id(model, 7, 601, 128) != base

    def changed(value: object) -> object:
        if isinstance(value, np.ndarray):
            out = value.copy()
            if out.dtype == bool:
                out[0] = not out[0]
            else:
                first = out.flat[0]
                out.flat[0] = 0.0 if np.isnan(first) else first + 1
            return out
        if value is None:
            return np.zeros((2, 2))
        if isinstance(value, bool):
            return not value
        if isinstance(value, int | float):
            return value + 1
        if isinstance(value, str):
            return value + "x"
        if isinstance(value, tuple):
            return value[:-1] if value else ("x",)
        if isinstance(value, dict):
            return {**value, "extra": 1}
        raise AssertionError(f"no change rule for {type(value)}")

    for f in dataclasses.fields(model):
        other = dataclasses.replace(model, **{f.name: changed(getattr(model, f.name))})
        assert run_id(other, 7, 600, 128) != base, f"run_id ignores model.{f.name}"
    # one of the fields the hand-picked list used to miss
    flipped = model.manufacturing.copy()
    flipped[0] = not flipped[0]
    assert run_id(dataclasses.replace(model, manufacturing=flipped), 7, 600, 128) != base


def test_a_failure_inside_a_chunk_transaction_stores_nothing_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "runs.duckdb"
    calls = {"n": 0}

    def fail_on_third(label: str) -> None:
        if label == "after sketches":
            calls["n"] += 1
            if calls["n"] == 3:
                raise KeyboardInterrupt("simulated interruption")

    monkeypatch.setattr(store_module, "FAULT_HOOK", fail_on_third)
    with pytest.raises(RunInterruptedError) as info:
        _run(db=db)
    # the message says what was saved and how to resume
    assert "2 of 5 chunks" in str(info.value) and str(db) in str(info.value)
    assert "resumes" in str(info.value)
    monkeypatch.setattr(store_module, "FAULT_HOOK", None)
    with RunStore(db) as s:
        rid = s.runs()["run_id"].iloc[0]
        assert s.completed(rid) == {0, 1}
        n_data = s.con.execute("SELECT count(*) FROM chunk_data").fetchone()
        assert n_data == (2,)  # the third chunk's rows were rolled back
    _same(_run(db=db), _run())


def test_ctrl_c_without_a_store_says_nothing_was_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    import pflab.simulate.engine as engine

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "execute", interrupted)
    with pytest.raises(RunInterruptedError, match="nothing was saved"):
        _run()


@pytest.mark.slow
def test_killed_process_resumes(tmp_path: Path) -> None:
    # The child's fault hook runs inside each chunk's transaction (after its sketches are
    # written, before it commits). In the sixth chunk it says so and then waits, so the
    # SIGKILL lands inside that transaction however slowly the parent reads: the kill
    # cannot arrive after the sixth chunk was committed.
    db = tmp_path / "runs.duckdb"
    script = textwrap.dedent(f"""
        import time
        import pflab.store.duckdb_store as m
        from pflab.simulate import simulate
        from pflab.store import RunStore
        calls = []
        def hook(label):
            if label != "after sketches":
                return
            calls.append(label)
            if len(calls) == 6:
                print("mid", flush=True)
                time.sleep(300)  # the parent kills us here
        m.FAULT_HOOK = hook
        with RunStore({str(db)!r}) as store:
            simulate("central", draws=6_000, seed=7, chunk_size=256, store=store)
        print("finished", flush=True)
    """)
    proc = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    if first.startswith("mid"):
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=600)
    assert first.startswith("mid"), f"the child never reached the sixth chunk: {first!r}"
    assert proc.returncode == -signal.SIGKILL
    with RunStore(db) as s:
        rid = s.runs()["run_id"].iloc[0]
        assert s.completed(rid) == set(range(5))  # the sixth chunk was never committed
    with RunStore(db) as store:
        resumed = simulate("central", draws=6_000, seed=7, chunk_size=256, store=store)
    fresh = simulate("central", draws=6_000, seed=7, chunk_size=256)
    _same(resumed, fresh)


def test_raw_draws_are_written_per_chunk(tmp_path: Path) -> None:
    res = _run(raw_draws=tmp_path)
    files = sorted(tmp_path.glob("*.parquet"))
    assert len(files) == 5
    frame = pd.concat(pd.read_parquet(f) for f in files)
    assert len(frame) == 600 and frame["draw"].is_unique
    # the sketch quantiles agree with the raw draws to the sketch's accuracy
    raw = frame["tfp_growth_2024_2035"].to_numpy() * 100
    row = res.window("tfp_growth")
    for q in (0.05, 0.5, 0.95):
        exact = np.quantile(raw, q, method="lower")
        assert row[f"p{round(q * 100):02d}"] == pytest.approx(exact, rel=2e-3, abs=1e-6)


def test_bad_arguments_name_the_python_parameter(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"^draws: "):
        _run(draws=0)
    with pytest.raises(ParameterError, match=r"^backend: "):
        _run(backend="gpu")
    with pytest.raises(ParameterError, match=r"^scheduler: "):
        _run(scheduler="tcp://127.0.0.1:1")
    with pytest.raises(ParameterError, match=r"^store: "):
        RunStore(tmp_path / "missing" / "x.duckdb")


def test_result_objects() -> None:
    res = _run()
    assert "central" in res.summary() and "TFP growth" in res.summary()
    assert "<table>" in res._repr_html_()
    assert res.seed == 7 and "seed 7" in res.stamp()
    frame = res.to_frame()
    assert list(frame["scenario"]) == ["central"]
    yearly = res.tables()["yearly"]
    assert set(yearly["metric"]) >= {"tfp_growth", "gdp", "manufacturing_share"}
    fan = res.fan("tfp_growth")
    assert (fan["p05"] <= fan["p50"]).all() and (fan["p50"] <= fan["p95"]).all()
    shares = res.sector_shares.groupby("year")["share"].sum()
    assert shares.to_numpy() == pytest.approx(100.0, rel=1e-5)
    assert res.provenance.parameters["draws"] == 600


def test_compare_reports_the_median_of_paired_differences() -> None:
    from pflab.simulate import compare

    cmp = compare(["none", "central"], draws=600, seed=7, chunk_size=128)
    effect = cmp.effects.set_index(["metric", "window"]).loc[("tfp_growth", "2024-2035")]
    own = cmp.results.window("tfp_effect", scenario="central")
    # the paired difference central − none is, draw by draw, central's own policy effect
    assert effect["p50"] == pytest.approx(own["p50"], rel=1e-12)
    assert effect["p05"] == pytest.approx(own["p05"], rel=1e-12)
    # ... which is not the difference of the two medians
    levels = cmp.results.windows.set_index(["scenario", "metric", "window"])["p50"]
    window = ("tfp_growth", "2024-2035")
    gap = levels[("central", *window)] - levels[("none", *window)]
    assert abs(gap - effect["p50"]) > 1e-4
    goal = cmp.goals.iloc[0]
    assert goal["difference"] == pytest.approx(
        goal["probability"] - goal["reference_probability"], abs=1e-12
    )
    central_goal = cmp.results.goals.set_index("scenario").loc["central"]
    assert goal["difference"] == pytest.approx(central_goal["policy_effect"], abs=1e-12)
    assert 0 <= goal["difference_se"] < 0.05


def test_duplicate_names_are_disambiguated(tmp_path: Path) -> None:
    from pflab.simulate import compare

    child = tmp_path / "my-central.toml"
    child.write_text('extends = "central"\n', encoding="utf-8")
    cmp = compare(["central", "central", str(child)], draws=64, seed=1, chunk_size=64)
    assert cmp.results.names == ["central", "central (2)", "my-central"]
    assert (cmp.effects["p50"] == 0).all()  # identical scenarios, identical draws


def test_non_finite_outputs_are_a_model_error_before_storing() -> None:
    import dataclasses

    from pflab.simulate.distributions import Fixed

    model = compile_model(load_scenario("central"))
    bad = dict(model.distributions)
    bad["depreciation"] = Fixed(value=float("nan"))
    broken = dataclasses.replace(model, distributions=bad)
    with pytest.raises(ModelError, match="not finite"):
        run_chunk(ChunkTask(models=(broken,), seed=1, index=0, draws=16))


@settings(max_examples=60, deadline=None)
@given(
    values=arrays(
        np.float64,
        st.tuples(st.integers(1, 300), st.integers(1, 3)),
        elements=st.floats(-50, 50, allow_nan=False),
    ),
    split=st.integers(0, 300),
    q=st.floats(0, 1),
)
def test_sketch_quantiles_and_merging(values: np.ndarray, split: int, q: float) -> None:
    split = min(split, len(values))
    whole = Sketch.of(values)
    parts = (
        Sketch.of(values[:split]).merge(Sketch.of(values[split:]))
        if 0 < split < len(values)
        else whole
    )
    assert np.array_equal(whole.keys, parts.keys) and np.array_equal(whole.counts, parts.counts)
    got = whole.quantiles([q])[0]
    exact = np.quantile(values, q, axis=0, method="lower")
    tol = (GAMMA - 1) * np.abs(exact) + 1e-6
    assert np.all(np.abs(got - exact) <= tol)
    back = Sketch.from_bytes(whole.to_bytes())
    assert np.array_equal(back.keys, whole.keys) and np.array_equal(back.counts, whole.counts)
    total = SketchSum(whole.cols)  # dense running sum, as the engine merges chunks
    for part in (values[:split], values[split:]):
        if len(part):
            total.add(Sketch.of(part))
    summed = total.sketch()
    assert np.array_equal(summed.keys, whole.keys) and np.array_equal(summed.counts, whole.counts)
    unpickled = pickle.loads(pickle.dumps(whole))
    assert unpickled.keys.dtype == np.int64 and np.array_equal(unpickled.keys, whole.keys)
    assert np.array_equal(unpickled.counts, whole.counts)


def test_sketch_skips_non_finite_values_per_column() -> None:
    values = np.array([[1.0, np.nan], [np.inf, 2.0], [-3.0, -np.inf], [0.5, 2.0]])
    got = Sketch.of(values)
    assert got.count().tolist() == [3, 2]
    left, right = Sketch.of(np.array([1.0, -3.0, 0.5])), Sketch.of(np.array([2.0, 2.0]))
    qs = [0.0, 0.5, 1.0]
    assert np.array_equal(got.quantiles(qs)[:, 0], left.quantiles(qs)[:, 0])
    assert np.array_equal(got.quantiles(qs)[:, 1], right.quantiles(qs)[:, 0])
    assert Sketch.of(np.full((4, 2), np.nan)).count().tolist() == [0, 0]
