"""A bounded load test of ``pflab serve`` on loopback: latency percentiles and errors.

Starts ``pflab serve`` on a free loopback port with a temporary store, warms the cached
computations (one request each), then runs, at the same time,

- 50 concurrent clients × 20 requests each over the cached endpoints (section pages,
  section fragments, API results as JSON and CSV), and
- 5 concurrent background jobs (simulations when the simulator is present, otherwise
  the longest computation available), each started, polled and read to the end,

and prints p50/p95/p99 latency of the cached requests, the error count, throughput and
how long the jobs took. Every loop is bounded in count and time; the server is stopped
at the end. No address other than 127.0.0.1 is contacted.

    python benchmarks/bench_web_load.py                 # 50 × 20 + 5 jobs
    python benchmarks/bench_web_load.py --clients 10 --requests 5 --jobs 1   # quick
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

CACHED = [
    "/section/productivity",
    "/section/claims",
    "/section/spillovers",
    "/section/data",
    "/section/productivity/content?method=bosworth-collins",
    "/api/v1/accounting/eras",
    "/api/v1/accounting/eras.csv?table=eras",
    "/api/v1/accounting/sensitivity",
    "/api/v1/accounting/vintages",
    "/api/v1/world/mva",
    "/api/v1/claims/ledger",
    "/api/v1/network/position",
    "/api/v1/network/shocks.csv?table=effects",
    "/api/v1/sections",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


async def _client(
    base: str, paths: list[str], n: int, offset: int, out: list, errors: list, per: dict
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for i in range(n):
            path = paths[(offset + i) % len(paths)]
            started = time.perf_counter()
            try:
                response = await client.get(path)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {path}")
                out.append(elapsed)
                per.setdefault(path, []).append(elapsed)
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")


async def _job(base: str, computation: str, params: dict, deadline: float) -> tuple[str, float]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        started = time.perf_counter()
        response = await client.post(
            "/api/v1/jobs", json={"computation": computation, "params": params}
        )
        if response.status_code != 202:
            return f"refused {response.status_code}: {response.text[:120]}", 0.0
        job = response.json()["id"]
        while time.monotonic() < deadline:
            state = (await client.get(f"/api/v1/jobs/{job}")).json()["state"]
            if state in ("done", "failed", "cancelled"):
                if state == "done":
                    result = await client.get(f"/api/v1/jobs/{job}/result")
                    state = "done" if result.status_code == 200 else f"result {result.status_code}"
                return state, time.perf_counter() - started
            await asyncio.sleep(0.5)
        await client.delete(f"/api/v1/jobs/{job}")
        return "timed out (cancelled)", time.perf_counter() - started


async def _run(base: str, clients: int, requests: int, jobs: int, draws: int) -> int:
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        sections = (await client.get("/api/v1/sections")).json()
        available = {c["key"]: c for s in sections for c in s["computations"] if c["available"]}
        started = time.perf_counter()
        for path in CACHED:  # warm: each computation once
            response = await client.get(path)
            if response.status_code != 200:
                print(f"warm-up: {response.status_code} {path}")
        print(
            f"warm-up (first computation of every endpoint): {time.perf_counter() - started:.1f} s"
        )
    if "simulate/scenarios" in available:
        computation = "simulate/scenarios"
        params = [
            {"draws": draws, "seed": seed, "scenarios": "none,central"} for seed in range(jobs)
        ]
    else:
        computation = "accounting/sensitivity"
        params = [{"economy": e} for e in ("JPN", "KOR", "USA", "DEU", "FRA", "GBR")[:jobs]]
    print(f"jobs: {jobs} × {computation} {params[0] if params else ''}")
    latencies: list[float] = []
    errors: list[str] = []
    per: dict[str, list[float]] = {}
    deadline = time.monotonic() + 900
    started = time.perf_counter()
    results = await asyncio.gather(
        *(_client(base, CACHED, requests, i, latencies, errors, per) for i in range(clients)),
        *(_job(base, computation, p, deadline) for p in params),
    )
    wall = time.perf_counter() - started
    job_results = [r for r in results if isinstance(r, tuple)]
    n = len(latencies)
    print(
        f"cached requests: {n} from {clients} clients × {requests}, in {wall:.1f} s "
        f"({n / wall:.0f} requests/s while {jobs} jobs ran)"
    )
    if latencies:
        ms = [1000 * x for x in latencies]
        print(
            f"latency ms: p50 {_percentile(ms, 50):.0f}  p95 {_percentile(ms, 95):.0f}  "
            f"p99 {_percentile(ms, 99):.0f}  max {max(ms):.0f}  mean {statistics.fmean(ms):.0f}"
        )
    print(f"errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    for path, values in per.items():
        ms = [1000 * x for x in values]
        print(f"  {path:60s} n={len(ms):3d} p50 {_percentile(ms, 50):6.0f}  max {max(ms):6.0f}")
    for state, seconds in job_results:
        print(f"job: {state} after {seconds:.1f} s")
    return 1 if errors or any(s != "done" for s, _ in job_results) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=5)
    parser.add_argument("--draws", type=int, default=2000)
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="pflab-load-") as store:
        pflab = Path(sys.executable).with_name("pflab")
        server = subprocess.Popen(
            [str(pflab), "serve", "--port", str(port), "--store", store, "--max-draws", "100000"],
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            else:
                print("the server did not start")
                return 1
            print(f"pflab serve on {base}, {os.cpu_count()} cores")
            return asyncio.run(_run(base, args.clients, args.requests, args.jobs, args.draws))
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    raise SystemExit(main())
