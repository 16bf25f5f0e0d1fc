#!/usr/bin/env bash
# Check the review pages (`--format html`) in a real browser: headless Chromium renders the
# seeds' pages, a MAC-Dev chapter's and (when the evaluation data is there) the Bible's, and a
# checker injected into a copy of each page (scripts/review_check.js) verifies the rendered DOM:
# every sentence present, in order, once; a plot point per link; the score colours of rows,
# points and legend; the doubt controls and the plot's clicks; load and scroll times. The
# index page is checked for its rows, links and sorting. Screenshots of every page are written
# to $out/shots/ (default target/review-check/shots/) for a person to look at.
#
# The Bible page must be laid out within 2 s of navigation (REVIEW_MAX_LOAD_MS to change).
#
# Needs Chromium (Debian: apt-get install chromium; or set CHROMIUM) and python3. Without them
# it says so and exits 0, like scripts/eval.sh without its data. Without ../shared/eval the
# MAC-Dev chapter is replaced by the repository's own small set (tests/data/eval/set).
#
# Usage: scripts/review_check.sh
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [[ -z "$browser" ]]; then
    echo "review check skipped: no Chromium found (apt-get install chromium, or set CHROMIUM)" >&2
    exit 0
fi
if ! command -v python3 > /dev/null; then
    echo "review check skipped: python3 not found" >&2
    exit 0
fi
cd "$repo"
build_release
out="${REVIEW_CHECK_DIR:-$repo/target/review-check}"
max_load_ms="${REVIEW_MAX_LOAD_MS:-2000}"
rm -rf "$out"
mkdir -p "$out/shots" "$out/check"
profiles="$(mktemp -d)"
trap 'rm -rf "$profiles"' EXIT
failed=0

# Headless Chromium, offline and with a new empty profile each time.
chromium_run() {
    local profile
    profile="$(mktemp -d "$profiles/p.XXXXXX")"
    timeout 300 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2> "$profile.stderr"
}

screenshot() { # PAGE NAME
    chromium_run --window-size=1400,1000 --screenshot="$out/shots/$2.png" "file://$1" > /dev/null
    echo "  screenshot: $out/shots/$2.png"
}

# Milliseconds from navigation to the page laid out, measured on a copy holding nothing but the
# page and a few lines of timing (the checking copy carries the expected sentences, a megabyte
# of JSON for the Bible, which would be timed too).
load_ms() { # PAGE COPY
    python3 - "$1" "$2" <<'PY'
import sys
page, copy = sys.argv[1:3]
html = open(page, encoding="utf-8").read()
timing = ("<script>addEventListener('load', function () { document.documentElement.scrollHeight;"
          " var pre = document.createElement('pre'); pre.textContent = 'LOAD-MS ' +"
          " Math.round(performance.now()) + ' END'; document.body.appendChild(pre); });</script></body>")
open(copy, "w", encoding="utf-8").write(html.replace("</body>", timing, 1))
PY
    chromium_run --dump-dom "file://$2" | grep -o 'LOAD-MS [0-9]* END' | cut -d' ' -f2
}

# Check one page: NAME PAGE --lines|--xml ZH EN [MAX_LOAD_MS]
check_page() {
    local name="$1" page="$2" mode="$3" zh="$4" en="$5" max="${6:-}" copy verdict loaded
    copy="$out/check/$name.html"
    loaded="$(load_ms "$page" "$out/check/$name-timing.html")"
    python3 scripts/review_inject.py "$page" "$copy" scripts/review_check.js "$mode" "$zh" "$en"
    verdict="$(chromium_run --dump-dom "file://$copy" | grep -o 'REVIEW-CHECK {.*} END' || true)"
    verdict="${verdict#REVIEW-CHECK }"
    verdict="${verdict% END}"
    if [[ -z "$verdict" ]]; then
        echo "FAIL $name: the checker did not report (page did not load?)"
        failed=1
        return
    fi
    if python3 - "$verdict" "$max" "${loaded:-}" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
limit = int(sys.argv[2]) if sys.argv[2] else None
loaded = int(sys.argv[3]) if sys.argv[3] else None
if loaded is None:
    r["failures"].append("the timing copy did not report")
elif limit is not None and loaded > limit:
    r["failures"].append(f"laid out {loaded} ms after navigation, over {limit} ms")
print(("ok  " if not r["failures"] else "FAIL"),
      f"{r.get('rows')} links, {r.get('zh_sentences')} zh + {r.get('en_sentences')} en sentences,",
      f"{r.get('plot_points')} plot points, bands {r.get('bands')}, {r.get('doubtful')} doubtful;",
      f"laid out {loaded} ms after navigation ({r.get('ready_ms')} ms with the checker's data),",
      f"slowest scroll step {r.get('slowest_scroll_step_ms')} ms")
for f in r["failures"]:
    print("   ", f)
sys.exit(1 if r["failures"] else 0)
PY
    then :; else failed=1; fi
    screenshot "$page" "$name"
    # The same page with its confident links hidden, as a reviewer would use it. (Headless
    # screenshots of a page scrolled to a #fragment come out blank, so this is how a shot of
    # the doubtful links far down a long document is taken.)
    python3 - "$page" "$out/check/$name-doubtful.html" <<'PY'
import sys
page, copy = sys.argv[1:3]
html = open(page, encoding="utf-8").read()
hide = ("<script>addEventListener('load', function () { var h = document.getElementById('hide');"
        " h.checked = true; h.dispatchEvent(new Event('change')); });</script></body>")
open(copy, "w", encoding="utf-8").write(html.replace("</body>", hide, 1))
PY
    screenshot "$out/check/$name-doubtful.html" "$name-doubtful"
}

echo "== seeds (corpus --format html,intertext)"
"$bin" corpus seeds -o "$out/seeds" --format html,intertext --quiet
for page in "$out"/seeds/review/*.html; do
    doc="$(basename "$page" .html)"
    [[ "$doc" == index ]] && continue
    echo "$doc:"
    check_page "seed-$doc" "$page" --xml "$out/seeds/intertext/$doc.zh.xml" "$out/seeds/intertext/$doc.en.xml"
done

echo "== seeds' index"
index="$out/seeds/review/index.html"
cat > "$out/check/index-check.js" <<'JS'
window.addEventListener("load", function () {
  var r = { failures: [] }, body = document.querySelector("#docs tbody");
  r.rows = body.rows.length;
  r.pages = document.querySelectorAll("#docs tbody a[href$='.html']").length;
  var th = document.querySelectorAll("#docs th")[2];
  var col = function () { return Array.prototype.map.call(body.rows, function (row) { return parseFloat(row.cells[2].getAttribute("data-v")); }); };
  th.click(); var up = col(); th.click(); var down = col();
  var sorted = function (a, dir) { for (var i = 1; i < a.length; i++) if ((a[i] - a[i - 1]) * dir < 0) return false; return true; };
  if (!sorted(up, 1) || !sorted(down, -1)) r.failures.push("sorting by Chinese sentences gave " + up + " then " + down);
  var pre = document.createElement("pre"); pre.textContent = "REVIEW-CHECK " + JSON.stringify(r) + " END";
  document.body.appendChild(pre);
});
JS
python3 - "$index" "$out/check/index.html" "$out/check/index-check.js" <<'PY'
import sys
page, copy, js = sys.argv[1:4]
html = open(page, encoding="utf-8").read()
open(copy, "w", encoding="utf-8").write(html.replace("</body>", "<script>" + open(js).read() + "</script></body>", 1))
PY
verdict="$(chromium_run --dump-dom "file://$out/check/index.html" | grep -o 'REVIEW-CHECK {.*} END' || true)"
articles="$(find seeds -type f | wc -l)"
with_page="$(ls "$out"/seeds/review/*.html | grep -vc '/index.html$')"
if python3 - "${verdict:13:${#verdict}-17}" "$articles" "$with_page" <<'PY'
import json, sys
r = json.loads(sys.argv[1]) if sys.argv[1] else {"failures": ["the checker did not report"]}
rows, pages = int(sys.argv[2]), int(sys.argv[3])
if r.get("rows") != rows: r["failures"].append(f"{r.get('rows')} rows for {rows} articles")
if r.get("pages") != pages: r["failures"].append(f"{r.get('pages')} page links for {pages} pages")
print("ok  " if not r["failures"] else "FAIL", f"{r.get('rows')} rows, {r.get('pages')} page links, sortable")
for f in r["failures"]: print("   ", f)
sys.exit(1 if r["failures"] else 0)
PY
then :; else failed=1; fi
screenshot "$index" seeds-index

if [[ -d "$eval_dir/mac-dev/zh" ]]; then
    set_dir="$eval_dir/mac-dev"
    chapter="$(ls "$set_dir/zh" | head -1)"
    echo "== MAC-Dev chapter $chapter (align --presplit --format html)"
else
    set_dir="tests/data/eval/set"
    chapter="$(ls "$set_dir/zh" | head -1)"
    echo "== $set_dir/$chapter (MAC-Dev not found at $eval_dir; align --presplit --format html)"
fi
"$bin" align --presplit --zh "$set_dir/zh/$chapter" --en "$set_dir/en/$chapter" --format html > "$out/chapter.html"
check_page chapter "$out/chapter.html" --lines "$set_dir/zh/$chapter" "$set_dir/en/$chapter"

if [[ -d "$eval_dir/bible/zh" ]]; then
    echo "== Bible (align --presplit --format html; must be laid out within $max_load_ms ms)"
    d="$eval_dir/bible"
    "$bin" align --presplit --zh "$d/zh/001" --en "$d/en/001" --format html > "$out/bible.html"
    echo "  page size: $(du -k "$out/bible.html" | cut -f1) KiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
    check_page bible "$out/bible.html" --lines "$d/zh/001" "$d/en/001" "$max_load_ms"
else
    echo "== Bible not found at $eval_dir/bible; its load time is not measured"
fi

if [[ "$failed" != 0 ]]; then
    echo "review check FAILED" >&2
    exit 1
fi
echo "review check passed; screenshots in $out/shots/"
