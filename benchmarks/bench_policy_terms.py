"""Term counting on the Government Work Reports: pflab against plain jieba.

The peer is what an analyst writes by hand: load the glossary into jieba's global
dictionary, ``jieba.lcut`` every raw text, count tokens with ``collections.Counter`` and
substrings with ``str.count``. pflab does more (boilerplate removal, normalisation,
traditional-character conversion, token positions and an explanation for every
substring that is not a token), so the ratio shows what that costs.

Run from the repository root with the raw data beside it::

    .venv/bin/python benchmarks/bench_policy_terms.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from pflab.data.paths import raw_data_dir
from pflab.policy.terms import count_terms, default_glossary, read_corpus


def peer(folder: Path, words: list[str]) -> dict[str, int]:
    import jieba

    for word in words:
        jieba.add_word(word, freq=1_000_000)
    tokens: Counter[str] = Counter()
    substrings: Counter[str] = Counter()
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text("utf-8")
        tokens.update(w for w in jieba.lcut(text, HMM=False) if w in words)
        for word in words:
            substrings[word] += text.count(word)
    return dict(tokens)


def ours(folder: Path) -> int:
    return len(count_terms(read_corpus(folder), default_glossary()).frame)


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) if times else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    raw = raw_data_dir()
    if raw is None:
        raise SystemExit("raw data folder not found (../shared/data or $PFLAB_RAW_DATA)")
    folder = raw / "gov_work_reports" / "by_year"
    words = default_glossary().words
    # warm both: jieba's dictionary load happens once per process in each
    peer(folder, words)
    ours(folder)
    t_peer = best(lambda: peer(folder, words), args.repeat)
    t_ours = best(lambda: ours(folder), args.repeat)
    docs = len(list(folder.glob("*.txt")))
    print(f"{docs} reports, {len(words)} glossary forms, best of {args.repeat}")
    print(f"plain jieba (peer): {t_peer:.3f} s")
    print(f"pflab count_terms : {t_ours:.3f} s")
    print(f"ratio pflab/peer  : {t_ours / t_peer:.2f}")


if __name__ == "__main__":
    main()
