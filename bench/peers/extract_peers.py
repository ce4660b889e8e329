#!/usr/bin/env python3
"""Extraction peers: jusText and trafilatura on ghirbal's page dumps (text, not HTML).

Each page dump `X.txt` is given to the HTML extractors as the fairest HTML we can build from a text
dump: one `<p>` per non-blank line, HTML-escaped, inside `<html lang="ar" dir="rtl"><body>`. No
`<title>`, no headings, no links: the dump has none of that structure.

- jusText 3.0.2, Arabic stoplist, default parameters (length_low=70, length_high=200,
  stopwords_low=0.30, stopwords_high=0.32, max_link_density=0.2). A paragraph that is not
  boilerplate is body.
- trafilatura, default settings (`bare_extraction(html, with_metadata=True)`: favor_precision and
  favor_recall both off, fallbacks on, comments and tables included). Its text output is split into
  lines; its `title` is taken as the article title.

Mapping back: a dump line is predicted body if its whitespace-normalised text is among the
extractor's whitespace-normalised output paragraphs/lines (set membership: a line printed twice is
body twice if the extractor kept one copy).

Writes one Extraction JSON per page and extractor in ghirbal's `extract` schema under
OUT/<extractor>/X.json, and OUT/extract_peers.json with timings. Timings are single-threaded, the
extractor call only (HTML building excluded), best of --repeat runs over the whole set.

    bench/.venv/bin/python bench/peers/extract_peers.py [PAGES_DIR_OR_FILE ...] --out bench/out/extract
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEV_PAGES, log, norm_ws, split_lines, write_json  # noqa: E402

import justext  # noqa: E402
import trafilatura  # noqa: E402


def page_html(lines: list[str]) -> str:
    """One `<p>` per non-blank line, escaped."""
    parts = ['<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"></head><body>']
    for ln in lines:
        if ln.strip():
            parts.append("<p>" + html.escape(ln.strip(), quote=False) + "</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


class JusText:
    name = "jusText"

    def __init__(self) -> None:
        self.stoplist = justext.get_stoplist("Arabic")

    def run(self, doc: str):
        paras = justext.justext(doc, self.stoplist)
        kept = [p.text for p in paras if not p.is_boilerplate]
        return kept, None


class Trafilatura:
    name = "trafilatura"

    def run(self, doc: str):
        res = trafilatura.bare_extraction(doc, with_metadata=True)
        if res is None:
            return [], None
        text = getattr(res, "text", None) or ""
        title = getattr(res, "title", None)
        return [t for t in text.split("\n") if t.strip()], (norm_ws(title) if title else None)


def to_extraction(source: str, lines: list[str], kept: list[str], title, reason: str) -> dict:
    keep = {norm_ws(k) for k in kept if norm_ws(k)}
    labels = []
    body = []
    for i, ln in enumerate(lines, start=1):
        if not ln.strip():
            labels.append({"n": i, "role": "blank", "article": 0, "reason": reason})
        elif norm_ws(ln) in keep:
            labels.append({"n": i, "role": "body", "article": 1, "reason": reason})
            body.append((i, ln.strip()))
        else:
            labels.append({"n": i, "role": "boilerplate", "article": 0, "reason": reason})
    articles = []
    if body or title:
        first = body[0][0] if body else 1
        last = body[-1][0] if body else 1
        articles.append(
            {
                "title": title,
                "byline": None,
                "date": None,
                "captions": [],
                "body": [t for _, t in body],
                "related": [],
                "lines": [first, last],
            }
        )
    return {"schema": 1, "source": source, "publisher": None, "articles": articles, "lines": labels}


def collect(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.glob("*.txt")))
        elif p.suffix == ".txt":
            out.append(p)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", nargs="*", type=Path, help=f"page dirs or X.txt files (default {DEV_PAGES})")
    ap.add_argument("--out", type=Path, default=Path("bench/out/extract"))
    ap.add_argument("--repeat", type=int, default=3, help="timing runs; the best is reported")
    ap.add_argument("--only", choices=["jusText", "trafilatura"], action="append")
    a = ap.parse_args()

    files = collect(a.pages or [DEV_PAGES])
    if not files:
        log("extract_peers: no X.txt pages found")
        return 1
    pages = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        lines = split_lines(text)
        pages.append((f, lines, page_html(lines), len(text.encode("utf-8"))))
    total_bytes = sum(p[3] for p in pages)

    peers = [JusText(), Trafilatura()]
    if a.only:
        peers = [p for p in peers if p.name in a.only]
    report = {"pages": len(pages), "bytes": total_bytes, "inputs": [str(p) for p in (a.pages or [DEV_PAGES])], "peers": {}}
    for peer in peers:
        results = None
        runs = []
        cpus = []
        for _ in range(max(1, a.repeat)):
            t0 = time.perf_counter()
            c0 = time.process_time()
            res = [peer.run(doc) for (_, _, doc, _) in pages]
            runs.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            results = res
        best = min(runs)
        best_cpu = min(cpus)
        for (f, lines, _, _), (kept, title) in zip(pages, results):
            stem = f.name[: -len(".txt")]
            ext = to_extraction(f.name, lines, kept, title, f"peer:{peer.name}")
            write_json(a.out / peer.name / (stem + ".json"), ext)
        report["peers"][peer.name] = {
            "seconds_runs": runs,
            "seconds_best": best,
            "cpu_seconds_runs": cpus,
            "cpu_seconds_best": best_cpu,
            "pages_per_cpu_s": len(pages) / best_cpu if best_cpu > 0 else None,
            "pages_per_s": len(pages) / best if best > 0 else None,
            "mb_per_s": total_bytes / 1e6 / best if best > 0 else None,
        }
        log(f"extract_peers: {peer.name}: {len(pages)} pages in {best:.3f}s (best of {len(runs)}; {best_cpu:.3f}s CPU) = {len(pages)/best:.1f} pages/s")
    report["versions"] = {"justext": _ver("justext"), "trafilatura": trafilatura.__version__}
    write_json(a.out / "extract_peers.json", report)
    return 0


def _ver(mod: str) -> str:
    from importlib.metadata import version

    try:
        return version(mod)
    except Exception:  # noqa: BLE001
        return "?"


if __name__ == "__main__":
    sys.exit(main())
