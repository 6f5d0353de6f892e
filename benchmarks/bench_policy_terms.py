"""Term counting on the Government Work Reports: pflab against plain jieba.

The peer is what an analyst writes by hand: load the glossary into a jieba tokenizer's
dictionary, ``lcut`` every raw text, count tokens with ``collections.Counter`` and
substrings with ``str.count``. pflab does more (boilerplate removal, NFKC, paragraphs,
traditional-character conversion, aliases and variants, generic phrases, token
positions and an explanation for every substring that is not a token, first-occurrence
contexts), so the ratio shows what that costs.

Both read the same 52 report files, each from disk on every round. Each round times the
peer and pflab once, in alternating order (peer first on even rounds), after one warm-up
of each (jieba's dictionary is loaded once per process in both). The script prints the
median time of each and the median of the per-round ratios with its spread (min–max and
interquartile range).

Run from the repository root with the raw data beside it::

    .venv/bin/python benchmarks/bench_policy_terms.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pflab.data.paths import raw_data_dir
from pflab.policy.terms import count_terms, default_glossary, read_corpus
from pflab.policy.terms.segment import USER_WORD_FREQ


def make_peer(words: list[str]) -> Callable[[Path], dict[str, int]]:
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in words:
        tokenizer.add_word(word, freq=USER_WORD_FREQ)
    wanted = set(words)

    def peer(folder: Path) -> dict[str, int]:
        tokens: Counter[str] = Counter()
        substrings: Counter[str] = Counter()
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text("utf-8")
            tokens.update(w for w in tokenizer.lcut(text, HMM=False) if w in wanted)
            for word in words:
                substrings[word] += text.count(word)
        return dict(tokens)

    return peer


def ours(folder: Path) -> int:
    return len(count_terms(read_corpus(folder), default_glossary()).frame)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU time is steadier on a shared machine;
    both tools are single-threaded)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def report(label: str, peer: list[float], mine: list[float]) -> None:
    ratios = sorted(o / p for o, p in zip(mine, peer, strict=True))
    q1, _, q3 = statistics.quantiles(ratios, n=4)
    print(
        f"{label:<5} peer median {statistics.median(peer):7.3f} s | pflab median "
        f"{statistics.median(mine):7.3f} s | ratio pflab/peer median "
        f"{statistics.median(ratios):.2f} (min {ratios[0]:.2f}, max {ratios[-1]:.2f}, "
        f"IQR {q1:.2f}-{q3:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (>= 5)")
    args = parser.parse_args()
    if args.rounds < 5:
        raise SystemExit("--rounds must be at least 5")
    raw = raw_data_dir()
    if raw is None:
        raise SystemExit("raw data folder not found (../shared/data or $PFLAB_RAW_DATA)")
    folder = raw / "gov_work_reports" / "by_year"
    words = default_glossary().words
    peer = make_peer(words)
    peer(folder)  # warm both: dictionaries loaded, files in the page cache
    ours(folder)
    t_peer: list[tuple[float, float]] = []
    t_ours: list[tuple[float, float]] = []
    for i in range(args.rounds):
        if i % 2 == 0:
            t_peer.append(timed(lambda: peer(folder)))
            t_ours.append(timed(lambda: ours(folder)))
        else:
            t_ours.append(timed(lambda: ours(folder)))
            t_peer.append(timed(lambda: peer(folder)))
    docs = len(list(folder.glob("*.txt")))
    print(f"{docs} reports, {len(words)} glossary forms, {args.rounds} alternating rounds")
    report("wall", [w for w, _ in t_peer], [w for w, _ in t_ours])
    report("CPU", [c for _, c in t_peer], [c for _, c in t_ours])


if __name__ == "__main__":
    main()
