"""One chunk of the Monte Carlo: the task a worker runs and the summary it returns.

A chunk is simulated from its own seed (see :mod:`pflab.simulate.streams`) and
summarised into mergeable pieces: integer quantile sketches (merged in any order),
moments and value-added share sums (kept per chunk and added in chunk order, so that
floating-point sums are identical whatever order chunks finish in), goal hit counts,
and optionally the draws themselves.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pflab.simulate.calibrate import CompiledModel
from pflab.simulate.model import simulate_block
from pflab.simulate.outputs import goal_hits, window_metrics, yearly_metrics
from pflab.simulate.sketch import Sketch
from pflab.simulate.streams import Streams

__all__ = ["ChunkResult", "ChunkTask", "run_chunk"]


@dataclass(frozen=True)
class ChunkTask:
    """What a worker needs to simulate chunk ``index`` of a run."""

    model: CompiledModel
    seed: int
    index: int
    draws: int
    offset: int = 0
    keep_draws: bool = False


@dataclass
class ChunkResult:
    """Summary of one chunk.

    ``moments[metric]`` is a ``(2, cols)`` array: sum and sum of squares.
    """

    index: int
    draws: int
    seconds: float
    sketches: dict[str, Sketch]
    moments: dict[str, NDArray[np.float64]]
    share_sums: NDArray[np.float64]
    goal_hits: dict[str, int]
    goal_hits_cf: dict[str, int]
    breakthroughs: int
    frame: pd.DataFrame | None = field(default=None)


def _moments(values: NDArray[np.float64]) -> NDArray[np.float64]:
    rows = values.T  # contiguous rows when the metric is a view of year-major paths
    return np.stack([rows.sum(axis=1), np.einsum("ij,ij->i", rows, rows)])


def run_chunk(task: ChunkTask) -> ChunkResult:
    """Simulate and summarise one chunk (pure: same task, same result)."""
    start = time.perf_counter()
    model = task.model
    out = simulate_block(model, Streams(task.seed, task.index, task.draws))
    metrics = {f"year:{k}": v for k, v in yearly_metrics(model, out).items()}
    metrics.update({f"window:{k}": v for k, v in window_metrics(model, out).items()})
    hits = goal_hits(model, out)
    hits_cf = goal_hits(model, out, counterfactual=True)
    moments = {k: _moments(v) for k, v in metrics.items()}
    # a finite column sum implies finite values (an inf or NaN would propagate into it)
    sketches = {
        k: Sketch.of(v, finite=bool(np.isfinite(moments[k]).all())) for k, v in metrics.items()
    }
    frame = None
    if task.keep_draws:
        data: dict[str, object] = {
            "chunk": np.full(task.draws, task.index, dtype=np.int32),
            "draw": np.arange(task.offset, task.offset + task.draws, dtype=np.int64),
        }
        data.update({f"param:{k}": v for k, v in out.params.items()})
        for name, values in metrics.items():
            if name.startswith("window:"):
                for j, (a, b) in enumerate(model.windows):
                    data[f"{name[7:]}_{a}_{b}"] = values[:, j]
        for name, values in yearly_metrics(model, out).items():
            if name in ("gdp", "tfp_growth", "gdp_growth", "manufacturing_share"):
                for j, year in enumerate(model.years):
                    data[f"{name}_{int(year)}"] = values[:, j]
        for name, hit in hits.items():
            data[f"goal:{name}"] = hit
        frame = pd.DataFrame(data)
    return ChunkResult(
        index=task.index,
        draws=task.draws,
        seconds=time.perf_counter() - start,
        sketches=sketches,
        moments=moments,
        share_sums=out.share_sums,
        goal_hits={k: int(v.sum()) for k, v in hits.items()},
        goal_hits_cf={k: int(v.sum()) for k, v in hits_cf.items()},
        breakthroughs=int(out.breakthroughs.sum()),
        frame=frame,
    )
