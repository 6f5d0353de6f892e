"""Benchmark of the simulator: scenario-years per second, against the floor and peers.

Run from the repository root (needs the ``bench`` extra)::

    python benchmarks/bench_simulate.py                 # 10^5 draws, 5 rounds
    python benchmarks/bench_simulate.py --quick         # 2·10^4 draws, 5 rounds
    python benchmarks/bench_simulate.py --rounds 9      # more rounds, tighter spread

On the ``central`` scenario (the default sector table, 2024–2050) it times, in
``--rounds`` alternating rounds (the order of the two contestants flips every round, so
drift in machine load falls on both):

1. pflab on one core against the floor on one core: numpy drawing only the random
   numbers the model consumes;
2. pflab against the floor on all cores, in one warm process pool;
3. pflab on one core against a straightforward per-draw Python loop over years and
   sectors implementing the same equations (a sample of draws, extrapolated);
4. pflab on one core against the same model run draw by draw through EMA Workbench's
   experiment runner (``perform_experiments``, sequential evaluator; a sample,
   extrapolated);

and prints, for each pair, the median ratio over rounds with its spread (lowest and
highest round) against the targets: within 1.5× of the floor on all cores, ≥ 100× the
Python loop, ≥ 20× EMA Workbench. Peak memory of whole runs at 10^4 … 10^6 draws follows
unless ``--no-memory``.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
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
    return draw_random_numbers(task.models[0], Streams(task.seed, task.index, task.draws))


def _tasks(model: CompiledModel, draws: int, chunk: int = DEFAULT_CHUNK) -> list[ChunkTask]:
    n = math.ceil(draws / chunk)
    return [
        ChunkTask((model,), 1, c, min(chunk, draws - c * chunk), offset=c * chunk) for c in range(n)
    ]


def _time(fn: Any, tasks: list[ChunkTask], backend: str) -> float:
    """Seconds to run every task, including the start-up of any worker processes."""
    start = time.perf_counter()
    for _ in execute(fn, tasks, backend=backend):
        pass
    return time.perf_counter() - start


def _pool_times(
    pool: ProcessPoolExecutor, tasks: list[ChunkTask], first: Any, second: Any
) -> tuple[float, float]:
    """Seconds of ``first`` then ``second`` over every task on a warm pool."""
    out = []
    for fn in (first, second):
        start = time.perf_counter()
        list(pool.map(fn, tasks))
        out.append(time.perf_counter() - start)
    return out[0], out[1]


# -- the same model, one draw at a time, in plain Python -----------------------------------


def python_loop_draw(model: CompiledModel, p: dict[str, float], rng: np.random.Generator) -> float:
    """One draw of the model with Python loops over years and sectors.

    The same equations as :func:`pflab.simulate.model.simulate_block` (docs/simulate.md):
    trend plus shift, the observed year, symmetric knowledge stocks with absorptive
    capacity, sector-group elasticities, partial shares, money split into R&D and capital.
    Returns TFP growth bought by the policy over 2024–2035 (fraction per year).
    """
    N, T, K = model.N, model.T, len(model.targets)
    va = [float(v) for v in model.va_share]
    drift = [float(v) for v in model.drift_unit]
    manu = [bool(v) for v in model.manufacturing]
    tidx = [int(i) for i in model.targets]
    share = [float(v) for v in model.target_share]
    groups = ("high_tech", "manufacturing", "services", "primary")
    eps = [p[f"rd_elasticity_{groups[int(model.group[i])]}"] for i in tidx]
    rho = p["sector_noise_correlation"]
    sd_i, sd_c = p["sector_noise_sd"] * math.sqrt(1 - rho), p["sector_noise_sd"] * math.sqrt(rho)
    el = p["substitution_elasticity"] - 1
    alpha = p["labour_share"]
    absorb = [
        float(model.rd_intensity[i]) / (float(model.rd_intensity[i]) + p["absorptive_half"])
        for i in tidx
    ]
    z = rng.standard_normal(K)
    eta = rng.standard_normal(K)
    disp, rsel = p["return_dispersion"], p["mechanism.selection"]
    ret = [math.exp(disp * z[j] - disp * disp / 2) for j in range(K)]
    logw = [
        math.log(model.prior[j])
        + math.log(absorb[j])
        + p["allocation_concentration"] * (rsel * z[j] + math.sqrt(1 - rsel * rsel) * eta[j])
        for j in range(K)
    ]
    top = max(logw)
    w = [math.exp(v - top) for v in logw]
    w = [v / sum(w) for v in w]
    pool = p["knowledge_pool_share"]
    pi = [pool * va[i] + (1 - pool) * float(model.rd_share[i]) for i in tidx]
    keep_r = 1 - p["knowledge_depreciation"]
    phi = p["research_productivity_decline"]
    decay = math.exp(-(p["baseline_rd_growth"] - phi))
    k_base = p["baseline_rd_intensity"] * decay / (1 - keep_r * decay)
    x = [0.0] * N
    common = 0.0
    level = 0.0
    q = 0.0
    jumps = [0.0] * K
    eff_hist = [0.0] * (T + 1)
    y = y_cf = 1.0
    k = k_cf = model.capital_output
    diverted = 0.0
    b, prod, crowd = (
        p["budget.share_of_gdp"],
        p["mechanism.share_productive"],
        p["mechanism.crowd_in"],
    )
    money = b * prod * (1 + crowd)
    spend = p["mechanism.rd_share"] * money
    divert = (
        b * (p["budget.crowding_out"] + crowd * prod)
        - p["mechanism.capital_efficiency"] * (1 - p["mechanism.rd_share"]) * money
    )
    lag = max(p["mechanism.lag"], 1.0)
    lw, lf = math.floor(lag), lag - math.floor(lag)
    lt = [0.0] * (T + 1)
    lt_cf = [0.0] * (T + 1)
    observed = 0.0
    for t in range(1, T + 1):
        s_prev = p["investment_rate"] * (
            1 + (p["investment_rate_2050_ratio"] - 1) * (t - 1) / (2050 - model.base_year)
        )
        k = (1 - p["depreciation"]) * k + (s_prev - diverted) * y
        k_cf = (1 - p["depreciation"]) * k_cf + s_prev * y_cf
        lab = alpha * (p["labour_growth"] + p["human_capital_growth"]) * t
        # knowledge: baseline research θ_{t−1} r̄ Y⁰_{t−1}, policy θ_{t−ℓ} X^R_{t−ℓ}
        x_lag = 0.0
        if t - lw >= 0:
            x_lag += (1 - lf) * eff_hist[t - lw]
        if t - lw - 1 >= 0:
            x_lag += lf * eff_hist[t - lw - 1]
        q = keep_r * q + math.exp(-phi * (t - lag)) * x_lag
        k_base = keep_r * k_base + math.exp(-phi * (t - 1)) * p["baseline_rd_intensity"] * y_cf
        if not math.isnan(float(model.observed_growth[t - 1])):
            observed += float(model.observed_growth[t - 1])
            dtfp_cf = observed - (1 - alpha) * math.log(k_cf / model.capital_output) - lab
            level = dtfp_cf
            dtfp = dtfp_cf
        else:
            level += float(model.tfp_trend[t - 1]) + p["tfp_trend_shift"]
            e = rng.standard_normal(N)
            common += rng.standard_normal()
            agg = 0.0
            for i in range(N):
                x[i] += sd_i * e[i]
                agg += va[i] * x[i]
            dtfp_cf = level + agg + sd_c * common
            trials = rng.random(K)
            pol = 0.0
            for j in range(K):
                lr = math.log1p(absorb[j] * w[j] * q / (share[j] * pi[j] * k_base))
                prob = min(
                    p["breakthrough_max_probability"],
                    p["breakthrough_probability"] * lr / math.log(2),
                )
                if trials[j] < prob:
                    a, lo, hi = p["breakthrough_tail"], p["breakthrough_min"], p["breakthrough_cap"]
                    size = lo * (1 - rng.random() * (1 - (lo / hi) ** a)) ** (-1 / a)
                    jumps[j] += share[j] * size
                gain = share[j] * eps[j] * ret[j] * lr + jumps[j]
                pol += va[tidx[j]] * gain
            dtfp = dtfp_cf + pol
        y = math.exp(dtfp + (1 - alpha) * math.log(k / model.capital_output) + lab)
        y_cf = math.exp(dtfp_cf + (1 - alpha) * math.log(k_cf / model.capital_output) + lab)
        eff_hist[t] = spend * y
        diverted = divert * y
        lt[t], lt_cf[t] = dtfp, dtfp_cf
        # value-added shares
        total = manu_total = 0.0
        for i in range(N):
            num = va[i] * math.exp(el * (drift[i] * level + x[i]))
            total += num
            if manu[i]:
                manu_total += num
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
        perform_experiments(ema_model, scenarios=sample, evaluator=evaluator, log_progress=True)
    return time.perf_counter() - start


_MEMORY_SCRIPT = """
import resource, sys, time
from pflab.simulate import simulate
start = time.perf_counter()
r = simulate("central", draws=int(sys.argv[1]), seed=1)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, time.perf_counter() - start)
"""


def _ratio_line(label: str, ratios: list[float], target: str) -> str:
    med = statistics.median(ratios)
    return (
        f"{label:<34} median {med:8.2f}×  (rounds: {min(ratios):.2f}–{max(ratios):.2f}, "
        f"n = {len(ratios)})  target {target}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2·10^4 draws, small samples")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (≥ 5)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    args = parser.parse_args()
    if args.rounds < 5:
        parser.error("--rounds: at least 5 alternating rounds")
    draws = 20_000 if args.quick else 100_000
    model, label = _model()
    years = model.T
    sy = draws * years
    cores = os.cpu_count() or 1
    print(
        f"model: scenario 'central', {model.N} sectors ({label}), {years} years, "
        f"{len(model.targets)} targeted sectors; {draws:,} draws = {sy:,} scenario-years "
        f"per round; {cores} cores; {args.rounds} alternating rounds"
    )
    tasks = _tasks(model, draws)
    _time(run_chunk, tasks[:1], "local")  # warm up
    _time(_floor_chunk, tasks[:1], "local")
    loop_sample = 10 if args.quick else 40
    ema_sample = 20 if args.quick else 80
    _python_loop(model, 2)
    _ema(model, 2)
    one, allc, loop, ema = [], [], [], []
    names = ("pflab 1", "pflab all", "floor 1", "floor all")
    rates: dict[str, list[float]] = {k: [] for k in names}
    os.environ.update({k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")})
    with ProcessPoolExecutor(max_workers=cores, mp_context=get_context("spawn")) as pool:
        list(pool.map(run_chunk, tasks[:cores]))  # start and warm every worker
        list(pool.map(_floor_chunk, tasks[:cores]))
        for r in range(args.rounds):
            flip = r % 2 == 1
            # 1. one core
            pair = [("pflab", run_chunk), ("floor", _floor_chunk)]
            seconds = {}
            for name, fn in reversed(pair) if flip else pair:
                seconds[name] = _time(fn, tasks, "local")
            one.append(seconds["pflab"] / seconds["floor"])
            rates["pflab 1"].append(sy / seconds["pflab"])
            rates["floor 1"].append(sy / seconds["floor"])
            # 2. all cores, one warm pool
            if flip:
                t_floor, t_pf = _pool_times(pool, tasks, _floor_chunk, run_chunk)
            else:
                t_pf, t_floor = _pool_times(pool, tasks, run_chunk, _floor_chunk)
            allc.append(t_pf / t_floor)
            rates["pflab all"].append(sy / t_pf)
            rates["floor all"].append(sy / t_floor)
            # 3. and 4. the per-draw peers, timed beside one pflab chunk set
            if flip:
                loop_s, _ = _python_loop(model, loop_sample)
                ema_s = _ema(model, ema_sample)
                pf = _time(run_chunk, tasks, "local")
            else:
                pf = _time(run_chunk, tasks, "local")
                loop_s, _ = _python_loop(model, loop_sample)
                ema_s = _ema(model, ema_sample)
            pf_rate = sy / pf
            loop.append(pf_rate / (loop_sample * years / loop_s))
            ema.append(pf_rate / (ema_sample * years / ema_s))
            print(
                f"round {r + 1}: floor/pflab 1 core {1 / one[-1]:.2f}, all cores "
                f"{1 / allc[-1]:.2f}; pflab/loop {loop[-1]:.0f}×, pflab/EMA {ema[-1]:.0f}×"
            )
    print()
    for name, values in rates.items():
        print(
            f"{name:<10} {statistics.median(values) / 1e6:8.4f} M scenario-years/s "
            f"(rounds {min(values) / 1e6:.4f}–{max(values) / 1e6:.4f})"
        )
    print()
    print(_ratio_line("pflab / floor, all cores (time)", allc, "≤ 1.5×"))
    print(_ratio_line("pflab / floor, 1 core (time)", one, "—"))
    print(_ratio_line("pflab / Python loop (speed, 1 core)", loop, "≥ 100×"))
    print(_ratio_line("pflab / EMA Workbench (speed, 1 core)", ema, "≥ 20×"))
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
