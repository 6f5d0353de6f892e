"""pflab.gvc against a faithful numpy transcription of decompr v6's WWZ, and against pymrio.

On the WIOD 2013 world table of 2011 (41 regions × 35 industries = 1,435 sectors,
embedded in pflab) the script:

1. checks the transcription (benchmarks/decompr_wwz.py) on decompr's own example table
   (``../shared/data/gvc_reference/leather.rda``): its 13 printed WWZ terms must be
   reproduced to the printed precision, else the script stops;
2. times, in ≥ 5 interleaved rounds (the order alternates), the full WWZ decomposition of
   every exporter × sector × partner: pflab (LU of I − A, the dense inverse once, local
   inverses, the vectorised terms of pflab.gvc._terms) against the transcription
   (decompr's ``load_tables_vectors`` + ``wwz``: same dense helper matrices, loops and
   products), and prints the median times, the median ratio and its range; both get the
   same balanced table (published Z, x and final demand with the RESIDUAL category), so
   the terms must agree — the largest difference is printed relative to the gross exports
   of each exporter-sector-partner;
3. does the same against pymrio 0.7's ``IOSystem.calc_all()`` where they overlap: with
   value added as the extension, pymrio's ``D_exp`` (value added of each country-sector
   absorbed by final demand abroad) is pflab's VAX by sector of origin;
4. runs the issue's performance targets in child processes (time and peak resident
   memory): the full WWZ of 2011 from the embedded data, and the HIY (foreign and
   domestic content by source country) and KWW aggregates of every economy for all 17
   years (one LU, one inverse and 41 local inverses per year).

The machine's load average is printed beside the numbers: on a shared machine the
absolute times move with it, the ratios much less.

Usage::

    python benchmarks/bench_gvc.py              # 5 rounds, ~5-10 minutes on 2 cores
    python benchmarks/bench_gvc.py --rounds 7
    python benchmarks/bench_gvc.py --skip-targets

Needs ``pip install -e '.[bench,test]'`` (pymrio, rdata) and the raw folder for step 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
import warnings
from decimal import Decimal
from pathlib import Path
from statistics import median

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from decompr_wwz import load_tables_vectors
from decompr_wwz import wwz as decompr_wwz

TARGET_RATIO = 10.0
TARGET_SECONDS = 60.0
TARGET_GB = 4.0


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


# -- 1. the transcription on decompr's example -------------------------------------------


def check_transcription(raw: Path) -> str:
    """Reproduce decompr's printed leather WWZ with the transcription."""
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = rdata.conversion.convert(
            rdata.parser.parse_file(raw / "gvc_reference" / "leather.rda")
        )["leather"]
    inter = np.asarray(data["inter"], dtype="float64")
    final = np.asarray(data["final"], dtype="float64")
    out = np.asarray(data["out"], dtype="float64")
    ALL = decompr_wwz(load_tables_vectors(inter, final, 3, 3, out))
    names = ["DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_INT",
             "RDV_FIN", "RDV_FIN2", "OVA_FIN", "MVA_FIN", "OVA_INT", "MVA_INT",
             "DDC_FIN"]  # fmt: skip
    with (raw / "gvc_reference" / "leather_wwz_decompr_v2.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["row"] != "sub.TOTAL"]
    worst = 0.0
    for position, row in enumerate(rows):
        i, r = divmod(position, 3)
        for k, name in enumerate(names):
            exponent = Decimal(row[name]).as_tuple().exponent
            assert isinstance(exponent, int)
            half = 0.5 * 10.0**exponent
            gap = abs(ALL[i, r, k] - float(row[name]))
            if gap > half + 1e-12:
                raise SystemExit(
                    f"transcription differs from decompr's leather output: {row['row']} {name}"
                )
            worst = max(worst, gap / half)
    return (
        "transcription reproduces decompr's 13 printed leather WWZ terms (largest gap "
        f"{worst:.2f} of half a printed unit)"
    )


# -- 2. WWZ against the transcription -----------------------------------------------------


def _balanced(year: int) -> tuple[object, np.ndarray, np.ndarray, np.ndarray]:
    from pflab.gvc import load_wiot

    table = load_wiot(year)
    Z, Y, x, _, _ = table.arrays()
    return table, np.array(Z), np.array(Y), np.array(x)


def run_pflab_wwz(table: object) -> tuple[float, np.ndarray, np.ndarray]:
    from pflab.gvc._select import _prepare
    from pflab.gvc._terms import wwz_terms

    start = time.perf_counter()
    system = _prepare(table)  # type: ignore[arg-type]
    terms, E = wwz_terms(system)
    return time.perf_counter() - start, terms, E


def run_decompr_wwz(
    Z: np.ndarray, Y: np.ndarray, x: np.ndarray, G: int, N: int
) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    ALL = decompr_wwz(load_tables_vectors(Z, Y, G, N, x))
    return time.perf_counter() - start, ALL


def _summary(name: str, ours: list[float], theirs: list[float]) -> str:
    ratios = [t / o for o, t in zip(ours, theirs, strict=True)]
    return (
        f"{name}: pflab median {median(ours):.2f} s (range {min(ours):.2f}-{max(ours):.2f}), "
        f"peer median {median(theirs):.2f} s (range {min(theirs):.2f}-{max(theirs):.2f}); "
        f"ratio median {median(ratios):.1f}x (range {min(ratios):.1f}-{max(ratios):.1f}x, "
        f"{len(ratios)} interleaved rounds)"
    )


def bench_wwz(rounds: int) -> list[str]:
    table, Z, Y, x = _balanced(2011)
    G, N = 41, 35
    ours: list[float] = []
    theirs: list[float] = []
    worst_cell = worst_scale = 0.0
    for i in range(rounds):
        order = ("pflab", "decompr") if i % 2 == 0 else ("decompr", "pflab")
        for tool in order:
            if tool == "pflab":
                seconds, terms, _ = run_pflab_wwz(table)
                ours.append(seconds)
            else:
                seconds, ALL = run_decompr_wwz(Z, Y, x, G, N)
                theirs.append(seconds)
        if i == 0:
            reference = np.moveaxis(ALL[:, :, :16], 2, 0)
            gap = np.abs(terms - reference)
            exports = np.abs(ALL[:, :, 16])
            nonzero = exports > 0
            worst_cell = float((gap.max(axis=0)[nonzero] / exports[nonzero]).max())
            worst_scale = float(gap.max() / np.abs(reference).max())
            identity = float(np.abs(ALL[:, :, :16].sum(axis=2) - ALL[:, :, 16]).max())
        del ALL
        print(
            f"  round {i + 1}: pflab {ours[-1]:.2f} s, transcription {theirs[-1]:.2f} s "
            f"({_load()})",
            flush=True,
        )
    return [
        _summary("Full WWZ, WIOD 2011 (1,435 sectors x 41 partners)", ours, theirs),
        f"agreement: largest |pflab - transcription| is {worst_cell:.1e} of the gross exports "
        f"of its exporter-sector-partner ({worst_scale:.1e} of the largest term); the "
        f"transcription's own identity gap is {identity:.1e} US$ million",
    ]


# -- 3. pymrio ----------------------------------------------------------------------------


def run_pymrio_vax(table: object) -> tuple[float, np.ndarray]:
    import pandas as pd
    import pymrio

    Z, Y, _, F, _ = table.arrays()  # type: ignore[attr-defined]
    index = pd.MultiIndex.from_product([table.regions, table.sectors], names=["region", "sector"])  # type: ignore[attr-defined]
    columns = pd.MultiIndex.from_product(
        [table.regions, table.categories], names=["region", "category"]
    )  # type: ignore[attr-defined]
    start = time.perf_counter()
    io = pymrio.IOSystem(
        Z=pd.DataFrame(Z, index=index, columns=index),
        Y=pd.DataFrame(Y, index=index, columns=columns),
    )
    io.value_added = pymrio.Extension(
        name="value_added", F=pd.DataFrame(F, index=["value_added"], columns=index)
    )
    io.calc_all()
    seconds = time.perf_counter() - start
    return seconds, io.value_added.D_exp.to_numpy()[0]


def run_pflab_vax(table: object) -> tuple[float, np.ndarray]:
    from pflab.gvc._select import _prepare

    start = time.perf_counter()
    system = _prepare(table)  # type: ignore[arg-type]
    absorbed = system.BY
    abroad = absorbed.sum(axis=1) - system.own(absorbed)
    vax = system.v * abroad
    return time.perf_counter() - start, vax


def bench_pymrio(rounds: int) -> list[str]:
    table, *_ = _balanced(2011)
    ours: list[float] = []
    theirs: list[float] = []
    for i in range(rounds):
        order = ("pflab", "pymrio") if i % 2 == 0 else ("pymrio", "pflab")
        for tool in order:
            if tool == "pflab":
                seconds, vax = run_pflab_vax(table)
                ours.append(seconds)
            else:
                seconds, d_exp = run_pymrio_vax(table)
                theirs.append(seconds)
        print(
            f"  round {i + 1}: pflab {ours[-1]:.2f} s, pymrio {theirs[-1]:.2f} s ({_load()})",
            flush=True,
        )
    gap = float(np.abs(vax - d_exp).max() / np.abs(d_exp).max())
    return [
        _summary(
            "Value added absorbed abroad (VAX by sector of origin) vs pymrio calc_all D_exp",
            ours,
            theirs,
        ),
        f"agreement: largest difference {gap:.1e} of the largest value",
    ]


# -- 4. targets in child processes --------------------------------------------------------


def child_full_wwz() -> dict[str, float]:
    from pflab.gvc import wwz

    start = time.perf_counter()
    result = wwz(2011)
    rows = len(result.detail)
    return {"seconds": time.perf_counter() - start, "rows": rows}


def child_all_years() -> dict[str, float]:
    from pflab.gvc import WIOT2013_YEARS, load_wiot
    from pflab.gvc._select import _prepare
    from pflab.gvc._terms import kww_from_wwz, wwz_terms

    start = time.perf_counter()
    cells = 0
    for year in WIOT2013_YEARS:
        table = load_wiot(year)
        system = _prepare(table)
        vbc = system.vb_by_country()  # HIY: value added by source country per unit of output
        E = system.exports()
        by_source = np.stack(
            [vbc[:, system.block(s)] @ E[system.block(s)].sum(axis=1) for s in range(system.G)]
        )
        terms, _ = wwz_terms(system)
        kww = kww_from_wwz(terms).sum(axis=2).reshape(9, system.G, system.N).sum(axis=2)
        cells += by_source.size + kww.size
    return {"seconds": time.perf_counter() - start, "rows": cells}


def _child(name: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", name], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {name} failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def targets() -> list[str]:
    lines = []
    for name, what in (
        (
            "full_wwz",
            "Full WWZ of WIOD 2011 from the embedded data (every exporter x sector x partner)",
        ),
        ("all_years", "HIY and KWW aggregates of every economy, 1995-2011 (17 tables)"),
    ):
        result = _child(name)
        ok = result["seconds"] < TARGET_SECONDS and result["peak_gb"] < TARGET_GB
        lines.append(
            f"{what}: {result['seconds']:.1f} s, peak {result['peak_gb']:.2f} GB "
            f"(targets < {TARGET_SECONDS:.0f} s, < {TARGET_GB:.0f} GB: "
            f"{'met' if ok else 'MISSED'}; {_load()})"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-targets", action="store_true")
    parser.add_argument("--child", choices=["full_wwz", "all_years"])
    args = parser.parse_args()
    if args.child:
        result = child_full_wwz() if args.child == "full_wwz" else child_all_years()
        result["peak_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB
        print(json.dumps(result))
        return 0
    if args.rounds < 5:
        parser.error("--rounds: at least 5 interleaved rounds")
    from pflab.data.paths import raw_data_dir

    raw = raw_data_dir()
    if raw is None:
        raise SystemExit(
            "raw data folder not found: the transcription is checked on decompr's leather "
            "example first"
        )
    print(f"Start: {_load()}")
    report = [check_transcription(raw)]
    print(report[0], flush=True)
    report += bench_wwz(args.rounds)
    report += bench_pymrio(args.rounds)
    if not args.skip_targets:
        report += targets()
    print(f"End: {_load()}")
    print("\n".join(["", "Summary", *report]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
