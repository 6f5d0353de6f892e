"""How fast pflab starts: ``import pflab`` and ``pflab --help`` (absolute figures).

There is no peer to compare with: the target is an absolute one (``pflab --help`` under half
a second on this machine; ``import pflab`` loads neither scipy nor plotly). Each command runs
in a fresh interpreter, alternating with the bare interpreter start-up (``python -c pass``)
so that a slow or busy machine shows in both; the script prints the median and the spread
over the rounds, and pflab's own share (median minus the bare start-up).

Usage::

    python benchmarks/bench_cli_startup.py            # 9 rounds
    python benchmarks/bench_cli_startup.py --rounds 21
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = {
    "python -c pass (bare interpreter)": [sys.executable, "-c", "pass"],
    "python -c 'import pflab'": [sys.executable, "-c", "import pflab"],
    "pflab --help": [],  # filled in main(): the installed console script
    "pflab tfp --help": [],
}


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _heavy_modules() -> list[str]:
    code = (
        "import sys, pflab; print(','.join(m for m in ('scipy', 'plotly', 'pandas', 'numpy') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in done.stdout.strip().split(",") if m]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9, help="alternating rounds (≥ 5)")
    args = parser.parse_args(argv)
    script = shutil.which("pflab", path=str(Path(sys.executable).parent)) or shutil.which("pflab")
    if script is None:
        print("pflab is not installed in this environment: pip install -e .", file=sys.stderr)
        return 1
    COMMANDS["pflab --help"] = [script, "--help"]
    COMMANDS["pflab tfp --help"] = [script, "tfp", "--help"]
    for command in COMMANDS.values():  # warm the file cache once
        _time(command)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(max(args.rounds, 5)):
        for name, command in COMMANDS.items():
            times[name].append(_time(command))
    bare = statistics.median(times["python -c pass (bare interpreter)"])
    print(f"{'command':<36} {'median':>8} {'min':>8} {'max':>8} {'pflab share':>12}")
    for name, values in times.items():
        median = statistics.median(values)
        share = "" if name.startswith("python -c pass") else f"{median - bare:.3f} s"
        print(f"{name:<36} {median:8.3f} {min(values):8.3f} {max(values):8.3f} {share:>12}")
    help_median = statistics.median(times["pflab --help"])
    verdict = "met" if help_median < 0.5 else "MISSED"
    print(f"\ntarget: pflab --help under 0.5 s: {help_median:.3f} s ({verdict})")
    heavy = _heavy_modules()
    loaded = ", ".join(heavy) if heavy else "none of scipy, plotly, pandas, numpy"
    print(f"import pflab loads: {loaded}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
