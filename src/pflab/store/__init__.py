"""Results store: scenario ensembles in a DuckDB file."""

from pflab.store.duckdb_store import RunStore

__all__ = ["RunStore"]
