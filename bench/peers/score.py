#!/usr/bin/env python3
"""Score predicted extractions against line-labelled page dumps, as shared/LABELING.md says.

Gold: for each page `X.txt` in the gold dirs, `X.labels.tsv` (header `line article label`, 1-based
over `text.split('\\n')`). Prediction: `X.json` in --pred, an Extraction in ghirbal's `extract`
schema (`lines[].n/role` and `articles[].title/body`).

Metrics (over non-blank lines: a line is blank if its gold label is `blank` or its text is
whitespace-only):
- line-level body precision / recall / F1: a line counts as predicted body if the prediction gives
  it role `body`; gold body = label `body`. When a prediction has no `lines` array, its
  `articles[].body` strings are matched to the page's lines in order after whitespace
  normalisation instead.
- text-level body P/R/F1: multiset of whitespace-normalised body strings (`articles[].body`) against
  the multiset of gold body lines; a cross-check that does not rely on line numbers.
- titles: gold titles are lines labelled `title`; a hit is a predicted article title equal after
  whitespace normalisation (each gold title matched at most once).
Totals are micro-averaged over pages (sums of counts), plus the macro mean F1 over pages with gold
body. Standard library only, so it runs outside the venv too.

    python3 bench/peers/score.py --pred OUT/jusText GOLD_DIR [GOLD_DIR...] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEV_PAGES, SEED, norm_ws, split_lines  # noqa: E402


def read_labels(path: Path) -> dict[int, str]:
    out: dict[int, str] = {}
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:3] != ["line", "article", "label"]:
            raise ValueError(f"{path}: unexpected header {header}")
        for row in f:
            parts = row.rstrip("\n").split("\t")
            if len(parts) < 3 or not parts[0].strip():
                continue
            out[int(parts[0])] = parts[2].strip()
    return out


def prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else None
    r = tp / ngold if ngold else None
    if ngold == 0:
        f = None  # no gold body on this page: F1 undefined (precision still counts false positives)
    elif tp == 0:
        f = 0.0  # includes "predicted nothing"
    else:
        f = 2 * p * r / (p + r)
    return {"tp": tp, "pred": npred, "gold": ngold, "precision": p, "recall": r, "f1": f}


def pages_in(dirs: list[Path]) -> list[Path]:
    pages = []
    for d in dirs:
        if d.is_file() and d.suffix == ".txt":
            pages.append(d)
            continue
        for p in sorted(d.glob("*.txt")):
            if p.with_name(p.name[: -len(".txt")] + ".labels.tsv").exists():
                pages.append(p)
    return pages


def pred_body_lines(pred: dict, lines: list[str]) -> set[int]:
    if isinstance(pred.get("lines"), list) and pred["lines"]:
        return {int(l["n"]) for l in pred["lines"] if l.get("role") == "body"}
    # No per-line roles: align article body strings to lines in order.
    out: set[int] = set()
    normed = [norm_ws(x) for x in lines]
    pos = 0
    for art in pred.get("articles") or []:
        for para in art.get("body") or []:
            t = norm_ws(para)
            for i in range(pos, len(normed)):
                if normed[i] == t:
                    out.add(i + 1)
                    pos = i + 1
                    break
    return out


def score_page(txt: Path, pred_dir: Path) -> dict:
    stem = txt.name[: -len(".txt")]
    labels = read_labels(txt.with_name(stem + ".labels.tsv"))
    lines = split_lines(txt.read_text(encoding="utf-8"))
    nonblank = {i + 1 for i, t in enumerate(lines) if t.strip() and labels.get(i + 1, "blank") != "blank"}
    gold_body = {n for n in nonblank if labels.get(n) == "body"}
    gold_titles = Counter(norm_ws(lines[n - 1]) for n, lab in labels.items() if lab == "title" and 0 < n <= len(lines))

    pred_path = pred_dir / (stem + ".json")
    if not pred_path.exists():
        return {"page": stem, "missing": True}
    try:
        pred = json.loads(pred_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {"page": stem, "missing": True, "invalid": True}
    if not isinstance(pred, dict):
        return {"page": stem, "missing": True, "invalid": True}
    pbody = pred_body_lines(pred, lines) & nonblank
    line = prf(len(pbody & gold_body), len(pbody), len(gold_body))

    gold_text = Counter(norm_ws(lines[n - 1]) for n in gold_body)
    pred_text = Counter(
        norm_ws(p) for a in pred.get("articles") or [] for p in a.get("body") or [] if norm_ws(p)
    )
    text = prf(sum((gold_text & pred_text).values()), sum(pred_text.values()), sum(gold_text.values()))

    pred_titles = Counter(norm_ws(a["title"]) for a in pred.get("articles") or [] if a.get("title"))
    title_hits = sum((gold_titles & pred_titles).values())
    return {
        "page": stem,
        "nonblank": len(nonblank),
        "line": line,
        "text": text,
        "titles": {"hits": title_hits, "gold": sum(gold_titles.values()), "pred": sum(pred_titles.values())},
    }


def score(pred_dir: Path, gold_dirs: list[Path]) -> dict:
    pages = [score_page(p, pred_dir) for p in pages_in(gold_dirs)]
    scored = [p for p in pages if not p.get("missing")]
    tot = {}
    for k in ("line", "text"):
        tp = sum(p[k]["tp"] for p in scored)
        npred = sum(p[k]["pred"] for p in scored)
        ngold = sum(p[k]["gold"] for p in scored)
        tot[k] = prf(tp, npred, ngold)
    f1s = [p["line"]["f1"] for p in scored if p["line"]["gold"] and p["line"]["f1"] is not None]
    tot["line_macro_f1"] = sum(f1s) / len(f1s) if f1s else None
    tot["titles"] = {k: sum(p["titles"][k] for p in scored) for k in ("hits", "gold", "pred")}
    tot["pages"] = len(scored)
    tot["missing"] = [p["page"] for p in pages if p.get("missing")]
    return {"pred": str(pred_dir), "pages": pages, "total": tot}


def fmt(x) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def print_table(res: dict, out=sys.stdout) -> None:
    print(f"# {res['pred']}", file=out)
    print(f"{'page':40} {'P':>6} {'R':>6} {'F1':>6}  tp/pred/gold   titles", file=out)
    for p in res["pages"]:
        if p.get("missing"):
            print(f"{p['page']:40} ({'invalid' if p.get('invalid') else 'no'} prediction)", file=out)
            continue
        l = p["line"]
        t = p["titles"]
        print(
            f"{p['page']:40} {fmt(l['precision']):>6} {fmt(l['recall']):>6} {fmt(l['f1']):>6}  "
            f"{l['tp']}/{l['pred']}/{l['gold']}   {t['hits']}/{t['gold']}",
            file=out,
        )
    t = res["total"]
    l = t["line"]
    print(
        f"{'TOTAL (micro)':40} {fmt(l['precision']):>6} {fmt(l['recall']):>6} {fmt(l['f1']):>6}  "
        f"{l['tp']}/{l['pred']}/{l['gold']}   {t['titles']['hits']}/{t['titles']['gold']}  macro-F1 {fmt(t['line_macro_f1'])}",
        file=out,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", required=True, type=Path, help="directory of X.json predictions")
    ap.add_argument("gold", nargs="*", type=Path, help="dirs (or X.txt files) with X.labels.tsv gold")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    a = ap.parse_args()
    gold = a.gold or [DEV_PAGES, SEED]
    res = score(a.pred, gold)
    if a.json:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_table(res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
