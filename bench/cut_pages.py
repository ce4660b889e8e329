#!/usr/bin/env python3
"""Cuts labelled page dumps short, mid-body, so `ghirbal eval` can score extraction on pages
that end early (a scrape that kept only the head of each page, a crawl that truncated it).

For every `X.txt` with an `X.labels.tsv` (LABELING.md) in SRC, writes to DST the page cut right
after the body line at FRACTION of its body lines (0.3: about a third of the body kept), with its
labels cut alike. Pages with fewer than two body lines are skipped; gold JSON files are not
written, so titles are scored from the labels.

    python3 bench/cut_pages.py ../shared/data/dev-pages /tmp/cut30 0.3
    ghirbal eval /tmp/cut30
"""

import sys
from pathlib import Path


def cut(src: Path, dst: Path, fraction: float) -> int:
    dst.mkdir(parents=True, exist_ok=True)
    written = 0
    for txt in sorted(src.glob("*.txt")):
        labels = txt.with_name(txt.name[: -len(".txt")] + ".labels.tsv")
        if not labels.exists():
            continue
        lines = txt.read_bytes().split(b"\n")
        header, *rows = labels.read_text(encoding="utf-8").rstrip("\n").split("\n")
        body = [i for i, r in enumerate(rows) if r.split("\t")[2] == "body"]
        if len(body) < 2:
            continue
        end = body[min(len(body) - 1, int(len(body) * fraction))] + 1
        (dst / txt.name).write_bytes(b"\n".join(lines[:end]) + b"\n")
        # The cut page ends with a newline: its last element is an empty (blank) line.
        kept = rows[:end] + [f"{end + 1}\t0\tblank"]
        (dst / labels.name).write_text(header + "\n" + "\n".join(kept) + "\n", encoding="utf-8")
        written += 1
    return written


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    n = cut(Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3]))
    print(f"{n} pages cut into {sys.argv[2]}")


if __name__ == "__main__":
    main()
