#!/bin/sh
# Headless-Chromium check of report.html (run by CI; needs Debian's `chromium`).
#
#   report_check.sh [REPORT_HTML_OR_OUT_DIR] [SCREENSHOT_PNG]
#
# Without an argument, cleans the dev corpus (GHIRBAL_DEV_CORPUS, default
# ../shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz) with $GHIRBAL (default
# target/release/ghirbal, else target/debug/ghirbal) into target/report-check and checks its
# report. Fails on any console message, on a missing section, when the Arabic sample lines are
# not laid out right-to-left, or when the page has no sample lines; saves a full-page screenshot
# (default target/report-screenshot.png).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
cd "$root"

bin=${GHIRBAL:-}
if [ -z "$bin" ]; then
  if [ -x target/release/ghirbal ]; then bin=target/release/ghirbal; else bin=target/debug/ghirbal; fi
fi
target=${1:-}
shot=${2:-target/report-screenshot.png}
if [ -z "$target" ]; then
  corpus=${GHIRBAL_DEV_CORPUS:-}
  if [ -z "$corpus" ]; then
    for c in ../shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz ../../shared/data/saudinewsnet/saudinewsnet-dev.jsonl.gz; do
      if [ -f "$c" ]; then corpus=$c; break; fi
    done
  fi
  [ -n "$corpus" ] || { echo "report_check: dev corpus not found (set GHIRBAL_DEV_CORPUS)" >&2; exit 2; }
  target=target/report-check
  "$bin" clean -q "$corpus" -o "$target"
fi
if [ -d "$target" ]; then
  [ -f "$target/report.html" ] || "$bin" report -q "$target"
  html="$target/report.html"
else
  html=$target
fi
[ -f "$html" ] || { echo "report_check: no report at $html" >&2; exit 2; }
html=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")

browser=${CHROMIUM:-chromium}
command -v "$browser" >/dev/null 2>&1 || { echo "report_check: $browser not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
run_browser() {
  profile=$1; shift
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile-$profile" --enable-logging=stderr --v=0 "$@"
}

# 1. The report as is: any console message (errors, uncaught exceptions, blocked loads) fails.
run_browser a --dump-dom "file://$html" >"$work/dom.html" 2>"$work/log.txt" || {
  cat "$work/log.txt" >&2; echo "report_check: chromium failed" >&2; exit 1; }
if grep -q ':CONSOLE' "$work/log.txt"; then
  grep ':CONSOLE' "$work/log.txt" >&2
  echo "report_check: FAIL: console messages" >&2
  exit 1
fi
grep -q '<section id="samples"' "$work/dom.html" || { echo "report_check: FAIL: DOM not rendered" >&2; exit 1; }

# 2. A copy with a checker script: sections, right-to-left Arabic samples, page height.
cp "$html" "$work/check.html"
cat >>"$work/check.html" <<'JS'
<script>
(function(){
  var bad=[];
  window.addEventListener('error',function(e){bad.push('error:'+e.message);});
  ['overview','rejections','domains','lengths','clusters','languages','samples'].forEach(function(id){
    if(!document.getElementById(id))bad.push('missing section '+id);});
  if(!document.querySelector('svg rect'))bad.push('no chart');
  var ar=/[\u0600-\u06FF]/g, la=/[A-Za-z]/g, n=0;
  // Text that is mostly Arabic (sample lines, article titles and texts, cluster titles) must be
  // laid out right-to-left.
  document.querySelectorAll('ol.lines li, .article h4, .article > div:not(.status), #clusters bdi').forEach(function(el){
    var t=el.textContent, a=(t.match(ar)||[]).length, l=(t.match(la)||[]).length;
    if(a===0||a<=l)return;
    n++;
    if(getComputedStyle(el).direction!=='rtl')bad.push('not rtl: '+el.textContent.slice(0,40));
  });
  if(n===0)bad.push('no Arabic sample text');
  var w=document.documentElement.scrollWidth, vw=window.innerWidth;
  if(w>vw+2)bad.push('horizontal overflow '+w+'>'+vw);
  document.body.setAttribute('data-check', bad.length?('FAIL '+bad.slice(0,10).join(' | ')):('PASS '+n));
  document.body.setAttribute('data-height', String(document.documentElement.scrollHeight));
})();
</script>
JS
run_browser b --window-size=1280,1000 --dump-dom "file://$work/check.html" >"$work/check-dom.html" 2>"$work/log2.txt" || true
verdict=$(sed -n 's/.*data-check="\([^"]*\)".*/\1/p' "$work/check-dom.html" | head -n 1)
height=$(sed -n 's/.*data-height="\([0-9]*\)".*/\1/p' "$work/check-dom.html" | head -n 1)
case "$verdict" in
  PASS*) echo "report_check: $verdict Arabic elements right-to-left, all sections present";;
  *) echo "report_check: FAIL: ${verdict:-checker did not run}" >&2; exit 1;;
esac

# 3. Full-page screenshot (height from the page, capped).
height=${height:-4000}; echo "report_check: page height ${height}px"
[ "$height" -gt 30000 ] && height=30000
mkdir -p "$(dirname "$shot")"
run_browser c --window-size=1280,"$height" --screenshot="$shot" "file://$html" >/dev/null 2>"$work/log3.txt" || {
  cat "$work/log3.txt" >&2; echo "report_check: screenshot failed" >&2; exit 1; }
[ -s "$shot" ] || { echo "report_check: no screenshot written" >&2; exit 1; }
echo "report_check: screenshot $shot (1280x$height), report $(wc -c <"$html") bytes"
