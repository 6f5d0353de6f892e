"""A DuckDB file holding simulation runs, so that a run can resume and be reread.

Tables

=================  ==========================================================================
``runs``           one row per run: id, scenario, seed, draws, chunk size, status, timings
``scenarios``      scenario definitions (JSON) by content fingerprint
``parameters``     every parameter of a run with its distribution
``chunks``         chunk status: a chunk's row exists only once all its results are stored
``chunk_data``     per chunk: moments and value-added share sums (npz), goal hits (JSON)
``sketches``       per run and metric: the quantile sketch of all stored chunks
``quantiles``      per run, metric and year (or window): mean, s.d. and quantiles, written
                   when the run completes
=================  ==========================================================================

Each chunk is written in one transaction (its data, the updated sketches and its status
row), so an interruption at any point leaves either the whole chunk or none of it. Raw
draws, when asked for, go to Parquet files beside the database, written under a
temporary name and renamed before the chunk's transaction commits.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pflab.errors import DataFormatError, ParameterError
from pflab.simulate.sketch import Sketch

__all__ = ["RunStore", "StoredChunks"]

#: Test hook: called with a label between the statements of a chunk's transaction.
FAULT_HOOK: Callable[[str], None] | None = None

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, scenario VARCHAR, fingerprint VARCHAR, seed BIGINT,
        draws BIGINT, chunk_size BIGINT, n_chunks BIGINT, model_version VARCHAR,
        pflab_version VARCHAR, backend VARCHAR, created TIMESTAMP, finished TIMESTAMP,
        meta JSON)""",
    """CREATE TABLE IF NOT EXISTS scenarios (
        fingerprint VARCHAR PRIMARY KEY, name VARCHAR, definition JSON)""",
    """CREATE TABLE IF NOT EXISTS parameters (
        run_id VARCHAR, name VARCHAR, distribution VARCHAR, uncertain BOOLEAN,
        PRIMARY KEY (run_id, name))""",
    """CREATE TABLE IF NOT EXISTS chunks (
        run_id VARCHAR, chunk BIGINT, draws BIGINT, seconds DOUBLE, finished TIMESTAMP,
        raw_file VARCHAR, PRIMARY KEY (run_id, chunk))""",
    """CREATE TABLE IF NOT EXISTS chunk_data (
        run_id VARCHAR, chunk BIGINT, arrays BLOB, goal_hits JSON, goal_hits_cf JSON,
        breakthroughs BIGINT, PRIMARY KEY (run_id, chunk))""",
    """CREATE TABLE IF NOT EXISTS sketches (
        run_id VARCHAR, metric VARCHAR, data BLOB, PRIMARY KEY (run_id, metric))""",
    """CREATE TABLE IF NOT EXISTS quantiles (
        run_id VARCHAR, metric VARCHAR, period VARCHAR, stat VARCHAR, value DOUBLE)""",
]


def _npz(arrays: Mapping[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    named: dict[str, Any] = {k.replace(":", "__"): v for k, v in arrays.items()}
    np.savez(buf, allow_pickle=False, **named)
    return buf.getvalue()


def _unnpz(data: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        return {k.replace("__", ":"): z[k] for k in z.files}


class StoredChunks:
    """What the store holds for a run: merged sketches and per-chunk pieces."""

    def __init__(self) -> None:
        self.sketches: dict[str, Sketch] = {}
        self.moments: dict[int, dict[str, np.ndarray]] = {}
        self.share_sums: dict[int, np.ndarray] = {}
        self.draws: dict[int, int] = {}
        self.goal_hits: dict[int, dict[str, int]] = {}
        self.goal_hits_cf: dict[int, dict[str, int]] = {}
        self.breakthroughs: dict[int, int] = {}


class RunStore:
    """A DuckDB results file (created if absent).

    Parameters
    ----------
    path
        The ``.duckdb`` file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.exists() and self.path.is_dir():
            raise ParameterError("--store", f"{self.path} is a folder; expected a .duckdb file")
        if not self.path.parent.exists():
            raise ParameterError("--store", f"{self.path.parent}: folder does not exist")
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise DataFormatError(f"not a usable DuckDB file: {exc}", path=self.path) from None
        for statement in _SCHEMA:
            self.con.execute(statement)

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs --------------------------------------------------------------------------

    def begin_run(
        self,
        run_id: str,
        *,
        scenario: Mapping[str, Any],
        fingerprint: str,
        seed: int,
        draws: int,
        chunk_size: int,
        n_chunks: int,
        model_version: str,
        backend: str,
        parameters: Mapping[str, tuple[str, bool]],
        meta: Mapping[str, Any],
    ) -> None:
        """Record a run (no-op if it is already recorded)."""
        from pflab._version import __version__

        exists = self.con.execute("SELECT 1 FROM runs WHERE run_id = ?", [run_id]).fetchone()
        if exists:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                [
                    run_id,
                    scenario.get("name"),
                    fingerprint,
                    seed,
                    draws,
                    chunk_size,
                    n_chunks,
                    model_version,
                    __version__,
                    backend,
                    datetime.now(UTC).replace(tzinfo=None),
                    json.dumps(dict(meta), default=str),
                ],
            )
            self.con.execute(
                "INSERT INTO scenarios SELECT ?, ?, ? WHERE NOT EXISTS "
                "(SELECT 1 FROM scenarios WHERE fingerprint = ?)",
                [fingerprint, scenario.get("name"), json.dumps(dict(scenario)), fingerprint],
            )
            for name, (text, uncertain) in parameters.items():
                self.con.execute(
                    "INSERT INTO parameters VALUES (?, ?, ?, ?)", [run_id, name, text, uncertain]
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def runs(self) -> pd.DataFrame:
        """Every stored run with its number of completed chunks."""
        return self.con.execute(
            "SELECT r.run_id, r.scenario, r.seed, r.draws, r.chunk_size, r.n_chunks, "
            "count(c.chunk) AS chunks_done, r.created, r.finished FROM runs r "
            "LEFT JOIN chunks c USING (run_id) GROUP BY ALL ORDER BY r.created"
        ).df()

    def completed(self, run_id: str) -> set[int]:
        """Indices of the chunks fully stored for ``run_id``."""
        rows = self.con.execute("SELECT chunk FROM chunks WHERE run_id = ?", [run_id]).fetchall()
        return {int(r[0]) for r in rows}

    def load(self, run_id: str) -> StoredChunks:
        """Everything stored for the completed chunks of a run."""
        out = StoredChunks()
        for metric, data in self.con.execute(
            "SELECT metric, data FROM sketches WHERE run_id = ?", [run_id]
        ).fetchall():
            out.sketches[str(metric)] = Sketch.from_bytes(bytes(data))
        rows = self.con.execute(
            "SELECT d.chunk, c.draws, d.arrays, d.goal_hits, d.goal_hits_cf, d.breakthroughs "
            "FROM chunk_data d JOIN chunks c USING (run_id, chunk) WHERE run_id = ?",
            [run_id],
        ).fetchall()
        for chunk, draws, arrays, hits, hits_cf, breaks in rows:
            c = int(chunk)
            data = _unnpz(bytes(arrays))
            out.share_sums[c] = data.pop("share_sums")
            out.moments[c] = data
            out.draws[c] = int(draws)
            out.goal_hits[c] = {k: int(v) for k, v in json.loads(hits).items()}
            out.goal_hits_cf[c] = {k: int(v) for k, v in json.loads(hits_cf).items()}
            out.breakthroughs[c] = int(breaks)
        return out

    def write_chunk(
        self,
        run_id: str,
        *,
        chunk: int,
        draws: int,
        seconds: float,
        moments: Mapping[str, np.ndarray],
        share_sums: np.ndarray,
        goal_hits: Mapping[str, int],
        goal_hits_cf: Mapping[str, int],
        breakthroughs: int,
        sketches: Mapping[str, Sketch],
        raw_file: str | None = None,
    ) -> None:
        """Store one chunk and the run's updated sketches in one transaction."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "INSERT INTO chunk_data VALUES (?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    chunk,
                    _npz({**moments, "share_sums": share_sums}),
                    json.dumps(dict(goal_hits)),
                    json.dumps(dict(goal_hits_cf)),
                    breakthroughs,
                ],
            )
            if FAULT_HOOK is not None:
                FAULT_HOOK("after chunk_data")
            for metric, sketch in sketches.items():
                con.execute(
                    "INSERT OR REPLACE INTO sketches VALUES (?, ?, ?)",
                    [run_id, metric, sketch.to_bytes()],
                )
            if FAULT_HOOK is not None:
                FAULT_HOOK("after sketches")
            con.execute(
                "INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?)",
                [run_id, chunk, draws, seconds, datetime.now(UTC).replace(tzinfo=None), raw_file],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def finish(self, run_id: str, quantiles: pd.DataFrame) -> None:
        """Write the run's summary table and mark it finished.

        ``quantiles`` has columns ``metric``, ``period``, ``stat``, ``value``.
        """
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("DELETE FROM quantiles WHERE run_id = ?", [run_id])
            frame = quantiles[["metric", "period", "stat", "value"]].copy()
            frame.insert(0, "run_id", run_id)
            con.register("_q", frame)
            con.execute("INSERT INTO quantiles SELECT * FROM _q")
            con.unregister("_q")
            con.execute(
                "UPDATE runs SET finished = ? WHERE run_id = ?",
                [datetime.now(UTC).replace(tzinfo=None), run_id],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def quantiles(self, run_id: str) -> pd.DataFrame:
        """The stored summary table of a finished run."""
        return self.con.execute(
            "SELECT metric, period, stat, value FROM quantiles WHERE run_id = ? "
            "ORDER BY metric, period, stat",
            [run_id],
        ).df()
