"""Where a run's chunks go: the small storage protocol the engine writes through.

The simulator does not know how runs are stored. It talks to a :class:`RunSink`, which
the DuckDB results store (:class:`pflab.store.RunStore`, a layer above) implements; a
notebook user may pass any object with these methods. The engine

1. calls :meth:`RunSink.open_run` with the run's identity and gets back the chunks
   already stored (empty for a new run), so that a run resumes where it stopped;
2. calls :meth:`RunSink.write_chunk` once per finished chunk, with the chunk's summary
   and the run's merged sketches, which the sink must store atomically (all or nothing);
3. calls :meth:`RunSink.finish` with the summary table when every chunk is stored.

The engine never opens or closes a sink; whoever created it does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd

    from pflab.simulate.chunks import ChunkSummary, StoredRun
    from pflab.simulate.sketch import Sketch

__all__ = ["RunInfo", "RunSink"]


@dataclass(frozen=True)
class RunInfo:
    """Identity and description of a run, as a sink records it.

    Attributes
    ----------
    run_id
        Hash of every compiled model, the seed, draws, chunk size and model version.
    scenarios
        Each scenario's definition (``Scenario.to_dict()``), in run order.
    fingerprints
        Each scenario's content hash, in run order.
    seed, draws, chunk_size, n_chunks
        The run's size and seed.
    model_version, backend
        Version of the model's numbers and where chunks run.
    parameters
        Dotted parameter name → (distribution text, uncertain?), of the first scenario.
    meta
        Anything else worth keeping (sector table, economy).
    """

    run_id: str
    scenarios: tuple[Mapping[str, Any], ...]
    fingerprints: tuple[str, ...]
    seed: int
    draws: int
    chunk_size: int
    n_chunks: int
    model_version: str
    backend: str
    parameters: Mapping[str, tuple[str, bool]] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The scenario names joined, e.g. ``"none, central"``."""
        return ", ".join(str(s.get("name")) for s in self.scenarios)


@runtime_checkable
class RunSink(Protocol):
    """Storage of simulation runs (implemented by :class:`pflab.store.RunStore`)."""

    @property
    def location(self) -> str:
        """Where the runs are kept, for messages (e.g. the file's path)."""
        ...

    def open_run(self, info: RunInfo) -> StoredRun:
        """Record the run if new; return what is already stored for it."""
        ...

    def write_chunk(self, run_id: str, chunk: ChunkSummary, sketches: Mapping[str, Sketch]) -> None:
        """Store one chunk and the run's merged sketches in one transaction."""
        ...

    def finish(self, run_id: str, quantiles: pd.DataFrame) -> None:
        """Store the summary table (``metric, period, stat, value``) of a complete run."""
        ...
