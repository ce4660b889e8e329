#!/usr/bin/env python3
"""How many long sentences of the input survive `ghirbal clean`, per domain.

The issue's bar for site templates and structure recovery together: at least 99.5% of the long
body sentences of clean news must stay. This script measures it on any corpus of clean articles
(SaudiNewsNet by default) against a `ghirbal clean` output directory:

    ghirbal clean ../shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz -o /tmp/sn
    python3 bench/kept_sentences.py /tmp/sn [INPUT.jsonl.gz] [--text-field content] \
        [--id-field url] [--min-words 15] [--misses FILE]

A sentence is a piece of an input line ending with . ! ? or ؟; it is long with at least
--min-words words. Only records that produced a kept article are counted (rejected records are
the filters' business, reported in stats.json). A sentence counts as kept when its first or its
second half appears in the kept text of its record: a template that cuts a byline prefix
(`سبق- أبها:`) or a glued footer off a sentence keeps the sentence. Both sides are compared
after NFKC, without bidi/zero-width controls, with whitespace collapsed — what ghirbal's display
form does — so presentation forms do not count as losses.

Sentences that are site furniture themselves (a footer line long enough to count) are counted
as losses too: the number is a lower bound. --misses writes every lost sentence for reading.
"""

import argparse
import collections
import gzip
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT.parent / "shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz"

CONTROLS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
SPACES = re.compile(r"\s+")
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def norm(s):
    return SPACES.sub(" ", CONTROLS.sub("", unicodedata.normalize("NFKC", s))).strip()


def open_text(path):
    path = str(path)
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8")
    if path.endswith(".zst"):
        import subprocess

        p = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
        return io.TextIOWrapper(p.stdout, encoding="utf-8")
    return open(path, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", help="a `ghirbal clean` output directory")
    ap.add_argument("input", nargs="?", default=str(DEFAULT_INPUT))
    ap.add_argument("--text-field", default="content")
    ap.add_argument("--id-field", default="url")
    ap.add_argument("--min-words", type=int, default=15)
    ap.add_argument("--misses", help="write the lost sentences to this file")
    args = ap.parse_args()

    out = Path(args.outdir)
    articles = out / "articles.jsonl.zst"
    if not articles.exists():
        sys.exit(f"{articles}: not found (run `ghirbal clean ... -o {out}` first)")
    kept_text = collections.defaultdict(list)
    domain_of = {}
    for line in open_text(articles):
        r = json.loads(line)
        kept_text[r["source_id"]].append(norm(r["text"]))
        domain_of[r["source_id"]] = r.get("domain") or ""

    total = collections.Counter()
    kept = collections.Counter()
    misses = []
    for line in open_text(args.input):
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            continue
        sid = r.get(args.id_field)
        if sid not in kept_text:
            continue
        text = "\n".join(kept_text[sid])
        dom = domain_of[sid]
        content = r.get(args.text_field) or ""
        for ln in content.split("\n"):
            for sent in SENTENCE_END.split(norm(ln)):
                words = sent.split()
                if len(words) < args.min_words:
                    continue
                total[dom] += 1
                half = len(words) // 2
                if " ".join(words[:half]) in text or " ".join(words[half:]) in text:
                    kept[dom] += 1
                else:
                    misses.append((dom, sent))

    t, k = sum(total.values()), sum(kept.values())
    if t == 0:
        sys.exit("no long sentences found: check --text-field / --id-field")
    print(f"long sentences (>= {args.min_words} words) kept: {k}/{t} = {100 * k / t:.2f}%")
    for dom in sorted(total, key=lambda d: -total[d]):
        print(f"  {dom:28s} {kept[dom]:7d}/{total[dom]:<7d} {100 * kept[dom] / total[dom]:7.2f}%")
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as f:
            for dom, sent in misses:
                f.write(f"{dom}\t{sent}\n")
        print(f"lost sentences written to {args.misses}")


if __name__ == "__main__":
    main()
