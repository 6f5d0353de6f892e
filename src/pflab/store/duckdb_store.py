"""A DuckDB file holding simulation runs, so that a run can resume and be reread.

:class:`RunStore` implements the simulator's :class:`~pflab.simulate.sink.RunSink`.

Tables

=================  ==========================================================================
``store_meta``     the store's schema version
``runs``           one row per run: id, scenarios, seed, draws, chunk size, status, timings
``scenarios``      scenario definitions (JSON) by content fingerprint
``parameters``     every parameter of a run (first scenario) with its distribution
``chunks``         chunk status: a chunk's row exists only once all its results are stored
``chunk_data``     per chunk: moments and value-added share sums (npz), counters (JSON)
``sketches``       per run and key: the quantile sketch of all stored chunks
``quantiles``      per run, metric and year (or window): mean, s.d. and quantiles, written
                   when the run completes
=================  ==========================================================================

Each chunk is written in one transaction (its data, the updated sketches and its status
row), so an interruption at any point leaves either the whole chunk or none of it.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pflab.errors import DataFormatError, ParameterError
from pflab.simulate.chunks import ChunkSummary, StoredRun
from pflab.simulate.sink import RunInfo
from pflab.simulate.sketch import Sketch

__all__ = ["SCHEMA_VERSION", "RunStore"]

#: Version of the table layout; a file written with another layout is refused.
SCHEMA_VERSION = "2"

#: Test hook: called with a label between the statements of a chunk's transaction.
FAULT_HOOK: Callable[[str], None] | None = None

_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
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
        PRIMARY KEY (run_id, chunk))""",
    """CREATE TABLE IF NOT EXISTS chunk_data (
        run_id VARCHAR, chunk BIGINT, arrays BLOB, counts JSON, PRIMARY KEY (run_id, chunk))""",
    """CREATE TABLE IF NOT EXISTS sketches (
        run_id VARCHAR, metric VARCHAR, data BLOB, PRIMARY KEY (run_id, metric))""",
    """CREATE TABLE IF NOT EXISTS quantiles (
        run_id VARCHAR, metric VARCHAR, period VARCHAR, stat VARCHAR, value DOUBLE)""",
]

_SHARES = "shares@"  # prefix of the share-sum arrays beside the moments in a chunk's npz


def _npz(arrays: Mapping[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, allow_pickle=False, **{f"a{i}": v for i, v in enumerate(arrays.values())})
    names = json.dumps(list(arrays)).encode("utf-8")
    return len(names).to_bytes(8, "little") + names + buf.getvalue()


def _unnpz(data: bytes) -> dict[str, np.ndarray]:
    size = int.from_bytes(data[:8], "little")
    names = json.loads(data[8 : 8 + size].decode("utf-8"))
    with np.load(io.BytesIO(data[8 + size :]), allow_pickle=False) as z:
        return {name: z[f"a{i}"] for i, name in enumerate(names)}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class RunStore:
    """A DuckDB results file (created if absent); a :class:`~pflab.simulate.sink.RunSink`.

    Parameters
    ----------
    path
        The ``.duckdb`` file.

    Examples
    --------
    >>> from pflab.simulate import simulate  # doctest: +SKIP
    >>> with RunStore("runs.duckdb") as store:  # doctest: +SKIP
    ...     result = simulate("central", draws=100_000, store=store)
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise ParameterError("store", f"{self.path} is a folder; expected a .duckdb file")
        if not self.path.parent.exists():
            raise ParameterError("store", f"{self.path.parent}: folder does not exist")
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise DataFormatError(f"not a usable DuckDB file: {exc}", path=self.path) from None
        for statement in _SCHEMA:
            self.con.execute(statement)
        self._check_version()

    def _check_version(self) -> None:
        row = self.con.execute("SELECT value FROM store_meta WHERE key = 'schema'").fetchone()
        if row is None:
            old = self.con.execute("SELECT count(*) FROM runs").fetchone()
            if old is not None and old[0] > 0:
                raise DataFormatError(
                    "written by an older pflab (no schema version); start a new store file",
                    path=self.path,
                )
            self.con.execute("INSERT INTO store_meta VALUES ('schema', ?)", [SCHEMA_VERSION])
        elif row[0] != SCHEMA_VERSION:
            raise DataFormatError(
                f"store schema {row[0]}, this pflab reads {SCHEMA_VERSION}; start a new file",
                path=self.path,
            )

    @property
    def location(self) -> str:
        """The file's path (for messages)."""
        return str(self.path)

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run the block in one transaction: committed on success, rolled back on any
        exception or interruption (which is then re-raised)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- the sink protocol ----------------------------------------------------------------

    def open_run(self, info: RunInfo) -> StoredRun:
        """Record a run (if new) and return what is stored for it."""
        from pflab._version import __version__

        exists = self.con.execute("SELECT 1 FROM runs WHERE run_id = ?", [info.run_id]).fetchone()
        if not exists:
            with self.transaction() as con:
                con.execute(
                    "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                    [
                        info.run_id,
                        info.label,
                        ",".join(info.fingerprints),
                        info.seed,
                        info.draws,
                        info.chunk_size,
                        info.n_chunks,
                        info.model_version,
                        __version__,
                        info.backend,
                        _now(),
                        json.dumps(dict(info.meta), default=str),
                    ],
                )
                for fingerprint, scenario in zip(info.fingerprints, info.scenarios, strict=True):
                    con.execute(
                        "INSERT INTO scenarios SELECT ?, ?, ? WHERE NOT EXISTS "
                        "(SELECT 1 FROM scenarios WHERE fingerprint = ?)",
                        [
                            fingerprint,
                            scenario.get("name"),
                            json.dumps(dict(scenario)),
                            fingerprint,
                        ],
                    )
                for name, (text, uncertain) in info.parameters.items():
                    con.execute(
                        "INSERT INTO parameters VALUES (?, ?, ?, ?)",
                        [info.run_id, name, text, uncertain],
                    )
        return self.load(info.run_id)

    def write_chunk(self, run_id: str, chunk: ChunkSummary, sketches: Mapping[str, Sketch]) -> None:
        """Store one chunk and the run's merged sketches in one transaction."""
        arrays: dict[str, np.ndarray] = dict(chunk.moments)
        arrays.update({f"{_SHARES}{k}": v for k, v in chunk.share_sums.items()})
        with self.transaction() as con:
            con.execute(
                "INSERT INTO chunk_data VALUES (?, ?, ?, ?)",
                [run_id, chunk.index, _npz(arrays), json.dumps(chunk.counts)],
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
                "INSERT INTO chunks VALUES (?, ?, ?, ?, ?)",
                [run_id, chunk.index, chunk.draws, chunk.seconds, _now()],
            )

    def finish(self, run_id: str, quantiles: pd.DataFrame) -> None:
        """Write the run's summary table (``metric, period, stat, value``), mark it finished."""
        frame = quantiles[["metric", "period", "stat", "value"]].copy()
        frame.insert(0, "run_id", run_id)
        with self.transaction() as con:
            con.execute("DELETE FROM quantiles WHERE run_id = ?", [run_id])
            con.register("_q", frame)
            con.execute("INSERT INTO quantiles SELECT * FROM _q")
            con.unregister("_q")
            con.execute("UPDATE runs SET finished = ? WHERE run_id = ?", [_now(), run_id])

    # -- reading -----------------------------------------------------------------------------

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

    def load(self, run_id: str) -> StoredRun:
        """Everything stored for the completed chunks of a run."""
        out = StoredRun()
        for metric, data in self.con.execute(
            "SELECT metric, data FROM sketches WHERE run_id = ?", [run_id]
        ).fetchall():
            out.sketches[str(metric)] = Sketch.from_bytes(bytes(data))
        rows = self.con.execute(
            "SELECT d.chunk, c.draws, c.seconds, d.arrays, d.counts "
            "FROM chunk_data d JOIN chunks c USING (run_id, chunk) WHERE run_id = ?",
            [run_id],
        ).fetchall()
        for chunk, draws, seconds, arrays, counts in rows:
            data = _unnpz(bytes(arrays))
            shares = {k[len(_SHARES) :]: v for k, v in data.items() if k.startswith(_SHARES)}
            moments = {k: v for k, v in data.items() if not k.startswith(_SHARES)}
            parsed: dict[str, Any] = json.loads(counts)
            out.chunks[int(chunk)] = ChunkSummary(
                index=int(chunk),
                draws=int(draws),
                seconds=float(seconds),
                moments=moments,
                share_sums=shares,
                counts={k: int(v) for k, v in parsed.items()},
            )
        return out

    def quantiles(self, run_id: str) -> pd.DataFrame:
        """The stored summary table of a finished run."""
        return self.con.execute(
            "SELECT metric, period, stat, value FROM quantiles WHERE run_id = ? "
            "ORDER BY metric, period, stat",
            [run_id],
        ).df()
