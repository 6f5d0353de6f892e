"""The Monte Carlo engine: chunks, seeds, backends, the results store and resuming.

``simulate(scenario, draws=100_000, seed=1)`` splits the draws into chunks of
``chunk_size``, gives chunk ``c`` the seed ``SeedSequence(seed).spawn(n_chunks)[c]``,
runs the chunks on the chosen backend, and merges their summaries. With ``store=FILE``
each finished chunk is committed to a DuckDB file in one transaction; calling
``simulate`` again with the same arguments resumes from the stored chunks (or, if all
are stored, just reads them). The numbers depend on the seed, the draws and the chunk
size, never on the backend, the number of workers or interruptions.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import numpy as np

from pflab.errors import ParameterError
from pflab.simulate.backends import execute
from pflab.simulate.calibrate import CompiledModel, MacroBase, compile_model
from pflab.simulate.chunks import ChunkResult, ChunkTask, run_chunk
from pflab.simulate.results import SimulationResult, build_result
from pflab.simulate.scenario import Scenario, load_scenario
from pflab.simulate.sectors import SectorStructure
from pflab.simulate.sketch import Sketch, SketchSum

__all__ = ["DEFAULT_CHUNK", "MODEL_VERSION", "run_id", "simulate", "simulate_model"]

#: Bumped whenever the model's numbers change for the same inputs (keys stored runs).
MODEL_VERSION = "2"
#: Default draws per chunk (bounded memory: about 60 MB per chunk for 56 sectors × 27 years).
DEFAULT_CHUNK = 4096


def run_id(model: CompiledModel, seed: int, draws: int, chunk_size: int) -> str:
    """Identity of a run: the compiled model's content, seed, draws, chunk size, version."""
    h = hashlib.sha256()
    for array in (
        model.domar,
        model.va_share,
        model.rd_share,
        model.drift_unit,
        model.prior,
        model.targets,
        model.budget_active,
    ):
        h.update(np.ascontiguousarray(array).tobytes())
    spec = {
        "name": model.name,
        "codes": model.codes,
        "years": [int(model.years[0]), int(model.years[-1])],
        "ko": model.capital_output,
        "inv": model.budget_from_investment,
        "dists": {k: v.model_dump() for k, v in model.distributions.items()},
        "goals": model.goals,
        "windows": model.windows,
        "hessian": None
        if model.hessian is None
        else hashlib.sha256(model.hessian.tobytes()).hexdigest(),
        "seed": seed,
        "draws": draws,
        "chunk": chunk_size,
        "version": MODEL_VERSION,
    }
    h.update(json.dumps(spec, sort_keys=True, default=str).encode("utf-8"))
    return h.hexdigest()[:20]


class _Merge:
    """Accumulates chunk summaries: sketch counts summed on arrival, the rest per chunk."""

    def __init__(self) -> None:
        self._sums: dict[str, SketchSum] = {}
        self._merged: dict[str, Sketch] | None = {}
        self.moments: dict[int, dict[str, np.ndarray]] = {}
        self.share_sums: dict[int, np.ndarray] = {}
        self.draws: dict[int, int] = {}
        self.hits: dict[int, dict[str, int]] = {}
        self.hits_cf: dict[int, dict[str, int]] = {}
        self.breaks: dict[int, int] = {}

    @property
    def sketches(self) -> dict[str, Sketch]:
        """The merged sketch of every metric over the chunks added so far."""
        if self._merged is None:
            self._merged = {k: s.sketch() for k, s in self._sums.items()}
        return self._merged

    @sketches.setter
    def sketches(self, stored: dict[str, Sketch]) -> None:
        self._sums = {}
        for k, s in stored.items():
            self._sums[k] = SketchSum(s.cols)
            self._sums[k].add(s)
        self._merged = None

    def add(self, r: ChunkResult) -> None:
        for k, s in r.sketches.items():
            if k not in self._sums:
                self._sums[k] = SketchSum(s.cols)
            self._sums[k].add(s)
        self._merged = None
        self.moments[r.index] = r.moments
        self.share_sums[r.index] = r.share_sums
        self.draws[r.index] = r.draws
        self.hits[r.index] = r.goal_hits
        self.hits_cf[r.index] = r.goal_hits_cf
        self.breaks[r.index] = r.breakthroughs


def _progress(enabled: bool, total: int, done: int, label: str) -> Any:
    if not enabled:
        return nullcontext(None)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from pflab.cli._common import err_console

    bar = Progress(
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("chunks"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    )
    bar.start()
    bar.add_task(label, total=total, completed=done)
    return _Closing(bar)


class _Closing:
    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def __enter__(self) -> Any:
        return self.bar

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


def simulate_model(
    model: CompiledModel,
    scenario: Scenario,
    *,
    draws: int = 10_000,
    seed: int = 0,
    chunk_size: int = DEFAULT_CHUNK,
    backend: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    store: str | Path | None = None,
    raw_draws: str | Path | None = None,
    progress: bool = False,
    stop_after: int | None = None,
) -> SimulationResult:
    """Run a compiled model (see :func:`simulate` for the parameters).

    ``stop_after`` (for tests and demonstrations) stops after that many new chunks, as an
    interruption would; the returned result covers only the chunks done so far.
    """
    if draws < 1:
        raise ParameterError("--draws", f"{draws}; expected at least 1")
    if chunk_size < 1:
        raise ParameterError("--chunk-size", f"{chunk_size}; expected at least 1")
    if seed < 0:
        raise ParameterError("--seed", f"{seed}; expected a non-negative integer")
    n_chunks = math.ceil(draws / chunk_size)
    sizes = [min(chunk_size, draws - c * chunk_size) for c in range(n_chunks)]
    rid = run_id(model, seed, draws, chunk_size)
    raw_dir = None if raw_draws is None else Path(raw_draws)
    if raw_dir is not None and not raw_dir.is_dir():
        raise ParameterError("--raw-draws", f"{raw_dir}: folder does not exist")
    merge = _Merge()
    started = time.perf_counter()
    db = None
    if store is not None:
        from pflab.store import RunStore

        db = RunStore(store)
        db.begin_run(
            rid,
            scenario=scenario.to_dict(),
            fingerprint=scenario.fingerprint(),
            seed=seed,
            draws=draws,
            chunk_size=chunk_size,
            n_chunks=n_chunks,
            model_version=MODEL_VERSION,
            backend=backend,
            parameters={k: (v.describe(), v.uncertain) for k, v in model.distributions.items()},
            meta={"sectors": model.labels.get("sectors"), "economy": model.labels.get("economy")},
        )
        stored = db.load(rid)
        merge.sketches = stored.sketches
        merge.moments, merge.share_sums, merge.draws = (
            stored.moments,
            stored.share_sums,
            stored.draws,
        )
        merge.hits, merge.hits_cf, merge.breaks = (
            stored.goal_hits,
            stored.goal_hits_cf,
            stored.breakthroughs,
        )
    todo = [c for c in range(n_chunks) if c not in merge.draws]
    if stop_after is not None:
        todo = todo[:stop_after]
    tasks = [
        ChunkTask(
            model=model,
            seed=seed,
            index=c,
            draws=sizes[c],
            offset=c * chunk_size,
            keep_draws=raw_dir is not None,
        )
        for c in todo
    ]
    try:
        with _progress(
            progress,
            n_chunks,
            n_chunks - len(todo) if stop_after is None else len(merge.draws),
            scenario.name,
        ) as bar:
            results: Iterator[ChunkResult] = execute(
                run_chunk, tasks, backend=backend, workers=workers, scheduler=scheduler
            )
            for result in results:
                raw_name = None
                if raw_dir is not None and result.frame is not None:
                    raw_name = f"{rid}-chunk{result.index:06d}.parquet"
                    tmp = raw_dir / f".{raw_name}.tmp"
                    result.frame.to_parquet(tmp, index=False)
                    tmp.replace(raw_dir / raw_name)
                merge.add(result)
                if db is not None:
                    db.write_chunk(
                        rid,
                        chunk=result.index,
                        draws=result.draws,
                        seconds=result.seconds,
                        moments=result.moments,
                        share_sums=result.share_sums,
                        goal_hits=result.goal_hits,
                        goal_hits_cf=result.goal_hits_cf,
                        breakthroughs=result.breakthroughs,
                        sketches=merge.sketches,
                        raw_file=raw_name,
                    )
                if bar is not None:
                    bar.advance(bar.task_ids[0])
        result_obj = build_result(
            model,
            scenario,
            merge,
            seed=seed,
            draws_requested=draws,
            chunk_size=chunk_size,
            backend=backend,
            run_id=rid,
            seconds=time.perf_counter() - started,
        )
        if db is not None and len(merge.draws) == n_chunks:
            db.finish(rid, result_obj.long_frame())
    finally:
        if db is not None:
            db.close()
    return result_obj


def simulate(
    scenario: str | Path | Scenario,
    *,
    draws: int = 10_000,
    seed: int = 0,
    chunk_size: int = DEFAULT_CHUNK,
    backend: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    store: str | Path | None = None,
    raw_draws: str | Path | None = None,
    progress: bool = False,
    sectors: SectorStructure | None = None,
    macro: MacroBase | None = None,
) -> SimulationResult:
    """Simulate a scenario by Monte Carlo.

    Parameters
    ----------
    scenario
        Built-in name, TOML/YAML path or :class:`Scenario`.
    draws
        Number of draws.
    seed
        Seed of the run; the same seed gives the same numbers on every backend.
    chunk_size
        Draws per chunk (bounds memory; part of the run's identity).
    backend
        ``"local"``, ``"processes"`` or ``"dask"``.
    workers
        Worker processes (default: one per core).
    scheduler
        Dask scheduler address ``tcp://host:port`` (backend ``"dask"``).
    store
        DuckDB file to commit chunks to and resume from.
    raw_draws
        Folder for per-draw Parquet files (parameters and outputs), one per chunk.
    progress
        Show a progress bar on standard error.
    sectors, macro
        Override the sector structure or base-year data (default: from the data layer).

    Returns
    -------
    SimulationResult
        Quantiles per year and window, goal probabilities, value-added shares.
    """
    scen = load_scenario(scenario)
    model = compile_model(scen, sectors=sectors, macro=macro)
    return simulate_model(
        model,
        scen,
        draws=draws,
        seed=seed,
        chunk_size=chunk_size,
        backend=backend,
        workers=workers,
        scheduler=scheduler,
        store=store,
        raw_draws=raw_draws,
        progress=progress,
    )
