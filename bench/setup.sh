#!/usr/bin/env bash
# Builds the pinned peer environment in bench/.venv (datatrove, trafilatura, jusText and what they
# need). Idempotent: does nothing when the venv already matches requirements.txt.
# Also makes sure GNU time (/usr/bin/time -v, for peak RSS) is installed: `apt-get install time`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
req="$here/requirements.txt"
py="${PYTHON:-python3}"

if [ ! -x /usr/bin/time ]; then
  echo "setup: installing GNU time (for peak RSS)" >&2
  if command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq time >/dev/null
  else
    echo "setup: /usr/bin/time missing and no apt-get; peak RSS will come from psutil only" >&2
  fi
fi

stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "setup: $venv is up to date" >&2
  exit 0
fi

"$py" - <<'PY'
import sys
if sys.version_info[:2] < (3, 10):
    sys.exit(f"setup: Python >= 3.10 needed (datatrove 0.10.1), found {sys.version.split()[0]}")
PY
[ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -r "$req"
"$venv/bin/python" -c "import datatrove, trafilatura, justext, lxml_html_clean, spacy, orjson, tokenizers, xxhash, psutil, zstandard" \
  || { echo "setup: import check failed" >&2; exit 1; }
echo "$want" > "$stamp"
echo "setup: $venv ready" >&2
