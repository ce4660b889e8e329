#!/usr/bin/env bash
# ghirbal vs its peers, side by side, one thread each. Writes BENCHMARKS.md at the repo root
# (rerunning replaces it). See bench/README.md.
#
#   bench/run.sh                 everything (~15 min on 2 idle cores)
#   bench/run.sh --scaling       also ghirbal scaling on generated corpora (SCALING_MB="10 100 1000")
#   bench/run.sh --replicate     also ghirbal scaling on SaudiNewsNet dev replicated with new ids
#                                (REPLICATE_X="1 2 5 10"; clean --no-dedup, one thread)
#   bench/run.sh --no-build      use the existing target/release/ghirbal
#   bench/run.sh --reuse-peers   keep peer results already in bench/out (rerun only ghirbal + report)
#   bench/run.sh --quick         peers on the first 3000 SaudiNewsNet docs only (smoke test)
# Environment: BENCH_OUT (default bench/out), BENCH_MD (default BENCHMARKS.md at the repo root), GHIRBAL_BIN (default target/release/ghirbal; with it
# set, no build), GHIRBAL_SHARED (default ../shared beside the checkout).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
B="$ROOT/bench"
OUT="${BENCH_OUT:-$B/out}"
PY="$B/.venv/bin/python"
GH="${GHIRBAL_BIN:-$ROOT/target/release/ghirbal}"
BUILD=1 SCALING=0 REPLICATE=0 REUSE=0 QUICK=0
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --scaling) SCALING=1 ;;
    --replicate) REPLICATE=1 ;;
    --reuse-peers) REUSE=1 ;;
    --quick) QUICK=1 ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
LIMIT=-1
[ "$QUICK" = 1 ] && LIMIT=3000

say() { printf '\n== %s\n' "$*" >&2; }
note() { printf '%s\n' "$*" | tee -a "$OUT/notes.txt" >&2; }

SHARED="$(python3 -c 'import sys; sys.path.insert(0,"bench/peers"); import common; print(common.SHARED)' 2>/dev/null || echo "$ROOT/../shared")"
SNN="$SHARED/data/saudinewsnet/saudinewsnet-dev.jsonl.gz"
DEV="$SHARED/data/dev-pages"
SEED="$SHARED/seed"

say "setup"
bash "$B/setup.sh" || { echo "run.sh: setup failed" >&2; exit 1; }
mkdir -p "$OUT/timings"
: > "$OUT/notes.txt"
[ -f "$SNN" ] || { echo "run.sh: $SNN not found (set GHIRBAL_SHARED)" >&2; exit 1; }

# timed NAME CMD...: runs CMD under GNU time; writes $OUT/timings/NAME.json (wall, user, sys,
# peak RSS) and returns CMD's exit code. Output of CMD goes to $OUT/timings/NAME.log.
timed() {
  local name="$1"; shift
  local tf="$OUT/timings/$name.time"
  /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" > "$OUT/timings/$name.log" 2>&1
  local rc=$?
  read -r e u s m < <(tail -n 1 "$tf")
  printf '{"name":"%s","rc":%d,"wall_s":%s,"user_s":%s,"sys_s":%s,"peak_rss_mb":%s}\n' \
    "$name" "$rc" "${e:-null}" "${u:-null}" "${s:-null}" "$(awk -v k="${m:-0}" 'BEGIN{printf "%.1f", k/1024}')" \
    > "$OUT/timings/$name.json"
  return $rc
}

# ---------------------------------------------------------------- ghirbal build + capabilities
HAVE_GH=0
[ -n "${GHIRBAL_BIN:-}" ] && BUILD=0
if [ "$BUILD" = 1 ]; then
  say "cargo build --release -p ghirbal-cli"
  if command -v cargo >/dev/null && cargo build --release -p ghirbal-cli >"$OUT/build.log" 2>&1; then :; else
    note "ghirbal release build failed (see bench/out/build.log): ghirbal sections skipped"
  fi
fi
[ -x "$GH" ] && HAVE_GH=1
has() { [ "$HAVE_GH" = 1 ] && "$GH" "$1" --help >/dev/null 2>&1; }
has_flag() { "$GH" "$1" --help 2>/dev/null | grep -q -- "$2"; }
[ "$HAVE_GH" = 1 ] && "$GH" --version > "$OUT/ghirbal-version.txt" 2>&1

# ---------------------------------------------------------------- inputs
say "inputs"
mkdir -p "$OUT/inputs"
# The same documents for both sides: SaudiNewsNet with id = url and text = content.
if [ ! -s "$OUT/inputs/saudinewsnet.ids.txt" ] || [ "$QUICK" = 1 ]; then
  "$PY" - "$SNN" "$OUT/inputs/saudinewsnet.jsonl.gz" "$LIMIT" <<'PY'
import gzip, json, sys
src, dst, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
n = 0
ids = open(dst.replace(".jsonl.gz", ".ids.txt"), "w", encoding="utf-8")
with gzip.open(src, "rt", encoding="utf-8") as f, gzip.GzipFile(dst, "wb", compresslevel=1, mtime=0) as g:
    for line in f:
        d = json.loads(line)
        if not d.get("content"):
            continue
        rec = {"id": d["url"], "url": d["url"], "source": d.get("source"), "title": d.get("title"), "text": d["content"]}
        g.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
        ids.write(d["url"] + "\n")
        n += 1
        if limit > 0 and n >= limit:
            break
ids.close()
print(f"inputs: {n} documents", file=sys.stderr)
PY
fi
INPUT="$OUT/inputs/saudinewsnet.jsonl.gz"
GEN="$OUT/corpora/seed1-10mb"
if [ ! -f "$GEN/manifest.json" ]; then
  timed gen_10mb python3 "$B/gen_pages.py" --seed 1 --size-mb 10 --out "$GEN" --pages-dir "$GEN/pages" --pages-max 40 \
    || note "generator failed (see bench/out/timings/gen_10mb.log)"
fi

# ---------------------------------------------------------------- extraction
say "extraction: peers"
if [ "$REUSE" = 0 ] || [ ! -f "$OUT/extract/extract_peers.json" ]; then
  "$PY" "$B/peers/extract_peers.py" "$DEV" "$SEED" --out "$OUT/extract" --repeat 5
  "$PY" "$B/peers/extract_peers.py" "$GEN/pages" --out "$OUT/extract-gen" --repeat 1
fi
for p in jusText trafilatura; do
  python3 "$B/peers/score.py" --pred "$OUT/extract/$p" "$DEV" "$SEED" --json > "$OUT/extract/score-$p.json"
  python3 "$B/peers/score.py" --pred "$OUT/extract-gen/$p" "$GEN/pages" --json > "$OUT/extract-gen/score-$p.json"
done

say "extraction: ghirbal"
if has extract; then
  for set in extract extract-gen; do
    if [ "$set" = extract ]; then pages=("$DEV"/*.txt "$SEED"/*.txt); else pages=("$GEN"/pages/*.txt); fi
    mkdir -p "$OUT/$set/ghirbal"
    # One process per page (includes process start-up); the JSON goes where score.py looks.
    cat > "$OUT/$set/ghirbal-loop.sh" <<EOF
set -e
for f in ${pages[*]}; do b=\$(basename "\$f" .txt); "$GH" extract --format json "\$f" > "$OUT/$set/ghirbal/\$b.json"; done
EOF
    timed "ghirbal_$set" bash "$OUT/$set/ghirbal-loop.sh" || note "ghirbal extract failed on $set (bench/out/timings/ghirbal_$set.log)"
    echo "${#pages[@]}" > "$OUT/$set/ghirbal-pages.txt"
    gold=("$DEV" "$SEED"); [ "$set" = extract-gen ] && gold=("$GEN/pages")
    python3 "$B/peers/score.py" --pred "$OUT/$set/ghirbal" "${gold[@]}" --json > "$OUT/$set/score-ghirbal.json" \
      || note "scoring ghirbal's $set output failed"
  done
  if has eval; then
    timed ghirbal_eval_dev "$GH" eval "$DEV" --json || note "ghirbal eval $DEV failed (bench/out/timings/ghirbal_eval_dev.log)"
  else
    note "ghirbal eval not available yet"
  fi
else
  note "ghirbal extract not available yet"
fi

# ---------------------------------------------------------------- filtering
say "filtering: datatrove (FineWeb-2 arb_Arab)"
if [ "$REUSE" = 0 ] || [ ! -f "$OUT/filter/filter_peers.json" ]; then
  "$PY" "$B/peers/filter_peers.py" "$INPUT" --text-key text --id-key id --out "$OUT/filter" 2> "$OUT/filter.log" \
    || note "filter peer failed (bench/out/filter.log)"
  tail -n 1 "$OUT/filter.log" >&2
fi
say "filtering: ghirbal"
if has clean && has_flag clean --preset; then
  args=(clean "$INPUT" -o "$OUT/ghirbal-filter" --preset fineweb2-arb)
  has_flag clean --threads && args+=(--threads 1)
  has_flag clean --no-dedup && args+=(--no-dedup)
  rm -rf "$OUT/ghirbal-filter"
  timed ghirbal_filter "$GH" "${args[@]}" || note "ghirbal clean --preset fineweb2-arb failed (bench/out/timings/ghirbal_filter.log)"
  "$PY" "$B/compare.py" filter --peer "$OUT/filter/decisions.tsv" --ghirbal "$OUT/ghirbal-filter" \
    --json "$OUT/compare-filter.json" > /dev/null || note "filter comparison failed"
  # The same run with templates learned from every record (the default samples each site).
  if has_flag clean --survey-sample; then
    rm -rf "$OUT/ghirbal-filter-all"
    qargs=(clean "$INPUT" -o "$OUT/ghirbal-filter-all" --preset fineweb2-arb --threads 1 --no-dedup --survey-sample 0)
    timed ghirbal_filter_all "$GH" "${qargs[@]}" \
      || note "ghirbal clean --survey-sample 0 failed (bench/out/timings/ghirbal_filter_all.log)"
  fi
else
  note "ghirbal clean --preset fineweb2-arb not available yet"
fi

# ---------------------------------------------------------------- near-dup
say "near-dup: datatrove MinHash"
if [ "$REUSE" = 0 ] || [ ! -f "$OUT/minhash/minhash_peers.json" ]; then
  "$PY" "$B/peers/minhash_peers.py" "$INPUT" --text-key text --id-key id --out "$OUT/minhash" 2> "$OUT/minhash.log" \
    || note "minhash peer failed (bench/out/minhash.log)"
  tail -n 1 "$OUT/minhash.log" >&2
  "$PY" "$B/peers/minhash_peers.py" "$GEN/pages.jsonl.gz" --text-key text --id-key id --out "$OUT/minhash-gen" 2> "$OUT/minhash-gen.log" \
    || note "minhash peer on the generated corpus failed"
  "$PY" "$B/compare.py" recall --truth "$GEN/dups.tsv" --pairs "$OUT/minhash-gen/pairs.tsv" --json "$OUT/recall-minhash-gen.json" > /dev/null
fi
say "near-dup: ghirbal"
if has clean; then
  args=(clean "$INPUT" -o "$OUT/ghirbal-dedup")
  has_flag clean --threads && args+=(--threads 1)
  rm -rf "$OUT/ghirbal-dedup"
  timed ghirbal_clean "$GH" "${args[@]}" || note "ghirbal clean failed (bench/out/timings/ghirbal_clean.log)"
  "$PY" "$B/compare.py" dups --peer "$OUT/minhash/pairs.tsv" --ghirbal "$OUT/ghirbal-dedup" --ids "$OUT/inputs/saudinewsnet.ids.txt" \
    --json "$OUT/compare-dups.json" > /dev/null || note "dup comparison failed"
  args=(clean "$GEN/pages.jsonl.gz" -o "$OUT/ghirbal-gen")
  has_flag clean --threads && args+=(--threads 1)
  rm -rf "$OUT/ghirbal-gen"
  if timed ghirbal_clean_gen "$GH" "${args[@]}"; then
    "$PY" "$B/compare.py" pairs --ghirbal "$OUT/ghirbal-gen" --out "$OUT/ghirbal-gen-pairs.tsv" \
      && "$PY" "$B/compare.py" recall --truth "$GEN/dups.tsv" --pairs "$OUT/ghirbal-gen-pairs.tsv" \
           --json "$OUT/recall-ghirbal-gen.json" > /dev/null \
      || note "no duplicate clusters found in ghirbal's output on the generated corpus"
  else
    note "ghirbal clean on the generated corpus failed (bench/out/timings/ghirbal_clean_gen.log)"
  fi
else
  note "ghirbal clean not available yet"
fi

# ---------------------------------------------------------------- scaling (optional)
if [ "$SCALING" = 1 ]; then
  say "scaling"
  for mb in ${SCALING_MB:-10 100 1000}; do
    c="$OUT/corpora/scale-${mb}mb"
    [ -f "$c/manifest.json" ] || timed "gen_${mb}mb" python3 "$B/gen_pages.py" --seed 7 --size-mb "$mb" --out "$c" --no-gold
    if has clean; then
      args=(clean "$c/pages.jsonl.gz" -o "$OUT/scale-out")
      has_flag clean --threads && args+=(--threads 1)
      rm -rf "$OUT/scale-out"
      timed "ghirbal_scale_${mb}mb" "$GH" "${args[@]}" || note "ghirbal clean failed at ${mb} MB"
      rm -rf "$OUT/scale-out"
    fi
  done
  has clean || note "ghirbal clean not available yet: scaling skipped"
fi

# ---------------------------------------------------------------- replicated corpus (optional)
# The issue's linearity check: the dev corpus N times over, each copy with new ids (same URLs,
# so the same sites), through `clean --no-dedup` on one thread. Time and peak memory per N, and
# the survey's per-site statistics (`survey_state_bytes` in stats.json), which the sample keeps
# from growing with N.
if [ "$REPLICATE" = 1 ]; then
  say "replicated corpus"
  # Only this run's copies are reported.
  rm -f "$OUT"/timings/ghirbal_replicate_*x.*
  if has clean; then
    for x in ${REPLICATE_X:-1 2 5 10}; do
      c="$OUT/corpora/sn-x$x.jsonl.gz"
      # (rebuilt when the input is newer: a --quick run writes a smaller one)
      if [ ! -s "$c" ] || [ "$INPUT" -nt "$c" ]; then
        "$PY" - "$INPUT" "$c" "$x" <<'PY'
import gzip, json, os, sys
src, dst, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
with gzip.open(src, "rt", encoding="utf-8") as f:
    recs = [json.loads(l) for l in f]
with gzip.GzipFile(dst + ".tmp", "wb", compresslevel=1, mtime=0) as g:
    for k in range(times):
        for r in recs:
            r = dict(r, id=f"{r['id']}#{k}")
            g.write((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8"))
os.replace(dst + ".tmp", dst)
print(f"replicated x{times}: {times * len(recs)} documents", file=sys.stderr)
PY
      fi
      rm -rf "$OUT/replicate-out"
      mkdir -p "$OUT/replicate"
      rm -f "$OUT/replicate/ghirbal_replicate_${x}x.stats.json"
      if timed "ghirbal_replicate_${x}x" "$GH" clean "$c" -o "$OUT/replicate-out" --no-dedup --threads 1 --quiet; then
        cp "$OUT/replicate-out/stats.json" "$OUT/replicate/ghirbal_replicate_${x}x.stats.json"
      else
        note "ghirbal clean failed on the corpus replicated x$x"
      fi
      rm -rf "$OUT/replicate-out"
    done
  else
    note "ghirbal clean not available yet: replicated corpus skipped"
  fi
fi

# ---------------------------------------------------------------- report
say "report"
MD="${BENCH_MD:-$ROOT/BENCHMARKS.md}"
"$PY" "$B/report.py" --out "$OUT" --md "$MD" && echo "run.sh: wrote $MD" >&2
