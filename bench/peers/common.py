"""Small helpers shared by the peer scripts (no third-party imports here)."""

from __future__ import annotations

import json
import os
import resource
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _find_shared() -> Path:
    """`../shared` beside the checkout; for a worktree nested deeper, the nearest ancestor's
    `shared/`. `GHIRBAL_SHARED` overrides."""
    env = os.environ.get("GHIRBAL_SHARED")
    if env:
        return Path(env).resolve()
    for anc in REPO_ROOT.parents:
        cand = anc / "shared"
        if (cand / "data").is_dir():
            return cand.resolve()
    return (REPO_ROOT / ".." / "shared").resolve()


SHARED = _find_shared()
SAUDINEWSNET = SHARED / "data" / "saudinewsnet" / "saudinewsnet-dev.jsonl.gz"
DEV_PAGES = SHARED / "data" / "dev-pages"
SEED = SHARED / "seed"


def norm_ws(s: str) -> str:
    """Whitespace normalisation used for every text comparison: split on any Unicode whitespace
    (NBSP included) and join with one space."""
    return " ".join(s.split())


def split_lines(text: str) -> list[str]:
    """Lines exactly as LABELING.md numbers them: `text.split('\\n')`, 1-based by position.
    A trailing `\\r` is dropped so CRLF dumps number the same way."""
    return [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]


def peak_rss_mb() -> float:
    """Peak resident set size of this process (and of waited-for children), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0


def write_json(path: Path, obj) -> None:
    """Atomic JSON write (temp file + rename), UTF-8, not ASCII-escaped."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)
