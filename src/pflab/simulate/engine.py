"""The Monte Carlo engine: chunks, seeds, backends, storage through a sink, resuming.

``simulate(["none", "central"], draws=100_000, seed=1)`` compiles each scenario, splits
the draws into chunks of ``chunk_size``, gives chunk ``c`` the seed
``SeedSequence(seed).spawn(n_chunks)[c]``, simulates every scenario of the chunk on the
same random numbers, runs the chunks on the chosen backend, and merges their summaries.
With ``store=`` (a :class:`~pflab.simulate.sink.RunSink`, e.g.
:class:`pflab.store.RunStore`) each finished chunk is committed as it arrives; calling
again with the same arguments resumes from the stored chunks (or, if all are stored,
just reads them). The numbers depend on the seed, the draws and the chunk size, never on
the backend, the number of workers or interruptions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pflab.errors import ParameterError, RunInterruptedError
from pflab.files import atomic_path
from pflab.simulate.backends import execute
from pflab.simulate.calibrate import CompiledModel, MacroBase, compile_model
from pflab.simulate.chunks import ChunkSummary, ChunkTask, RunState, run_chunk
from pflab.simulate.names import BASELINES
from pflab.simulate.results import SimulationResult, build_result
from pflab.simulate.scenario import Scenario, load_scenarios
from pflab.simulate.sectors import SectorStructure
from pflab.simulate.sink import RunInfo, RunSink

__all__ = [
    "DEFAULT_CHUNK",
    "MODEL_VERSION",
    "Progress",
    "RunOutcome",
    "run_id",
    "run_models",
    "simulate",
    "simulate_model",
]

#: Bumped whenever the model's numbers change for the same inputs (keys stored runs).
MODEL_VERSION = "3"
#: Default draws per chunk (bounded memory: about 60 MB per chunk for 56 sectors × 27 years).
DEFAULT_CHUNK = 4096

#: ``progress(done, total)``: chunks done so far (stored ones included) of the run's total.
Progress = Callable[[int, int], None]

ScenarioSpec = str | Path | Scenario


def _canonical(value: Any) -> Any:
    """A JSON-ready, order-stable form of any model field (arrays by content)."""
    if isinstance(value, np.ndarray):
        digest = hashlib.sha256(np.ascontiguousarray(value).tobytes()).hexdigest()
        return {"dtype": str(value.dtype), "shape": list(value.shape), "sha256": digest}
    if isinstance(value, np.generic):
        return value.item()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return _canonical(value.model_dump())
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)


def run_id(
    models: CompiledModel | Sequence[CompiledModel], seed: int, draws: int, chunk: int
) -> str:
    """Identity of a run: every field of every compiled model, seed, draws, chunk size and
    :data:`MODEL_VERSION` (a stored run is reused only if all of them are equal)."""
    ms = [models] if isinstance(models, CompiledModel) else list(models)
    spec = {
        "models": [_canonical(m) for m in ms],
        "seed": seed,
        "draws": draws,
        "chunk": chunk,
        "version": MODEL_VERSION,
    }
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class RunOutcome:
    """A finished (or stopped) run: the models, the merged chunks and what happened."""

    models: tuple[CompiledModel, ...]
    scenarios: tuple[Scenario, ...]
    state: RunState
    info: RunInfo
    seconds: float
    notes: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Whether every chunk of the run is merged."""
        return len(self.state.chunks) == self.info.n_chunks


def _check_arguments(draws: int, chunk_size: int, seed: int) -> None:
    if draws < 1:
        raise ParameterError("draws", f"{draws}; expected at least 1")
    if chunk_size < 1:
        raise ParameterError("chunk_size", f"{chunk_size}; expected at least 1")
    if seed < 0:
        raise ParameterError("seed", f"{seed}; expected a non-negative integer")


def _check_compatible(models: Sequence[CompiledModel]) -> None:
    first = models[0]
    for m in models[1:]:
        if m.base_year != first.base_year or not np.array_equal(m.years, first.years):
            raise ParameterError(
                "scenarios",
                f"{m.name!r} projects {int(m.years[0])}–{int(m.years[-1])} but {first.name!r} "
                f"{int(first.years[0])}–{int(first.years[-1])}; scenarios run together must "
                "share base year and horizon",
            )
        if m.windows != first.windows:
            raise ParameterError(
                "scenarios", f"{m.name!r} and {first.name!r} report different windows"
            )


def _write_raw(raw_dir: Path, rid: str, summary: ChunkSummary) -> None:
    if summary.frame is None:
        return
    with atomic_path(raw_dir / f"{rid}-chunk{summary.index:06d}.parquet") as tmp:
        summary.frame.to_parquet(tmp, index=False)


def run_models(
    models: Sequence[CompiledModel],
    scenarios: Sequence[Scenario],
    *,
    draws: int = 10_000,
    seed: int = 0,
    chunk_size: int = DEFAULT_CHUNK,
    backend: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    store: RunSink | None = None,
    raw_draws: str | Path | None = None,
    progress: Progress | None = None,
    stop_after: int | None = None,
) -> RunOutcome:
    """Run compiled models together on common random numbers (see :func:`simulate`).

    ``stop_after`` (for tests and demonstrations) stops after that many new chunks, as an
    interruption would; the outcome covers only the chunks done so far.

    Raises
    ------
    pflab.errors.RunInterruptedError
        On Ctrl-C: says how many chunks the store kept and how to resume.
    """
    _check_arguments(draws, chunk_size, seed)
    if not models:
        raise ParameterError("scenarios", "give at least one scenario")
    _check_compatible(models)
    raw_dir = None if raw_draws is None else Path(raw_draws)
    if raw_dir is not None and not raw_dir.is_dir():
        raise ParameterError("raw_draws", f"{raw_dir}: folder does not exist")
    n_chunks = math.ceil(draws / chunk_size)
    sizes = [min(chunk_size, draws - c * chunk_size) for c in range(n_chunks)]
    rid = run_id(models, seed, draws, chunk_size)
    info = RunInfo(
        run_id=rid,
        scenarios=tuple(s.to_dict() for s in scenarios),
        fingerprints=tuple(s.fingerprint() for s in scenarios),
        seed=seed,
        draws=draws,
        chunk_size=chunk_size,
        n_chunks=n_chunks,
        model_version=MODEL_VERSION,
        backend=backend,
        parameters={k: (v.describe(), v.uncertain) for k, v in models[0].distributions.items()},
        meta={
            "sectors": models[0].labels.get("sectors"),
            "economy": models[0].labels.get("economy"),
        },
    )
    state = RunState()
    notes: list[str] = []
    started = time.perf_counter()
    if store is not None:
        state.load(store.open_run(info))
        stored = len(state.chunks)
        if stored == n_chunks:
            notes.append(
                f"Read from {store.location}: all {n_chunks} chunks of run {rid} were stored; "
                "nothing was computed."
            )
        elif stored:
            notes.append(
                f"Resumed run {rid}: {stored} of {n_chunks} chunks read from "
                f"{store.location}, {n_chunks - stored} computed now."
            )
    todo = [c for c in range(n_chunks) if c not in state.chunks]
    if stop_after is not None:
        todo = todo[:stop_after]
    tasks = [
        ChunkTask(
            models=tuple(models),
            seed=seed,
            index=c,
            draws=sizes[c],
            offset=c * chunk_size,
            keep_draws=raw_dir is not None,
        )
        for c in todo
    ]
    if progress is not None:
        progress(len(state.chunks), n_chunks)
    committed = len(state.chunks)  # chunks the store holds (all of them are merged)
    try:
        for summary in execute(
            run_chunk, tasks, backend=backend, workers=workers, scheduler=scheduler
        ):
            if raw_dir is not None:
                _write_raw(raw_dir, rid, summary)
            state.add(summary)
            if store is not None:
                store.write_chunk(rid, summary, state.sketches)
                committed += 1
            if progress is not None:
                progress(len(state.chunks), n_chunks)
    except KeyboardInterrupt:
        if store is None:
            raise RunInterruptedError(
                f"{len(state.chunks)} of {n_chunks} chunks were computed and nothing was saved "
                "(no store); run with a store to make a run resumable"
            ) from None
        raise RunInterruptedError(
            f"{committed} of {n_chunks} chunks of run {rid} ({info.label}) are committed to "
            f"{store.location}; the same run with the same store, seed, draws and chunk "
            "size resumes from them"
        ) from None
    if len(state.chunks) < n_chunks:
        notes.append(
            f"INCOMPLETE: {state.draws:,} of {draws:,} draws ({len(state.chunks)} of "
            f"{n_chunks} chunks)."
        )
    return RunOutcome(
        models=tuple(models),
        scenarios=tuple(scenarios),
        state=state,
        info=info,
        seconds=time.perf_counter() - started,
        notes=tuple(notes),
    )


def _result(outcome: RunOutcome, store: RunSink | None) -> SimulationResult:
    result = build_result(outcome)
    if store is not None and outcome.complete:
        store.finish(outcome.info.run_id, result.long_frame())
    return result


def simulate_model(
    models: CompiledModel | Sequence[CompiledModel],
    scenarios: Scenario | Sequence[Scenario],
    **options: Any,
) -> SimulationResult:
    """Run compiled models (see :func:`simulate` for the options, and ``stop_after`` of
    :func:`run_models`)."""
    ms = [models] if isinstance(models, CompiledModel) else list(models)
    ss = [scenarios] if isinstance(scenarios, Scenario) else list(scenarios)
    return _result(run_models(ms, ss, **options), options.get("store"))


def compile_all(
    scenarios: ScenarioSpec | Sequence[ScenarioSpec],
    *,
    sectors: SectorStructure | None = None,
    macro: MacroBase | None = None,
    baseline: str | None = None,
) -> tuple[list[CompiledModel], list[Scenario]]:
    """Load (names disambiguated) and compile every scenario, before any simulating.

    ``baseline`` (``"consensus"``, ``"pwt-trend"``, ``"adjusted"`` or
    ``"adjusted-pwt10"``) replaces every scenario's ``[baseline] kind``.
    """
    specs = [scenarios] if isinstance(scenarios, str | Path | Scenario) else list(scenarios)
    scens = load_scenarios(specs)
    if baseline is not None:
        if baseline not in BASELINES:
            raise ParameterError("baseline", f"{baseline!r}; choose {', '.join(BASELINES)}")
        scens = [
            s.model_copy(update={"baseline": s.baseline.model_copy(update={"kind": baseline})})
            for s in scens
        ]
    return [compile_model(s, sectors=sectors, macro=macro) for s in scens], scens


def simulate(
    scenarios: ScenarioSpec | Sequence[ScenarioSpec],
    *,
    draws: int = 10_000,
    seed: int = 0,
    chunk_size: int = DEFAULT_CHUNK,
    backend: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    store: RunSink | None = None,
    raw_draws: str | Path | None = None,
    progress: Progress | None = None,
    sectors: SectorStructure | None = None,
    macro: MacroBase | None = None,
    baseline: str | None = None,
) -> SimulationResult:
    """Simulate one or more scenarios by Monte Carlo, on common random numbers.

    Parameters
    ----------
    scenarios
        A built-in name, a TOML/YAML path or a :class:`Scenario`, or several of them
        (simulated together: every draw of every scenario shares its random numbers, so
        differences between scenarios are paired). Duplicate names are disambiguated.
    draws
        Number of draws per scenario.
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
        A :class:`~pflab.simulate.sink.RunSink` (e.g. ``pflab.store.RunStore("runs.duckdb")``)
        that commits each chunk and lets an interrupted run resume.
    raw_draws
        Folder for per-draw Parquet files (parameters and outputs), one per chunk.
    progress
        ``progress(done, total)`` called with the chunks done after each chunk.
    sectors, macro
        Override the sector structure or base-year data (default: from the data layer).
    baseline
        Override every scenario's baseline: ``"consensus"``, ``"pwt-trend"``,
        ``"adjusted"`` or ``"adjusted-pwt10"`` (docs/simulate.md, "Baseline").

    Returns
    -------
    SimulationResult
        Quantiles per year and window, goal probabilities, value-added shares, per scenario.

    Raises
    ------
    pflab.errors.RunInterruptedError
        On Ctrl-C, saying what the store kept and how to resume.
    """
    models, scens = compile_all(scenarios, sectors=sectors, macro=macro, baseline=baseline)
    outcome = run_models(
        models,
        scens,
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
    return _result(outcome, store)
