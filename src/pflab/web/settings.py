"""The operator's settings of the web app (command-line flags of ``pflab serve``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pflab.errors import ParameterError

__all__ = ["LOOPBACK", "WebSettings"]

#: Host names that reach only this machine.
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class WebSettings:
    """What the operator decides; nothing here comes from a request.

    Attributes
    ----------
    store
        The only folder the app writes to (the DuckDB results store ``runs.duckdb`` and
        nothing else); created if absent.
    host
        The address served; loopback by default. Other host names in requests are
        refused (no DNS rebinding).
    max_draws
        Upper bound on Monte Carlo draws per scenario in one request.
    timeout
        Seconds a page or API computation may take before the request fails with 503
        (background jobs are not bound by it).
    max_body
        Largest request body in bytes.
    max_jobs
        Largest number of jobs queued or running at once.
    jobs
        Start the job-runner process (tests of pages alone may leave it off).
    """

    store: Path
    host: str = "127.0.0.1"
    max_draws: int = 20_000
    timeout: float = 120.0
    max_body: int = 16_384
    max_jobs: int = 20
    jobs: bool = True

    def __post_init__(self) -> None:
        if self.max_draws < 100:
            raise ParameterError("max_draws", f"{self.max_draws}; expected at least 100")
        if self.timeout <= 0:
            raise ParameterError("timeout", f"{self.timeout}; expected a positive number")
        if self.max_body < 1024:
            raise ParameterError("max_body", f"{self.max_body}; expected at least 1024")
        if self.max_jobs < 1:
            raise ParameterError("max_jobs", f"{self.max_jobs}; expected at least 1")

    @property
    def store_file(self) -> Path:
        """The DuckDB file of simulation runs, inside :attr:`store`."""
        return self.store / "runs.duckdb"

    @property
    def allowed_hosts(self) -> list[str]:
        """Host names a request may name: loopback, plus the served address."""
        hosts = [*LOOPBACK, "[::1]"]
        if self.host not in hosts and self.host not in ("0.0.0.0", "::"):
            hosts.append(self.host)
        if self.host in ("0.0.0.0", "::"):
            return ["*"]
        return hosts
