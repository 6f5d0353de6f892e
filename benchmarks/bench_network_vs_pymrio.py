"""pflab against pymrio 0.7 on seeded synthetic multi-regional tables.

For each size (2,464 = WIOD, 3,645 = OECD ICIO, 9,800 = EXIOBASE sectors) the script
builds the same seeded MRIO (5 final-demand categories per region, a 3-row extension)
in separate child processes and, over ``--rounds`` alternating rounds (at least five;
pymrio first in odd rounds, pflab first in even ones, so that a slow spell of the
machine hits both):

- times pymrio's ``IOSystem.calc_all()`` and pflab's ``mrio_footprints()``, which
  produce the same multipliers M and consumption-/production-based accounts
  (D_cba, D_pba and their regional totals), and takes the ratio within each round;
- prints the median ratio with its spread (min–max and interquartile range over rounds),
  the median times and the median peak-memory ratio (ru_maxrss of each child, which
  includes the synthetic data);
- checks in every round that the results agree (relative to the largest value,
  tolerance 1e-9);
- times a single dense LU factorisation of I − A once per size beside pflab's time (the
  cost of the dense-algebra route pflab avoids at this size).

pymrio's ``calc_all`` also computes the trade accounts D_imp and D_exp; ``--trade`` makes
pflab compute them too (they need one right-hand side per region and stressor, which
pflab answers with one reused LU factorisation at large sizes).

Usage::

    python benchmarks/bench_network_vs_pymrio.py                    # 2,464 and 3,645, 5 rounds
    python benchmarks/bench_network_vs_pymrio.py --sizes 9800 --rounds 5
    python benchmarks/bench_network_vs_pymrio.py --no-lu --trade

Needs ``pip install -e '.[bench]'`` (pymrio, psutil). The 9,800 case uses about 6 GB of
memory in pymrio's child process and takes about 40 s per pymrio run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SHAPES = {2464: (44, 56), 3645: (81, 45), 9800: (49, 200)}
CATEGORIES = 5
STRESSORS = 3
SEED = 20240601
TARGETS = {9800: (10.0, 1 / 3), 2464: (5.0, None)}


def synthetic(regions: int, sectors: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """A seeded MRIO: Z with heavy domestic blocks, Y with 5 categories, a 3-row F.

    Intermediate sales are 40–80 % of each sector's output and intermediate inputs at most
    85 % of it, so the system is productive and every row leaves positive final demand;
    Z is built in place to keep memory at one N × N array.
    """
    rng = np.random.default_rng(seed)
    n = regions * sectors
    x = rng.lognormal(mean=8.0, sigma=1.5, size=n)
    share = rng.uniform(0.4, 0.8, size=n)
    z = rng.random((n, n))
    z **= 4
    for r in range(regions):
        block = slice(r * sectors, (r + 1) * sectors)
        z[block, block] *= 20.0
    z *= x[None, :]
    z *= (share * x / z.sum(axis=1))[:, None]
    # cap intermediate inputs at 85 % of output so that every sector has value added
    z *= np.minimum(1.0, 0.85 * x / z.sum(axis=0))[None, :]
    final = x - z.sum(axis=1)
    y = rng.dirichlet(np.ones(regions * CATEGORIES), size=n) * final[:, None]
    f = rng.lognormal(0.0, 1.0, (STRESSORS, n)) * x[None, :]
    f_y = rng.random((STRESSORS, regions * CATEGORIES)) * f.sum(axis=1, keepdims=True) * 0.01
    return {"Z": z, "Y": y, "F": f, "F_Y": f_y}


def _labels(regions: int, sectors: int) -> tuple[list[str], list[str], list[str], list[str]]:
    return (
        [f"R{i:02d}" for i in range(regions)],
        [f"s{j:03d}" for j in range(sectors)],
        [f"fd{k}" for k in range(CATEGORIES)],
        [f"stressor{k}" for k in range(STRESSORS)],
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def run_pymrio(regions: int, sectors: int, out: Path) -> dict[str, float]:
    """Child: pymrio calc_all on the synthetic MRIO."""
    import pandas as pd
    import pymrio

    data = synthetic(regions, sectors)
    base = _peak_mb()
    region_labels, sector_labels, categories, stressors = _labels(regions, sectors)
    index = pd.MultiIndex.from_product([region_labels, sector_labels], names=["region", "sector"])
    columns = pd.MultiIndex.from_product([region_labels, categories], names=["region", "category"])
    start = time.perf_counter()
    io = pymrio.IOSystem(
        Z=pd.DataFrame(data["Z"], index=index, columns=index, copy=False),
        Y=pd.DataFrame(data["Y"], index=index, columns=columns, copy=False),
    )
    io.ext = pymrio.Extension(
        name="ext",
        F=pd.DataFrame(data["F"], index=stressors, columns=index, copy=False),
        F_Y=pd.DataFrame(data["F_Y"], index=stressors, columns=columns, copy=False),
    )
    io.calc_all()
    seconds = time.perf_counter() - start
    ext = io.ext
    np.savez(
        out,
        M=ext.M.to_numpy(),
        D_cba=ext.D_cba.to_numpy(),
        D_pba=ext.D_pba.to_numpy(),
        D_cba_reg=ext.D_cba_reg.to_numpy(),
        D_pba_reg=ext.D_pba_reg.to_numpy(),
        D_imp=ext.D_imp.to_numpy(),
        D_exp=ext.D_exp.to_numpy(),
    )
    return {"seconds": seconds, "peak_mb": _peak_mb(), "data_mb": base}


def run_pflab(regions: int, sectors: int, out: Path, trade: bool) -> dict[str, float]:
    """Child: pflab's MRIOTable and mrio_footprints on the same synthetic MRIO."""
    from pflab.network import mrio_footprints
    from pflab.tables import MRIOTable

    data = synthetic(regions, sectors)
    base = _peak_mb()
    region_labels, sector_labels, categories, stressors = _labels(regions, sectors)
    start = time.perf_counter()
    mrio = MRIOTable.from_blocks(
        regions=region_labels,
        sectors=sector_labels,
        categories=categories,
        Z=data["Z"],
        Y=data["Y"],
        F=data["F"],
        F_Y=data["F_Y"],
        stressors=stressors,
    )
    result = mrio_footprints(mrio, trade=trade)
    seconds = time.perf_counter() - start
    arrays = {
        "M": result.M.to_numpy(),
        "D_cba": result.D_cba.to_numpy(),
        "D_pba": result.D_pba.to_numpy(),
        "D_cba_reg": result.D_cba_reg.to_numpy(),
        "D_pba_reg": result.D_pba_reg.to_numpy(),
    }
    if trade:
        assert result.D_imp is not None and result.D_exp is not None
        arrays.update(D_imp=result.D_imp.to_numpy(), D_exp=result.D_exp.to_numpy())
    np.savez(out, **arrays)
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "data_mb": base,
        "solver": result.provenance.parameters["solver"],
        "iterations": result.provenance.parameters["gmres_iterations"],
    }


def run_lu(regions: int, sectors: int) -> dict[str, float]:
    """Child: one dense LU factorisation of I − A (scipy.linalg.lu_factor)."""
    import scipy.linalg as sla

    data = synthetic(regions, sectors)
    z = data.pop("Z")
    x = z.sum(axis=1) + data["Y"].sum(axis=1)
    z /= x[None, :]
    np.negative(z, out=z)
    z[np.diag_indices_from(z)] += 1.0
    start = time.perf_counter()
    sla.lu_factor(z, overwrite_a=True, check_finite=False)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def _child(tool: str, size: int, out: Path, trade: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", tool, "--size", str(size), "--out", str(out)]
    if trade:
        command.append("--trade")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} child failed for {size}:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _agreement(a: Path, b: Path, names: list[str]) -> float:
    ours, theirs = np.load(a), np.load(b)
    worst = 0.0
    for name in names:
        scale = float(np.abs(theirs[name]).max())
        worst = max(worst, float(np.abs(ours[name] - theirs[name]).max()) / scale)
    return worst


def _spread(values: list[float]) -> tuple[float, float, float, float, float]:
    """Median, min, max, first and third quartile."""
    array = np.asarray(values)
    q1, median, q3 = np.percentile(array, [25, 50, 75])
    return float(median), float(array.min()), float(array.max()), float(q1), float(q3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2464,3645", help="comma-separated: 2464, 3645, 9800")
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds per size (at least 5)"
    )
    parser.add_argument("--trade", action="store_true", help="pflab also computes D_imp and D_exp")
    parser.add_argument("--no-lu", action="store_true", help="skip the dense LU timing")
    parser.add_argument("--child", choices=["pymrio", "pflab", "lu"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        regions, sectors = SHAPES[args.size]
        if args.child == "pymrio":
            result = run_pymrio(regions, sectors, args.out)
        elif args.child == "pflab":
            result = run_pflab(regions, sectors, args.out, args.trade)
        else:
            result = run_lu(regions, sectors)
        print(json.dumps(result))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    unknown = [s for s in sizes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; choose from {sorted(SHAPES)}")
    if args.rounds < 5:
        parser.error("--rounds must be at least 5 (a median over fewer rounds does not hold still)")
    import numpy
    import psutil
    import pymrio
    import scipy

    import pflab

    load = os.getloadavg()
    print(
        f"pflab {pflab.__version__}, pymrio {pymrio.__version__}, numpy {numpy.__version__}, "
        f"scipy {scipy.__version__}; {os.cpu_count()} CPUs, load average {load[0]:.1f} "
        f"{load[1]:.1f} {load[2]:.1f}, {psutil.virtual_memory().available / 2**30:.1f} GiB "
        f"free; seed {SEED}; {args.rounds} alternating rounds per size"
    )
    header = (
        f"{'sectors':>8} {'regions×sectors':>15} {'pymrio s':>9} {'pflab s':>8} "
        f"{'speed-up':>9} {'min–max':>13} {'IQR':>13} {'memory':>7} {'LU s':>7} "
        f"{'agree':>9}  solver"
    )
    print(header)
    rows = []
    names = ["M", "D_cba", "D_pba", "D_cba_reg", "D_pba_reg"]
    if args.trade:
        names += ["D_imp", "D_exp"]
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            regions, sectors = SHAPES[size]
            theirs_file = Path(folder) / f"pymrio_{size}.npz"
            ours_file = Path(folder) / f"pflab_{size}.npz"
            speed, memory, t_theirs, t_ours, agree = [], [], [], [], 0.0
            ours: dict[str, float] = {}
            for round_number in range(args.rounds):
                order = ("pymrio", "pflab") if round_number % 2 == 0 else ("pflab", "pymrio")
                runs = {}
                for tool in order:
                    target = theirs_file if tool == "pymrio" else ours_file
                    runs[tool] = _child(tool, size, target, args.trade and tool == "pflab")
                theirs, ours = runs["pymrio"], runs["pflab"]
                t_theirs.append(theirs["seconds"])
                t_ours.append(ours["seconds"])
                speed.append(theirs["seconds"] / ours["seconds"])
                memory.append(ours["peak_mb"] / theirs["peak_mb"])
                agree = max(agree, _agreement(ours_file, theirs_file, names))
            lu = None if args.no_lu else _child("lu", size, ours_file.with_suffix(".lu"), False)
            median, low, high, q1, q3 = _spread(speed)
            memory_median = _spread(memory)[0]
            rows.append((size, median, memory_median, agree))
            lu_text = "—" if lu is None else f"{lu['seconds']:.2f}"
            shape = f"{regions}×{sectors}"
            print(
                f"{size:>8} {shape:>15} {_spread(t_theirs)[0]:>9.2f} {_spread(t_ours)[0]:>8.2f} "
                f"{median:>8.1f}× {f'{low:.1f}–{high:.1f}×':>13} {f'{q1:.1f}–{q3:.1f}×':>13} "
                f"{memory_median:>7.2f} {lu_text:>7} {agree:>9.1e}  "
                f"{ours['solver']} ({int(ours['iterations'])} it.)",
                flush=True,
            )
            print(f"{'':>8} per-round speed-ups: " + " ".join(f"{r:.2f}×" for r in speed))
    if args.trade:
        print("With --trade pflab also computes D_imp and D_exp; the targets apply without it.")
    print(
        "pymrio s, pflab s: median over rounds; speed-up = median of the per-round ratios "
        "pymrio time / pflab time, with their min–max and interquartile range; memory = "
        "median of pflab peak / pymrio peak (each in its own process, synthetic data "
        "included); agree = largest difference over M, D_cba, D_pba and regional totals in "
        "any round, relative to the largest value; LU s = one dense LU of I − A."
    )
    failed = False
    for size, speed_median, memory_median, agree in rows:
        target = None if args.trade else TARGETS.get(size)
        checks = [f"agreement {agree:.1e} ≤ 1e-9: {'ok' if agree <= 1e-9 else 'FAIL'}"]
        failed |= agree > 1e-9
        if target:
            want_speed, want_memory = target
            ok = speed_median >= want_speed
            checks.append(f"median speed-up ≥ {want_speed:g}×: {'ok' if ok else 'FAIL'}")
            failed |= not ok
            if want_memory is not None:
                ok = memory_median <= want_memory
                checks.append(f"memory ≤ {want_memory:.2f}: {'ok' if ok else 'FAIL'}")
                failed |= not ok
        print(f"{size}: " + "; ".join(checks))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
