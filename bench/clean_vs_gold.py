#!/usr/bin/env python3
"""Scores a `ghirbal clean` run on a generated page-dump corpus against the generator's gold.

`bench/gen_pages.py` writes, beside `pages.jsonl.gz`, a `gold.jsonl.gz` with every article of
every page (title, body paragraphs). `ghirbal extract` is scored on 40 labelled pages by
`ghirbal eval`; this scores the whole `clean` pipeline — site templates, structure recovery,
filters and dedup together — on every page:

    bash bench/run.sh                    # or: python3 bench/gen_pages.py --seed 1 --size-mb 10 ...
    ghirbal clean bench/out/corpora/seed1-10mb/pages.jsonl.gz -o /tmp/gen
    python3 bench/clean_vs_gold.py /tmp/gen [bench/out/corpora/seed1-10mb]

Printed: gold articles and articles found (kept + rejected by filters or dedup: a duplicate is
still a recovered article), the share of gold titles found, and precision / recall / F1 of body
paragraphs per page (set overlap after NFKC and whitespace collapse), and precision / recall of
the related-link titles of kept articles (multiset overlap per page; the gold lists the items of
related blocks such as `مقالات ذات صلة`, not most-read or latest-news lists), over all pages and
over the pages none of whose articles dedup rejected (a rejected duplicate keeps only its text).

Then the two numbers of issue #3's held-out check, on these generated sites (whose templates
ghirbal learns like any other site's; nothing in ghirbal knows the generator): the share of page
furniture lines (boilerplate such as share bars, menus, sign-offs and contact lines; bylines and
datelines; dates; captions; repeated headlines and captions) that no found article's body
carries — printed as a paragraph, or glued at the start or end of one when the line has 3+ words
— and the share of long gold body lines (15+ words) that a found article's body carries. Beside
them, the same two numbers for the line-frequency baseline the issue names (CCNet's: drop every
line, whitespace-collapsed, seen in 3 or more documents of the corpus, keep the rest).
"""

import collections
import gzip
import html
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
SPACES = re.compile(r"\s+")


def norm(s):
    # The gold titles come from SaudiNewsNet's `title` field, which keeps HTML character
    # references (`&quot;`) and invisible bidi / zero-width marks (`وفد \u200bالهيئة`,
    # `\u200fمحافظة`); ghirbal decodes the references and drops the marks in what it outputs
    # (its display form), so compare decoded text without them. Likewise C0 control characters
    # (a stray `\x1a` opening some SaudiNewsNet paragraphs), which ghirbal strips.
    s = CONTROLS.sub("", unicodedata.normalize("NFKC", html.unescape(s or "")))
    return SPACES.sub(" ", s).strip()


def read_zst(path):
    out = subprocess.run(["zstd", "-dc", str(path)], capture_output=True, text=True, check=True)
    return [json.loads(l) for l in out.stdout.splitlines() if l]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    outdir = Path(sys.argv[1])
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "out/corpora/seed1-10mb"
    with gzip.open(corpus / "gold.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for line in f]
    gold = {r["id"]: r["articles"] for r in pages}
    found = collections.defaultdict(list)
    related = collections.defaultdict(collections.Counter)
    for r in read_zst(outdir / "articles.jsonl.zst"):
        found[r["source_id"]].append((norm(r.get("title")), [norm(p) for p in r["body"]]))
        related[r["source_id"]].update(norm(t.get("title")) for t in r.get("related") or [])
    for r in read_zst(outdir / "rejects.jsonl.zst"):
        if r.get("stage") in ("record", "input"):
            continue
        # A rejected article (a duplicate, or filtered out) carries all its parts: structure
        # recovery is scored on every article it found.
        found[r["source_id"]].append((norm(r.get("title")), [norm(p) for p in r["body"]]))
        related[r["source_id"]].update(norm(t.get("title")) for t in r.get("related") or [])

    furniture_left, furniture, long_kept, long_total, base = held_out_numbers(corpus, pages, found)

    n_gold = sum(len(v) for v in gold.values())
    n_found = sum(len(v) for v in found.values())
    titles = tp = n_pred = n_true = 0
    rel_tp = rel_pred = rel_true = 0
    for pid, arts in gold.items():
        want_rel = collections.Counter(norm(t["title"]) for a in arts for t in a.get("related") or [])
        have_rel = related.get(pid, collections.Counter())
        rel_tp += sum((want_rel & have_rel).values())
        rel_pred += sum(have_rel.values())
        rel_true += sum(want_rel.values())
        got = found.get(pid, [])
        got_titles = {t for t, _ in got}
        titles += sum(1 for a in arts if norm(a["title"]) in got_titles)
        want = {norm(p) for a in arts for p in a["body"]}
        have = {p for _, body in got for p in body}
        tp += len(want & have)
        n_pred += len(have)
        n_true += len(want)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"gold articles {n_gold}, articles found {n_found}")
    print(f"gold titles found: {titles}/{n_gold} = {100 * titles / n_gold:.1f}%")
    print(f"body paragraphs: P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    rel_p = rel_tp / rel_pred if rel_pred else 0.0
    rel_r = rel_tp / rel_true if rel_true else 0.0
    print(f"related titles: P {rel_p:.3f}  R {rel_r:.3f}  ({rel_tp} of {rel_pred} found, {rel_true} in gold)")
    gone = furniture - furniture_left
    print(f"page furniture removed: {gone}/{furniture} lines = {100 * gone / max(1, furniture):.2f}%")
    print(f"long body lines kept: {long_kept}/{long_total} = {100 * long_kept / max(1, long_total):.2f}%")
    b_gone, b_kept = base
    print(
        f"line-frequency baseline (drop lines in 3+ documents): furniture removed "
        f"{100 * b_gone / max(1, furniture):.2f}%, long body lines kept {100 * b_kept / max(1, long_total):.2f}%"
    )


# Gold line labels (shared/LABELING.md letters, see gen_pages.py): page furniture and body.
FURNITURE = set("pydcr")
LONG_WORDS = 15


def held_out_numbers(corpus, pages, found):
    """(furniture lines left in found bodies, furniture lines, long body lines kept, long body
    lines, (furniture lines and long body lines the baseline removes and keeps)) over the corpus;
    `pages` are the gold records (line labels), `found` maps a page id to its (title, body
    paragraphs) pairs."""
    texts = {}
    df = collections.Counter()
    with gzip.open(corpus / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            texts[r["id"]] = r["text"]
            df.update({norm(t) for t in r["text"].split("\n")})
    left = total = kept = n_long = base_gone = base_kept = 0
    for g in pages:
        lines = texts[g["id"]].split("\n")
        paras = [p for _, body in found.get(g["id"], []) for p in body]
        whole = set(paras)
        for text, lab in zip(lines, g["labels"]):
            t = norm(text)
            if not t:
                continue
            if lab in FURNITURE:
                total += 1
                glued = len(t.split()) >= 3 and any(
                    p != t and (p.startswith(t) or p.endswith(t)) for p in paras
                )
                left += t in whole or glued
                base_gone += df[t] >= 3
            elif lab == "b" and len(t.split()) >= LONG_WORDS:
                n_long += 1
                kept += t in whole or any(t in p for p in paras)
                base_kept += df[t] < 3
    return left, total, kept, n_long, (base_gone, base_kept)


if __name__ == "__main__":
    main()
