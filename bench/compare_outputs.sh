#!/usr/bin/env bash
# Byte-compares two `ghirbal clean` output directories: every .jsonl.zst output decompressed,
# templates.json and config.json as they are, and stats.json without the fields that measure the
# run (timings, survey_state_bytes). Prints OK, or the files that differ (with the start of the
# stats.json diff). Use it to show an optimization changes no output byte:
#
#   ghirbal clean --threads 1 --quiet -o /tmp/before INPUT   # old binary
#   ghirbal clean --threads 1 --quiet -o /tmp/after INPUT    # new binary
#   bench/compare_outputs.sh /tmp/before /tmp/after
set -u
if [ $# -ne 2 ]; then
  sed -n 2,9p "$0"
  exit 2
fi
ref=$1
new=$2
bad=0
for f in articles rejects clusters samples; do
  if [ -e "$ref/$f.jsonl.zst" ] || [ -e "$new/$f.jsonl.zst" ]; then
    if ! cmp -s <(zstd -dc "$ref/$f.jsonl.zst" 2>/dev/null) <(zstd -dc "$new/$f.jsonl.zst" 2>/dev/null); then
      echo "DIFF $f.jsonl.zst"
      bad=1
    fi
  fi
done
for f in templates.json config.json; do
  cmp -s "$ref/$f" "$new/$f" || { echo "DIFF $f"; bad=1; }
done
strip='import json, sys
s = json.load(open(sys.argv[1]))
for k in ("timings", "survey_state_bytes", "throughput"):
    s.pop(k, None)
print(json.dumps(s, sort_keys=True, indent=1))'
if ! cmp -s <(python3 -c "$strip" "$ref/stats.json") <(python3 -c "$strip" "$new/stats.json"); then
  echo "DIFF stats.json (without timings)"
  diff <(python3 -c "$strip" "$ref/stats.json") <(python3 -c "$strip" "$new/stats.json") | head -20
  bad=1
fi
[ $bad = 0 ] && echo OK
exit $bad
