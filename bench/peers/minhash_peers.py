#!/usr/bin/env python3
"""Near-duplicate peer: datatrove's 4-stage MinHash deduplication, FineWeb-2's settings.

MinhashConfig(num_buckets=14, hashes_per_bucket=8, n_grams=5,
              hash_config=HashConfig(hash_fc="sha1", precision=64)), word tokenizer of arb_Arab.
(FineWeb-2 used hash_fc="xxhash"; datatrove 0.10.1's xxhash path fails with xxhash >= 3.5,
"Strings must be encoded before hashing", so sha1 is used: same 64-bit precision, slower hash.)

Stages, each in its own process with one task and one worker, so that each stage's wall time and
peak RSS (os.wait4's ru_maxrss of that child) are measured separately:
  1 signatures  JsonlReader -> MinhashDedupSignature(language="arb_Arab")
  2 buckets     MinhashDedupBuckets            (14 tasks, one per bucket, run in turn by one worker)
  3 cluster     MinhashDedupCluster(save_cluster_id=True)
  4 filter      JsonlReader -> MinhashDedupFilter -> JsonlWriter

Outputs under --out:
  minhash_peers.json  per-stage wall/peak RSS, docs, clusters, removed docs, pair counts
  clusters.tsv        id, cluster (smallest member index), cluster size, removed (1 = dropped)
  pairs.tsv           id_a, id_b: every pair of documents in one cluster (ids sorted, a < b)
  matches.tsv         id_a, id_b: the raw bucket matches datatrove wrote (a spanning set of edges)

    bench/.venv/bin/python bench/peers/minhash_peers.py [INPUT.jsonl.gz] --out bench/out/minhash
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAUDINEWSNET, log, write_json  # noqa: E402

STAGES = ["signatures", "buckets", "cluster", "filter"]
LANG = "arb_Arab"


def config():
    from datatrove.pipeline.dedup.minhash import MinhashConfig
    from datatrove.utils.hashing import HashConfig

    return MinhashConfig(
        num_buckets=14, hashes_per_bucket=8, n_grams=5, hash_config=HashConfig(hash_fc="sha1", precision=64)
    )


def reader(a):
    from datatrove.pipeline.readers import JsonlReader

    inp = Path(a.input).resolve()
    return JsonlReader(str(inp.parent), glob_pattern=inp.name, text_key=a.text_key, id_key=a.id_key, limit=a.limit)


def run_stage(a) -> None:
    """Runs one stage in this process (called in a child)."""
    from datatrove.executor.local import LocalPipelineExecutor
    from datatrove.pipeline.dedup import MinhashDedupCluster, MinhashDedupFilter, MinhashDedupSignature
    from datatrove.pipeline.dedup.minhash import MinhashDedupBuckets
    from datatrove.pipeline.writers.jsonl import JsonlWriter

    out = Path(a.out).resolve()
    cfg = config()
    if a.stage == "signatures":
        pipe = [reader(a), MinhashDedupSignature(output_folder=str(out / "signatures"), config=cfg, language=LANG)]
    elif a.stage == "buckets":
        pipe = [MinhashDedupBuckets(input_folder=str(out / "signatures"), output_folder=str(out / "buckets"), config=cfg)]
    elif a.stage == "cluster":
        pipe = [
            MinhashDedupCluster(
                input_folder=str(out / "buckets"), output_folder=str(out / "remove_ids"), config=cfg, save_cluster_id=True
            )
        ]
    else:
        pipe = [
            reader(a),
            MinhashDedupFilter(input_folder=str(out / "remove_ids")),
            JsonlWriter(str(out / "deduped"), compression="gzip"),
        ]
    # The bucket stage needs tasks divisible by num_buckets: 14 tasks, run one after the other by
    # one worker in this process. Every other stage is one task.
    tasks = cfg.num_buckets if a.stage == "buckets" else 1
    LocalPipelineExecutor(pipeline=pipe, tasks=tasks, workers=1, logging_dir=str(out / "logs" / a.stage)).run()


def read_u32s(path: Path) -> list[int]:
    if not path.exists():
        return []
    b = path.read_bytes()
    return list(struct.unpack(f"<{len(b) // 4}I", b))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", type=Path, default=SAUDINEWSNET)
    ap.add_argument("--out", type=Path, default=Path("bench/out/minhash"))
    ap.add_argument("--text-key", default="content")
    ap.add_argument("--id-key", default="url")
    ap.add_argument("--limit", type=int, default=-1)
    ap.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.stage:
        run_stage(a)
        return 0

    out = a.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    stages = {}
    for st in STAGES:
        cmd = [sys.executable, __file__, str(a.input), "--out", str(out), "--text-key", a.text_key,
               "--id-key", a.id_key, "--limit", str(a.limit), "--stage", st]
        t0 = time.perf_counter()
        with open(out / f"{st}.log", "wb") as logf:
            p = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT)
            _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        rc = os.waitstatus_to_exitcode(status)
        stages[st] = {"wall_s": wall, "peak_rss_mb": ru.ru_maxrss / 1024.0, "user_s": ru.ru_utime, "sys_s": ru.ru_stime}
        log(f"minhash_peers: {st}: {wall:.1f}s, peak RSS {ru.ru_maxrss/1024:.0f} MB (rc {rc})")
        if rc != 0:
            log(f"minhash_peers: stage {st} failed; see {out / (st + '.log')}")
            return 1

    # Map document indices (order of reading, one task) back to ids.
    ids = []
    nbytes = 0
    for d in reader(a).run():
        ids.append(d.id)
        nbytes += len(d.text.encode("utf-8"))
    # Clusters: (doc, cluster) u32 pairs for every doc in some cluster; removed: doc indices.
    cl = read_u32s(out / "remove_ids" / "000000.clusters")
    cluster_of = {cl[i]: cl[i + 1] for i in range(0, len(cl), 2)}
    removed = set(read_u32s(out / "remove_ids" / "000000.remove"))
    members = defaultdict(list)
    for doc, c in cluster_of.items():
        members[c].append(doc)
    npairs = 0
    with open(out / "clusters.tsv", "w", encoding="utf-8") as fc, open(out / "pairs.tsv", "w", encoding="utf-8") as fp:
        fc.write("id\tcluster\tsize\tremoved\n")
        fp.write("id_a\tid_b\n")
        for c in sorted(members, key=lambda c: min(members[c])):
            docs = sorted(members[c])
            for d in docs:
                fc.write(f"{ids[d]}\t{docs[0]}\t{len(docs)}\t{int(d in removed)}\n")
            for x, y in combinations(sorted(ids[d] for d in docs), 2):
                fp.write(f"{x}\t{y}\n")
                npairs += 1
    nmatch = 0
    with open(out / "matches.tsv", "w", encoding="utf-8") as fm:
        fm.write("id_a\tid_b\n")
        seen = set()
        for f in sorted((out / "buckets").glob("*.dups")):
            v = read_u32s(f)
            for i in range(0, len(v), 4):
                _, d1, _, d2 = v[i : i + 4]
                key = tuple(sorted((ids[d1], ids[d2])))
                if key not in seen:
                    seen.add(key)
        for x, y in sorted(seen):
            fm.write(f"{x}\t{y}\n")
        nmatch = len(seen)

    total_wall = sum(s["wall_s"] for s in stages.values())
    report = {
        "input": str(Path(a.input).resolve()),
        "config": "MinhashConfig(num_buckets=14, hashes_per_bucket=8, n_grams=5, HashConfig(sha1, 64)), language arb_Arab",
        "docs": len(ids),
        "mb": nbytes / 1e6,
        "stages": stages,
        "total_wall_s": total_wall,
        "peak_rss_mb": max(s["peak_rss_mb"] for s in stages.values()),
        "docs_per_s": len(ids) / total_wall if total_wall else None,
        "mb_per_s": nbytes / 1e6 / total_wall if total_wall else None,
        "clusters": len(members),
        "docs_in_clusters": len(cluster_of),
        "removed": len(removed),
        "cluster_pairs": npairs,
        "bucket_match_pairs": nmatch,
    }
    write_json(out / "minhash_peers.json", report)
    log(
        f"minhash_peers: {len(ids)} docs, {total_wall:.1f}s total, peak RSS {report['peak_rss_mb']:.0f} MB; "
        f"{len(members)} clusters, {len(removed)} removed, {npairs} pairs in clusters"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
