#!/usr/bin/env python3
"""Filtering peer: datatrove's FineWeb-2 quality filters with the Arabic (arb_Arab) thresholds.

Pipeline (one task, one worker, in this process), in FineWeb-2's own order (fineweb-2-pipeline.py in
the huggingface/fineweb-2 repository, step 5 "language specific filtering"):

    JsonlReader(saudinewsnet-dev.jsonl.gz, text_key="content", id_key="url")
    -> GopherRepetitionFilter(language="arb_Arab", dup_para_frac=0, dup_line_char_frac=0,
                              dup_para_char_frac=0, dup_line_frac, top_n_grams, dup_n_grams)
    -> FineWebQualityFilter(language="arb_Arab", short_line_thr=999, char_duplicates_ratio=0.1,
                            line_punct_thr, new_line_ratio)
    -> GopherQualityFilter(language="arb_Arab", max/min_avg_word_length, stop_words,
                           max_non_alpha_words_ratio, min_stop_words=2)
    -> JsonlWriter(kept)
each filter with an exclusion writer, so the rejected ids (and datatrove's reason) are listed.

Thresholds: huggingface/fineweb-2 `configs/arb_Arab.yml`. Two versions of that file are stored:
commit 05e6729567a5df985fbd814e862c48f796feb09f (has `language_score`, which the published
pipeline reads, so taken as the current one: default) and c7004ff99c429b3f242d489288cc6b5d10081f99
(older thresholds, no language_score). `--config c7004ff` runs the other. The language-score step
(GlotLID) and MinHash dedup that precede filtering in FineWeb-2 are not applied here.

With --independent, every filter is also run on every document on its own (not only on the
survivors of the previous one), so each filter's full reject set can be compared with ghirbal's;
this about doubles the run time, so bench/run.sh leaves it off.

Outputs under --out: decisions.tsv (id, source, per-filter verdict, pipeline verdict),
filter_peers.json (docs/s, MB/s, reject rates), datatrove's logs/stats.

    bench/.venv/bin/python bench/peers/filter_peers.py [INPUT.jsonl.gz] --out bench/out/filter
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAUDINEWSNET, log, peak_rss_mb, write_json  # noqa: E402

from datatrove.data import Document  # noqa: E402
from datatrove.executor.local import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.filters import FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers.jsonl import JsonlWriter  # noqa: E402

# The Arabic stopwords of configs/arb_Arab.yml (identical in both commits).
ARB_STOPWORDS = [
    "\u060c", "\u0641\u064a", "\u0645\u0646", "\u0639\u0644\u0649", "\u0625\u0644\u0649",
    "\u0639\u0627\u0645", "\u0623\u0646", "\u0645\u0639", "\u0623\u0648", "\u0647\u0648",
    "\u0639\u0646", "\u0627\u0644\u062a\u064a", "\u0643\u0627\u0646", "\u0628\u064a\u0646",
    "\u0645\u0627", "\u0643\u0627\u0646\u062a", "\u0647\u064a",
    "\u0627\u0644\u0645\u062a\u062d\u062f\u0629", "\u0628\u0639\u062f",
]

# Figures from huggingface/fineweb-2 configs/arb_Arab.yml at the two stored commits.
CONFIGS = {
    "05e6729": {
        "dup_line_frac": 0.304,
        "dup_n_grams": [[5, 0.165], [6, 0.153], [7, 0.142], [8, 0.131], [9, 0.12], [10, 0.109]],
        "language_score": 0.711,
        "line_punct_thr": 0.143,
        "max_avg_word_length": 9,
        "max_non_alpha_words_ratio": 0.787,
        "min_avg_word_length": 2,
        "new_line_ratio": 0.189,
        "top_n_grams": [[2, 0.197], [3, 0.172], [4, 0.146]],
        "stopwords": ARB_STOPWORDS,
    },
    "c7004ff": {
        "dup_line_frac": 0.333,
        "dup_n_grams": [[5, 0.19], [6, 0.169], [7, 0.154], [8, 0.142], [9, 0.131], [10, 0.124]],
        "line_punct_thr": 0.25,
        "max_avg_word_length": 8,
        "max_non_alpha_words_ratio": 0.787,
        "min_avg_word_length": 3,
        "new_line_ratio": 0.227,
        "top_n_grams": [[2, 0.091], [3, 0.108], [4, 0.127]],
        "stopwords": ARB_STOPWORDS,
    },
}
LANG = "arb_Arab"
FILTER_NAMES = ["gopher_rep", "fineweb_qual", "gopher_qual"]


def make_filters(cfg: dict, out: Path | None) -> list:
    def ex(name):
        return JsonlWriter(str(out / "removed" / name), compression="gzip") if out else None

    return [
        GopherRepetitionFilter(
            language=LANG,
            dup_para_frac=0,
            dup_line_char_frac=0,
            dup_para_char_frac=0,
            dup_line_frac=cfg["dup_line_frac"],
            top_n_grams=[tuple(x) for x in cfg["top_n_grams"]],
            dup_n_grams=[tuple(x) for x in cfg["dup_n_grams"]],
            exclusion_writer=ex("gopher_rep"),
        ),
        FineWebQualityFilter(
            language=LANG,
            short_line_thr=999,
            char_duplicates_ratio=0.1,
            line_punct_thr=cfg["line_punct_thr"],
            new_line_ratio=cfg["new_line_ratio"],
            exclusion_writer=ex("fineweb_qual"),
        ),
        GopherQualityFilter(
            language=LANG,
            max_avg_word_length=cfg["max_avg_word_length"],
            min_avg_word_length=cfg["min_avg_word_length"],
            stop_words=cfg["stopwords"],
            max_non_alpha_words_ratio=cfg["max_non_alpha_words_ratio"],
            min_stop_words=2,
            exclusion_writer=ex("gopher_qual"),
        ),
    ]


def strip_lines_adapter(self, data: dict, path: str, id_in_file):
    """datatrove's default adapter, then each line's surrounding whitespace removed and blank lines
    dropped (what an HTML extractor's output looks like). Used by --strip-lines."""
    d = self._default_adapter(data, path, id_in_file)
    d["text"] = "\n".join(ln.strip() for ln in d["text"].split("\n") if ln.strip())
    return d


def read_removed(d: Path) -> dict[str, str]:
    out = {}
    for f in sorted(d.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                o = json.loads(line)
                out[o["id"]] = (o.get("metadata") or {}).get("filter_reason") or "dropped"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", type=Path, default=SAUDINEWSNET)
    ap.add_argument("--out", type=Path, default=Path("bench/out/filter"))
    ap.add_argument("--config", choices=sorted(CONFIGS), default="05e6729")
    ap.add_argument("--text-key", default="content")
    ap.add_argument("--id-key", default="url")
    ap.add_argument("--limit", type=int, default=-1)
    ap.add_argument(
        "--independent",
        action="store_true",
        help="also run every filter alone on every document (about doubles the run time)",
    )
    ap.add_argument(
        "--strip-lines",
        action="store_true",
        help="strip each line and drop blank lines before filtering (saudinewsnet lines end in a space)",
    )
    a = ap.parse_args()
    cfg = CONFIGS[a.config]
    inp = a.input.resolve()
    out = a.out.resolve()
    if out.exists():
        shutil.rmtree(out)  # datatrove skips completed tasks in an existing logging dir
    out.mkdir(parents=True)

    adapter = strip_lines_adapter if a.strip_lines else None

    def reader():
        return JsonlReader(
            str(inp.parent), glob_pattern=inp.name, text_key=a.text_key, id_key=a.id_key, limit=a.limit, adapter=adapter
        )

    pipeline = [reader(), *make_filters(cfg, out), JsonlWriter(str(out / "kept"), compression="gzip")]
    ex = LocalPipelineExecutor(pipeline=pipeline, tasks=1, workers=1, logging_dir=str(out / "logs"))
    t0 = time.perf_counter()
    c0 = time.process_time()
    ex.run()
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0  # robust to other load on the machine
    peak = peak_rss_mb()  # before the documents are loaded again below

    # Documents as datatrove read them (for counts, bytes and the independent pass).
    docs: list[Document] = list(reader().run())
    n = len(docs)
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs)
    removed = {name: read_removed(out / "removed" / name) for name in FILTER_NAMES}

    indep: dict[str, dict[str, str]] = {}
    indep_secs = {}
    if a.independent:
        for name, flt in zip(FILTER_NAMES, make_filters(cfg, None)):
            t1 = time.perf_counter()
            verdicts = {}
            for d in docs:
                r = flt.filter(d)
                ok, reason = (r, None) if not isinstance(r, tuple) else r
                if not ok:
                    verdicts[d.id] = reason or "dropped"
            indep[name] = verdicts
            indep_secs[name] = time.perf_counter() - t1

    with open(out / "decisions.tsv", "w", encoding="utf-8") as f:
        cols = ["id", "source", "pipeline"] + [f"{x}_pipeline" for x in FILTER_NAMES]
        if indep:
            cols += [f"{x}_alone" for x in FILTER_NAMES]
        f.write("\t".join(cols) + "\n")
        for d in docs:
            pv = [removed[x].get(d.id, "") for x in FILTER_NAMES]
            verdict = next((f"{x}:{r}" for x, r in zip(FILTER_NAMES, pv) if r), "keep")
            row = [d.id, str(d.metadata.get("source", "")), verdict] + [r or "keep" for r in pv]
            if indep:
                row += [indep[x].get(d.id, "keep") for x in FILTER_NAMES]
            f.write("\t".join(row) + "\n")

    dropped = sum(len(v) for v in removed.values())
    by_source_total = Counter(str(d.metadata.get("source", "")) for d in docs)
    rejected_ids = set().union(*[set(v) for v in removed.values()])
    by_source_drop = Counter(str(d.metadata.get("source", "")) for d in docs if d.id in rejected_ids)
    report = {
        "input": str(inp),
        "config": f"huggingface/fineweb-2 configs/arb_Arab.yml @ {a.config}",
        "strip_lines": a.strip_lines,
        "thresholds": {k: v for k, v in cfg.items() if k != "stopwords"},
        "docs": n,
        "mb": nbytes / 1e6,
        "wall_s": wall,
        "cpu_s": cpu,
        "docs_per_s": n / wall,
        "mb_per_s": nbytes / 1e6 / wall,
        "docs_per_cpu_s": n / cpu if cpu else None,
        "mb_per_cpu_s": nbytes / 1e6 / cpu if cpu else None,
        "peak_rss_mb": peak,
        "dropped": dropped,
        "dropped_frac": dropped / n if n else None,
        "pipeline_rejects": {
            x: {"count": len(removed[x]), "frac_of_all": len(removed[x]) / n if n else None, "reasons": dict(Counter(removed[x].values()).most_common())}
            for x in FILTER_NAMES
        },
        "alone_rejects": {
            x: {"count": len(indep[x]), "frac": len(indep[x]) / n if n else None, "seconds": indep_secs[x], "reasons": dict(Counter(indep[x].values()).most_common())}
            for x in indep
        },
        "dropped_frac_by_source": {s: by_source_drop[s] / c for s, c in sorted(by_source_total.items())},
    }
    write_json(out / "filter_peers.json", report)
    log(
        f"filter_peers: {n} docs ({nbytes/1e6:.1f} MB) in {wall:.1f}s wall, {cpu:.1f}s CPU = {n/wall:.0f} docs/s, {nbytes/1e6/wall:.2f} MB/s; "
        f"dropped {dropped} ({100*dropped/max(n,1):.1f}%): "
        + ", ".join(f"{x} {len(removed[x])}" for x in FILTER_NAMES)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
