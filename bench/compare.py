#!/usr/bin/env python3
"""Agreement between ghirbal's and a peer's decisions (standard library only).

  compare.py filter  --peer bench/out/filter/decisions.tsv --ghirbal OUTDIR  [--json FILE]
  compare.py dups    --peer bench/out/minhash/pairs.tsv    --ghirbal OUTDIR  [--json FILE]
  compare.py recall  --truth CORPUS/dups.tsv --pairs PAIRS.tsv                [--json FILE]
  compare.py pairs   --ghirbal OUTDIR --out PAIRS.tsv

ghirbal's output layout is still settling, so its files are found by name under OUTDIR:
- rejects: any `*reject*.jsonl[.gz|.zst]`; a line's document id is `id` (or `doc_id`/`record`),
  its reason `reason` (or the first of `reasons`, or `decision.reason`).
- clusters: any `*cluster*.jsonl[.gz|.zst]` or `*pairs*.tsv`. A JSON line that holds a list of
  ids (`members`, `ids`, `docs`, or `canonical` + `duplicates`) is one cluster; lines with `id` and
  `cluster`/`cluster_id` are grouped by that key. A TSV gives pairs directly.
Article ids of the form `DOC#N` or `DOC/N` are mapped back to the document id when `DOC` is one.
Every pair of documents in one cluster is a duplicate pair; pairs are compared as unordered sets.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path


def open_text(path: Path):
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.name.endswith(".zst"):
        import zstandard  # only needed for .zst

        return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), read_across_frames=True), encoding="utf-8")
    return open(path, encoding="utf-8")


def find(outdir: Path, word: str, exts=(".jsonl", ".jsonl.gz", ".jsonl.zst", ".tsv", ".json")) -> list[Path]:
    return sorted(p for p in outdir.rglob(f"*{word}*") if p.is_file() and p.name.endswith(exts))


def json_lines(path: Path):
    with open_text(path) as f:
        if path.name.endswith(".json"):
            data = json.load(f)
            yield from (data if isinstance(data, list) else data.get("clusters") or data.get("rejects") or [])
            return
        for line in f:
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue


def map_id(x: str, known: set[str] | None) -> str:
    if known is None or x in known:
        return x
    for sep in ("#", "/"):
        if sep in x:
            head = x.rsplit(sep, 1)[0]
            if head in known:
                return head
    return x


def read_peer_filter(path: Path) -> tuple[dict[str, str], list[str]]:
    verdict = {}
    order = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        ip = header.index("pipeline")
        for line in f:
            parts = line.rstrip("\n").split("\t")
            verdict[parts[0]] = parts[ip]
            order.append(parts[0])
    return verdict, order


def ghirbal_rejects(outdir: Path, known: set[str]) -> dict[str, str] | None:
    files = find(outdir, "reject")
    if not files:
        return None
    out = {}
    for f in files:
        for o in json_lines(f):
            if not isinstance(o, dict):
                continue
            i = o.get("id") or o.get("doc_id") or o.get("record")
            if not i:
                continue
            r = o.get("reason")
            if r is None and isinstance(o.get("reasons"), list) and o["reasons"]:
                r = o["reasons"][0]
            if r is None and isinstance(o.get("decision"), dict):
                r = o["decision"].get("reason")
            out[map_id(str(i), known)] = str(r) if r is not None else "rejected"
    return out


def cmd_filter(a) -> dict:
    peer, order = read_peer_filter(a.peer)
    known = set(order)
    gh = ghirbal_rejects(a.ghirbal, known)
    if gh is None:
        return {"available": False, "why": f"no *reject* file under {a.ghirbal}"}
    pr = {i for i, v in peer.items() if v != "keep"}
    gr = {i for i in gh if i in known}
    both = pr & gr
    return {
        "available": True,
        "docs": len(order),
        "peer_rejected": len(pr),
        "ghirbal_rejected": len(gr),
        "both": len(both),
        "only_peer": len(pr - gr),
        "only_ghirbal": len(gr - pr),
        "jaccard": len(both) / len(pr | gr) if (pr | gr) else None,
        "ghirbal_ids_unmatched": len(set(gh) - known),
        "only_ghirbal_reasons": dict(Counter(gh[i] for i in gr - pr).most_common(15)),
        "only_peer_reasons": dict(Counter(peer[i] for i in pr - gr).most_common(15)),
        "only_peer_examples": sorted(pr - gr)[:10],
        "only_ghirbal_examples": sorted(gr - pr)[:10],
    }


def read_pairs_tsv(path: Path, known: set[str] | None = None) -> set[tuple[str, str]]:
    out = set()
    with open_text(path) as f:
        f.readline()
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] and parts[1]:
                x, y = map_id(parts[0], known), map_id(parts[1], known)
                if x != y:
                    out.add((min(x, y), max(x, y)))
    return out


def clusters_to_pairs(groups) -> set[tuple[str, str]]:
    out = set()
    for g in groups:
        for x, y in combinations(sorted(set(g)), 2):
            out.add((x, y))
    return out


def ghirbal_pairs(outdir: Path, known: set[str] | None) -> set[tuple[str, str]] | None:
    files = find(outdir, "cluster") + [p for p in find(outdir, "pairs") if p.name.endswith(".tsv")]
    if not files:
        return None
    pairs: set[tuple[str, str]] = set()
    for f in files:
        if f.name.endswith(".tsv"):
            pairs |= read_pairs_tsv(f, known)
            continue
        keyed = defaultdict(list)
        groups = []
        for o in json_lines(f):
            if not isinstance(o, dict):
                continue
            lst = None
            for k in ("members", "ids", "docs", "articles"):
                if isinstance(o.get(k), list):
                    lst = [x if isinstance(x, str) else (x.get("id") if isinstance(x, dict) else str(x)) for x in o[k]]
                    break
            if lst is None and "canonical" in o and isinstance(o.get("duplicates"), list):
                lst = [o["canonical"]] + [x if isinstance(x, str) else x.get("id") for x in o["duplicates"]]
            if lst is not None:
                groups.append([map_id(str(x), known) for x in lst if x])
            elif "id" in o and ("cluster" in o or "cluster_id" in o):
                keyed[o.get("cluster", o.get("cluster_id"))].append(map_id(str(o["id"]), known))
        groups.extend(keyed.values())
        pairs |= clusters_to_pairs(groups)
    return pairs


def agreement(p: set, q: set, names=("peer", "ghirbal")) -> dict:
    both = p & q
    return {
        f"{names[0]}_pairs": len(p),
        f"{names[1]}_pairs": len(q),
        "both": len(both),
        f"only_{names[0]}": len(p - q),
        f"only_{names[1]}": len(q - p),
        "jaccard": len(both) / len(p | q) if (p | q) else None,
        f"only_{names[0]}_examples": sorted(p - q)[:5],
        f"only_{names[1]}_examples": sorted(q - p)[:5],
    }


def cmd_dups(a) -> dict:
    peer = read_pairs_tsv(a.peer)
    known = {x for pr in peer for x in pr}
    if a.ids:
        known |= {x for x in Path(a.ids).read_text(encoding="utf-8").split("\n") if x}
    gh = ghirbal_pairs(a.ghirbal, known)
    if gh is None:
        return {"available": False, "why": f"no *cluster*/*pairs* file under {a.ghirbal}"}
    return {"available": True, **agreement(peer, gh)}


def cmd_recall(a) -> dict:
    """Injected duplicates (gen_pages dups.tsv) found by a pair set, at page level."""
    truth: dict[str, set] = defaultdict(set)
    with open(a.truth, encoding="utf-8") as f:
        f.readline()
        for line in f:
            d, _, o, _, kind, _ = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
            truth[kind].add((min(d, o), max(d, o)))
    known = {x for tp in truth.values() for pr in tp for x in pr}
    pairs = read_pairs_tsv(a.pairs, known)  # article ids such as PAGE#1 count for PAGE
    out = {}
    for kind, tp in sorted(truth.items()):
        out[kind] = {"injected": len(tp), "found": len(tp & pairs), "recall": len(tp & pairs) / len(tp) if tp else None}
    allp = set().union(*truth.values()) if truth else set()
    out["all"] = {"injected": len(allp), "found": len(allp & pairs), "recall": len(allp & pairs) / len(allp) if allp else None,
                  "pairs_reported": len(pairs), "pairs_not_injected": len(pairs - allp)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("filter")
    f.add_argument("--peer", type=Path, required=True)
    f.add_argument("--ghirbal", type=Path, required=True)
    f.add_argument("--json", type=Path)
    d = sub.add_parser("dups")
    d.add_argument("--peer", type=Path, required=True)
    d.add_argument("--ghirbal", type=Path, required=True)
    d.add_argument("--ids", help="file with all document ids, one a line (to map article ids back)")
    d.add_argument("--json", type=Path)
    pp = sub.add_parser("pairs", help="write ghirbal's duplicate pairs (from OUTDIR) as a TSV")
    pp.add_argument("--ghirbal", type=Path, required=True)
    pp.add_argument("--out", type=Path, required=True)
    r = sub.add_parser("recall")
    r.add_argument("--truth", type=Path, required=True)
    r.add_argument("--pairs", type=Path, required=True)
    r.add_argument("--json", type=Path)
    a = ap.parse_args()
    if a.cmd == "pairs":
        pairs = ghirbal_pairs(a.ghirbal, None)
        if pairs is None:
            print(f"compare: no *cluster*/*pairs* file under {a.ghirbal}", file=sys.stderr)
            return 1
        with open(a.out, "w", encoding="utf-8") as fh:
            fh.write("id_a\tid_b\n")
            for x, y in sorted(pairs):
                fh.write(f"{x}\t{y}\n")
        return 0
    res = {"filter": cmd_filter, "dups": cmd_dups, "recall": cmd_recall}[a.cmd](a)
    text = json.dumps(res, ensure_ascii=False, indent=1)
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
