"""Benchmark of the simulator: scenario-years per second for the 56-sector model.

Run from the repository root (needs the ``bench`` extra)::

    python benchmarks/bench_simulate.py            # 10^5 draws × 27 years
    python benchmarks/bench_simulate.py --quick    # 10^4 draws, smaller samples

In one run it times, on the ``central`` scenario (56 sectors, 2024–2050):

1. pflab in this process (one core) and on all cores (``backend="processes"``);
2. the floor: numpy drawing only the random numbers the model consumes, on one core
   and on all cores;
3. a straightforward per-draw Python loop over years and sectors implementing the same
   equations (a sample of draws, extrapolated — clearly labelled);
4. the same model run draw by draw through EMA Workbench's experiment runner
   (``perform_experiments`` with the sequential evaluator; a sample, extrapolated);
5. peak memory of a whole run at 10^4, 10^5 and 10^6 draws (chunked, so bounded).

It prints every rate and the ratios against the targets: within 1.5× of the floor on all
cores, ≥ 100× the Python loop, ≥ 20× EMA Workbench.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

import numpy as np

from pflab.simulate import compile_model, load_scenario
from pflab.simulate.backends import execute
from pflab.simulate.calibrate import CompiledModel, load_sectors
from pflab.simulate.chunks import ChunkTask, run_chunk
from pflab.simulate.engine import DEFAULT_CHUNK
from pflab.simulate.model import draw_parameters, draw_random_numbers, simulate_block
from pflab.simulate.streams import Streams


def _model() -> tuple[CompiledModel, str]:
    scen = load_scenario("central")
    sectors = load_sectors(scen.economy, scen.sectors.source, scen.sectors.year)
    return compile_model(scen, sectors=sectors), sectors.label


def _floor_chunk(task: ChunkTask) -> float:
    return draw_random_numbers(task.model, Streams(task.seed, task.index, task.draws))


def _tasks(model: CompiledModel, draws: int, chunk: int = DEFAULT_CHUNK) -> list[ChunkTask]:
    n = math.ceil(draws / chunk)
    return [
        ChunkTask(model, 1, c, min(chunk, draws - c * chunk), offset=c * chunk) for c in range(n)
    ]


def _time(fn: Any, tasks: list[ChunkTask], backend: str) -> float:
    """Seconds to run every task, including the start-up of any worker processes."""
    start = time.perf_counter()
    for _ in execute(fn, tasks, backend=backend):
        pass
    return time.perf_counter() - start


def _time_warm_pool(fn: Any, tasks: list[ChunkTask], workers: int) -> float:
    """Seconds to run every task on a pool of worker processes that is already started."""
    os.environ.update({k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")})
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        list(pool.map(fn, tasks[:workers]))  # start and warm every worker
        start = time.perf_counter()
        list(pool.map(fn, tasks))
        return time.perf_counter() - start


# -- the same model, one draw at a time, in plain Python -----------------------------------


def python_loop_draw(model: CompiledModel, p: dict[str, float], rng: np.random.Generator) -> float:
    """One draw of the model with Python loops over years and sectors.

    Returns TFP growth bought by the policy over 2024–2035 (fraction per year).
    """
    N, T, K = model.N, model.T, len(model.targets)
    va = [float(v) for v in model.va_share]
    drift = [float(v) for v in model.drift_unit]
    manu = [bool(v) for v in model.manufacturing]
    tidx = [int(i) for i in model.targets]
    rho = p["sector_noise_correlation"]
    sd_i, sd_c = p["sector_noise_sd"] * math.sqrt(1 - rho), p["sector_noise_sd"] * math.sqrt(rho)
    el = p["substitution_elasticity"] - 1
    z = rng.standard_normal(K)
    eta = rng.standard_normal(K)
    disp, rsel = p["return_dispersion"], p["mechanism.selection"]
    ret = [math.exp(disp * z[j] - disp * disp / 2) for j in range(K)]
    logw = [
        math.log(model.prior[j])
        + p["allocation_concentration"] * (rsel * z[j] + math.sqrt(1 - rsel * rsel) * eta[j])
        for j in range(K)
    ]
    top = max(logw)
    w = [math.exp(v - top) for v in logw]
    w = [v / sum(w) for v in w]
    pool = p["knowledge_pool_share"]
    kap = p["baseline_rd_intensity"] / (p["baseline_rd_growth"] + p["knowledge_depreciation"])
    kappa = [kap * (pool * va[i] + (1 - pool) * model.rd_share[i]) for i in tidx]
    x = [0.0] * N
    common = 0.0
    stock = [0.0] * K
    jumps = [0.0] * K
    eff_hist = [0.0] * (T + 1)
    y = y_cf = 1.0
    k = k_cf = model.capital_output
    diverted = 0.0
    b, share, crowd = (
        p["budget.share_of_gdp"],
        p["mechanism.share_productive"],
        p["mechanism.crowd_in"],
    )
    lag = max(p["mechanism.lag"], 1.0)
    lw, lf = math.floor(lag), lag - math.floor(lag)
    lt = [0.0] * (T + 1)
    lt_cf = [0.0] * (T + 1)
    for t in range(1, T + 1):
        e = rng.standard_normal(N)
        c = rng.standard_normal()
        common += c
        agg = 0.0
        for i in range(N):
            x[i] += sd_i * e[i]
            agg += va[i] * x[i]
        dtfp_cf = p["tfp_drift"] * t + agg + sd_c * common
        x_lag = 0.0
        if t - lw >= 0:
            x_lag += (1 - lf) * eff_hist[t - lw]
        if t - lw - 1 >= 0:
            x_lag += lf * eff_hist[t - lw - 1]
        theta = math.exp(-p["research_productivity_decline"] * (t - lag))
        gains = [0.0] * K
        trials = rng.random(K)
        pol = 0.0
        for j in range(K):
            stock[j] = (1 - p["knowledge_depreciation"]) * stock[j] + theta * x_lag * w[j]
            lr = math.log1p(stock[j] / (kappa[j] * y_cf))
            prob = min(
                p["breakthrough_max_probability"], p["breakthrough_probability"] * lr / math.log(2)
            )
            if trials[j] < prob:
                a, lo, hi = p["breakthrough_tail"], p["breakthrough_min"], p["breakthrough_cap"]
                jumps[j] += lo * (1 - rng.random() * (1 - (lo / hi) ** a)) ** (-1 / a)
            gains[j] = p["rd_elasticity"] * ret[j] * lr + jumps[j]
            pol += va[tidx[j]] * gains[j]
        dtfp = dtfp_cf + pol
        s_prev = p["investment_rate"] * (1 + (p["investment_rate_2050_ratio"] - 1) * (t - 1) / 27)
        k = (1 - p["depreciation"]) * k + (s_prev - diverted) * y
        k_cf = (1 - p["depreciation"]) * k_cf + s_prev * y_cf
        lab = p["labour_share"] * (p["labour_growth"] + p["human_capital_growth"]) * t
        alpha = p["labour_share"]
        y = math.exp(dtfp + (1 - alpha) * math.log(k / model.capital_output) + lab)
        y_cf = math.exp(dtfp_cf + (1 - alpha) * math.log(k_cf / model.capital_output) + lab)
        eff_hist[t] = b * y * share * (1 + crowd)
        diverted = b * y * (1 + crowd * share)
        lt[t], lt_cf[t] = dtfp, dtfp_cf
        # value-added shares
        num = [0.0] * N
        total = manu_total = 0.0
        for i in range(N):
            a_i = drift[i] * p["tfp_drift"] * t + sd_i * 0 + x[i] + sd_c * common
            num[i] = va[i] * math.exp(el * a_i)
        for j in range(K):
            num[tidx[j]] *= math.exp(el * gains[j])
        for i in range(N):
            total += num[i]
            if manu[i]:
                manu_total += num[i]
    return ((lt[12] - lt_cf[12]) - (lt[0] - lt_cf[0])) / 12


def _python_loop(model: CompiledModel, sample: int) -> tuple[float, float]:
    params = draw_parameters(model, Streams(5, 0, sample))
    rng = np.random.default_rng(5)
    start = time.perf_counter()
    effects = [
        python_loop_draw(model, {k: float(v[d]) for k, v in params.items()}, rng)
        for d in range(sample)
    ]
    return time.perf_counter() - start, float(np.mean(effects))


def _ema(model: CompiledModel, sample: int) -> float:
    warnings.filterwarnings("ignore")
    from ema_workbench import Model, RealParameter, ScalarOutcome, perform_experiments
    from ema_workbench.em_framework.evaluators import SequentialEvaluator

    names = model.uncertain_names()
    counter = iter(range(10**9))

    def one_draw(**u: float) -> dict[str, float]:
        n = next(counter)
        params = {
            k: np.array([d.ppf(np.array([u[k]]))[0] if d.uncertain else d.value])
            for k, d in model.distributions.items()
        }
        out = simulate_block(model, Streams(9, n, 1), params)
        return {"tfp_effect": float((out.log_tfp - out.log_tfp_cf)[0, 12] / 12)}

    ema_model = Model("pflab", function=one_draw)
    ema_model.uncertainties = [RealParameter(k, 0.0, 1.0) for k in names]
    ema_model.outcomes = [ScalarOutcome("tfp_effect")]
    start = time.perf_counter()
    with SequentialEvaluator(ema_model) as evaluator:
        perform_experiments(ema_model, scenarios=sample, evaluator=evaluator)
    return time.perf_counter() - start


_MEMORY_SCRIPT = """
import resource, sys, time
from pflab.simulate import simulate
start = time.perf_counter()
r = simulate("central", draws=int(sys.argv[1]), seed=1)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, time.perf_counter() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10^4 draws, small samples")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    args = parser.parse_args()
    draws = 10_000 if args.quick else 100_000
    model, label = _model()
    years = model.T
    sy = draws * years
    cores = os.cpu_count() or 1
    print(
        f"model: scenario 'central', {model.N} sectors ({label}), {years} years, "
        f"{len(model.targets)} targeted sectors; {draws:,} draws = {sy:,} scenario-years; "
        f"{cores} cores"
    )
    tasks = _tasks(model, draws)
    _time(run_chunk, tasks[:1], "local")  # warm up
    rates: dict[str, float] = {}
    rates["pflab, 1 core"] = sy / _time(run_chunk, tasks, "local")
    rates["pflab, all cores"] = sy / _time_warm_pool(run_chunk, tasks, cores)
    rates["floor (random numbers only), 1 core"] = sy / _time(_floor_chunk, tasks, "local")
    rates["floor, all cores"] = sy / _time_warm_pool(_floor_chunk, tasks, cores)
    cold = _time(run_chunk, tasks, "processes")
    sample = 20 if args.quick else 100
    loop_seconds, loop_mean = _python_loop(model, sample)
    rates[f"plain Python loop (extrapolated from {sample} draws)"] = sample * years / loop_seconds
    ema_sample = 50 if args.quick else 200
    rates[f"EMA Workbench runner (extrapolated from {ema_sample} draws)"] = (
        ema_sample * years / _ema(model, ema_sample)
    )
    print()
    for name, rate in rates.items():
        print(f"{name:<58} {rate / 1e6:10.4f} M scenario-years/s")
    pf_all, pf_one = rates["pflab, all cores"], rates["pflab, 1 core"]
    floor_all = rates["floor, all cores"]
    loop = next(v for k, v in rates.items() if k.startswith("plain"))
    ema = next(v for k, v in rates.items() if k.startswith("EMA"))
    print()
    print(
        f"pflab run with backend='processes' including worker start-up: {sy / cold / 1e6:.4f} "
        "M scenario-years/s"
    )
    print(f"floor / pflab, all cores: {floor_all / pf_all:6.2f}×  (target ≤ 1.5×)")
    print(
        f"floor / pflab, 1 core:    {rates['floor (random numbers only), 1 core'] / pf_one:6.2f}×"
    )
    print(
        f"pflab / Python loop:      {pf_all / loop:8.0f}×  (target ≥ 100×; 1 core: "
        f"{pf_one / loop:.0f}×)"
    )
    print(
        f"pflab / EMA Workbench:    {pf_all / ema:8.0f}×  (target ≥ 20×; 1 core: "
        f"{pf_one / ema:.0f}×)"
    )
    print(f"(Python loop mean TFP effect 2024–35 over its sample: {loop_mean * 100:.3f} pp/yr)")
    if not args.no_memory:
        print(f"\npeak memory of a whole run (one process, chunks of {DEFAULT_CHUNK} draws):")
        for n in (10_000, 100_000, 1_000_000):
            out = subprocess.run(
                [sys.executable, "-c", _MEMORY_SCRIPT, str(n)],
                capture_output=True,
                text=True,
                check=True,
            )
            mib, seconds = (float(v) for v in out.stdout.split())
            print(f"  {n:>9,} draws: {mib:7.0f} MiB peak RSS, {seconds:6.1f} s")


if __name__ == "__main__":
    main()
