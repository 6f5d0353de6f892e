"""One chunk of the Monte Carlo: the task a worker runs, the summary it returns, and the
running merge of summaries.

A chunk simulates every scenario of a run on the same random numbers (each model gets a
fresh :class:`~pflab.simulate.streams.Streams` of the same seed and chunk; common random
numbers) and summarises them into mergeable pieces, one :class:`ChunkSummary`:

* integer quantile sketches (merged in any order);
* moments (sum, sum of squares) and value-added share sums, kept per chunk and added in
  chunk order, so that floating-point sums are identical whatever order chunks finish in;
* integer counters: goal hits with and without the policy, the paired changes between
  them, breakthroughs;
* optionally the draws themselves.

Keys name the scenario by its position in the run: ``"0/year:gdp"`` is scenario 0's GDP
by year, ``"d1/window:tfp_growth"`` the per-draw difference scenario 1 − scenario 0 of
TFP growth over each window (a paired difference under common random numbers).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pflab.errors import ModelError
from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.model import BlockOutput, simulate_block
from pflab.simulate.outputs import goal_hits, window_metrics, yearly_metrics
from pflab.simulate.sketch import Sketch, SketchSum
from pflab.simulate.streams import Streams

__all__ = [
    "DIFFERENCE_METRICS",
    "ChunkSummary",
    "ChunkTask",
    "RunState",
    "StoredRun",
    "run_chunk",
]

#: Window metrics whose paired difference from the first scenario is kept.
DIFFERENCE_METRICS: tuple[str, ...] = ("tfp_growth", "gdp_growth", "gdp_per_capita_growth")


@dataclass(frozen=True)
class ChunkTask:
    """What a worker needs to simulate chunk ``index`` of a run (every scenario)."""

    models: tuple[CompiledModel, ...]
    seed: int
    index: int
    draws: int
    offset: int = 0
    keep_draws: bool = False


@dataclass
class ChunkSummary:
    """Summary of one chunk of a run: the one type engine, workers and stores exchange.

    Attributes
    ----------
    index, draws, seconds
        Chunk number, draws in it, seconds it took.
    moments
        Key → ``(2, cols)`` array: sum and sum of squares over the chunk's draws.
    share_sums
        Scenario position (``"0"``, ``"1"`` …) → ``(T, N)`` sums of value-added shares.
    counts
        Key → integer count (goal hits, paired changes, breakthroughs).
    sketches
        Key → quantile sketch (empty once merged into a :class:`RunState`, and when read
        back from a store, which keeps the run's merged sketches instead).
    frame
        The chunk's draws, when asked for.
    """

    index: int
    draws: int
    seconds: float
    moments: dict[str, NDArray[np.float64]]
    share_sums: dict[str, NDArray[np.float64]]
    counts: dict[str, int]
    sketches: dict[str, Sketch] = field(default_factory=dict)
    frame: pd.DataFrame | None = None


@dataclass
class StoredRun:
    """What a store holds for a run: the merged sketches and every stored chunk."""

    sketches: dict[str, Sketch] = field(default_factory=dict)
    chunks: dict[int, ChunkSummary] = field(default_factory=dict)


class RunState:
    """Chunk summaries merged so far: sketch counts summed on arrival, the rest per chunk."""

    def __init__(self) -> None:
        self._sums: dict[str, SketchSum] = {}
        self._merged: dict[str, Sketch] | None = {}
        self.chunks: dict[int, ChunkSummary] = {}

    def load(self, stored: StoredRun) -> None:
        """Start from what a store holds (merged sketches and chunk summaries)."""
        for key, sketch in stored.sketches.items():
            self._sums[key] = SketchSum(sketch.cols)
            self._sums[key].add(sketch)
        self.chunks.update(stored.chunks)
        self._merged = None

    def add(self, summary: ChunkSummary) -> None:
        """Merge one chunk (its sketches into the running sums)."""
        for key, sketch in summary.sketches.items():
            if key not in self._sums:
                self._sums[key] = SketchSum(sketch.cols)
            self._sums[key].add(sketch)
        self._merged = None
        self.chunks[summary.index] = replace(summary, sketches={}, frame=None)

    @property
    def sketches(self) -> dict[str, Sketch]:
        """The merged sketch of every key over the chunks added so far."""
        if self._merged is None:
            self._merged = {k: s.sketch() for k, s in self._sums.items()}
        return self._merged

    @property
    def draws(self) -> int:
        """Draws in the merged chunks."""
        return sum(c.draws for c in self.chunks.values())

    def _ordered(self) -> list[ChunkSummary]:
        return [self.chunks[c] for c in sorted(self.chunks)]

    def moments(self, key: str) -> NDArray[np.float64]:
        """``(2, cols)`` sums over the merged chunks, added in chunk order."""
        total: NDArray[np.float64] | None = None
        for chunk in self._ordered():
            m = chunk.moments[key]
            total = m.copy() if total is None else total + m
        if total is None:
            raise KeyError(key)
        return total

    def count(self, key: str) -> int:
        """An integer counter summed over the merged chunks (0 if never counted)."""
        return sum(c.counts.get(key, 0) for c in self.chunks.values())

    def share_sums(self, scenario: int) -> NDArray[np.float64]:
        """``(T, N)`` sums of value-added shares of a scenario, in chunk order."""
        total: NDArray[np.float64] | None = None
        for chunk in self._ordered():
            s = chunk.share_sums[str(scenario)]
            total = s.copy() if total is None else total + s
        if total is None:
            raise KeyError(scenario)
        return total


def _moments(values: NDArray[np.float64]) -> NDArray[np.float64]:
    rows = values.T  # contiguous rows when the metric is a view of year-major paths
    return np.stack([rows.sum(axis=1), np.einsum("ij,ij->i", rows, rows)])


def _metrics(model: CompiledModel, out: BlockOutput) -> dict[str, NDArray[np.float64]]:
    metrics = {f"year:{k}": v for k, v in yearly_metrics(model, out).items()}
    metrics.update({f"window:{k}": v for k, v in window_metrics(model, out).items()})
    return metrics


def _check_finite(model: CompiledModel, key: str, moments: NDArray[np.float64]) -> None:
    if not np.isfinite(moments).all():
        raise ModelError(
            f"scenario {model.name!r}: {key.split('/', 1)[-1]} is not finite in some draws "
            "(NaN or infinite); check the scenario's parameter ranges. Nothing was stored."
        )


def run_chunk(task: ChunkTask) -> ChunkSummary:
    """Simulate and summarise one chunk of every scenario (pure: same task, same result).

    Raises
    ------
    pflab.errors.ModelError
        If any summarised output is NaN or infinite (before anything is stored).
    """
    start = time.perf_counter()
    moments: dict[str, NDArray[np.float64]] = {}
    sketches: dict[str, Sketch] = {}
    counts: dict[str, int] = {}
    shares: dict[str, NDArray[np.float64]] = {}
    frames: list[pd.DataFrame] = []
    reference: tuple[dict[str, NDArray[np.float64]], dict[str, NDArray[np.bool_]]] | None = None
    for s, model in enumerate(task.models):
        out = simulate_block(model, Streams(task.seed, task.index, task.draws))
        metrics = _metrics(model, out)
        hits = goal_hits(model, out)
        hits_cf = goal_hits(model, out, counterfactual=True)
        for name, hit in hits.items():
            cf = hits_cf[name]
            counts[f"{s}/hits:{name}"] = int(hit.sum())
            counts[f"{s}/hits_cf:{name}"] = int(cf.sum())
            counts[f"{s}/gain:{name}"] = int((hit & ~cf).sum())
            counts[f"{s}/loss:{name}"] = int((cf & ~hit).sum())
        counts[f"{s}/breakthroughs"] = int(out.breakthroughs.sum())
        shares[str(s)] = out.share_sums
        keyed = {f"{s}/{k}": v for k, v in metrics.items()}
        if reference is None:
            reference = (metrics, hits)
        else:
            ref_metrics, ref_hits = reference
            for name in DIFFERENCE_METRICS:
                key = f"window:{name}"
                keyed[f"d{s}/{key}"] = metrics[key] - ref_metrics[key]
            for name, hit in hits.items():
                if name in ref_hits:
                    counts[f"d{s}/up:{name}"] = int((hit & ~ref_hits[name]).sum())
                    counts[f"d{s}/down:{name}"] = int((ref_hits[name] & ~hit).sum())
        for key, values in keyed.items():
            m = _moments(values)
            _check_finite(model, key, m)
            moments[key] = m
            # a finite column sum implies finite values (checked just above)
            sketches[key] = Sketch.of(values, finite=True)
        if task.keep_draws:
            frames.append(_draw_frame(task, model, out, metrics, hits))
    return ChunkSummary(
        index=task.index,
        draws=task.draws,
        seconds=time.perf_counter() - start,
        moments=moments,
        share_sums=shares,
        counts=counts,
        sketches=sketches,
        frame=pd.concat(frames, ignore_index=True) if frames else None,
    )


def _draw_frame(
    task: ChunkTask,
    model: CompiledModel,
    out: BlockOutput,
    metrics: dict[str, NDArray[np.float64]],
    hits: dict[str, NDArray[np.bool_]],
) -> pd.DataFrame:
    """One row per draw: parameters, window outputs, selected yearly paths, goal hits."""
    data: dict[str, object] = {
        "scenario": np.full(task.draws, model.name, dtype=object),
        "chunk": np.full(task.draws, task.index, dtype=np.int32),
        "draw": np.arange(task.offset, task.offset + task.draws, dtype=np.int64),
    }
    data.update({f"param:{k}": v for k, v in out.params.items()})
    for name, values in metrics.items():
        kind, metric = name.split(":", 1)
        if kind == "window":
            for j, (a, b) in enumerate(model.windows):
                data[f"{metric}_{a}_{b}"] = values[:, j]
        elif metric in ("gdp", "tfp_growth", "gdp_growth", "manufacturing_share"):
            for j, year in enumerate(model.years):
                data[f"{metric}_{int(year)}"] = values[:, j]
    for name, hit in hits.items():
        data[f"goal:{name}"] = hit
    return pd.DataFrame(data)
