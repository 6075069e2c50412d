#!/usr/bin/env bash
# Upper-cases the same large text file with `tr a-z A-Z`, the tutorial's aiofiles code
# (bench/python/async_files.py) and the async-files scenario (java -Xmx64m -jar target/app-fat.jar),
# back to back for several rounds, and prints each one's seconds, MB/s (MB = 2^20 bytes), peak RSS, the
# JVM's peak heap, and the ratios of ours to the other two.
#
#   bench/files-compare.sh [--size-mb N] [--rounds N] [--kind ascii|mixed|both] [--dir DIR] [--jar JAR]
#
#   --size-mb  size of the generated input (256)          --rounds  rounds per kind (3)
#   --kind     ascii: pure ASCII; mixed: mostly ASCII with a Korean or accented line in ~20 (both)
#   --dir      where inputs are generated (once; reused when present) and outputs go
#              (default ${TMPDIR:-/tmp}/files-compare)
#   --jar      the application jar (target/app-fat.jar), e.g. an older build to compare with
#
# Needs: java 17, target/app-fat.jar (mvn -q -o -B -DskipTests package), tr, /usr/bin/time (Debian
# package `time`), and for the aiofiles column a python3 with aiofiles (Debian: python3-aiofiles; set
# PYTHON, default /usr/bin/python3). A missing tool's column is skipped with a note.
#
# Figures: ours and aiofiles are the seconds each measures around its own transform (the scenario's
# result `seconds`, process_file's duration); tr's are its whole process. "wall" is each process's
# elapsed time, JVM and interpreter start-up included. Every round also checks that our output equals
# aiofiles' (and tr's, for ASCII input). Output lines starting with "RESULT" are tab-separated:
#   RESULT kind round tool seconds mb_per_s peak_rss_mb wall_s cpu_s [peak_heap_mb]
# (cpu_s: the process's user + system CPU time, start-up included; steadier than seconds on a busy box)
# and "RATIO kind round ours/tr ours/aiofiles load-average", then "SUMMARY what min-max" lines with
# the ranges over the rounds. Exits 1 when an output differs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb=256 rounds=3 kinds="ascii mixed" dir="${TMPDIR:-/tmp}/files-compare" jar="$here/target/app-fat.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mb) size_mb="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --kind) kinds="$2"; [ "$kinds" = both ] && kinds="ascii mixed"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    *) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
python="${PYTHON:-/usr/bin/python3}"
[ -f "$jar" ] || { echo "files-compare: $jar is missing: mvn -q -o -B -DskipTests package" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "files-compare: /usr/bin/time is missing: apt-get install time" >&2; exit 2; }
have_tr=1; command -v tr >/dev/null || { have_tr=0; echo "files-compare: no tr; its column is skipped" >&2; }
have_py=1; "$python" -c 'import aiofiles' 2>/dev/null \
  || { have_py=0; echo "files-compare: $python has no aiofiles (apt-get install python3-aiofiles); its column is skipped" >&2; }
mkdir -p "$dir"

# A 1 MiB block of text, repeated: lines of English-like ASCII, in "mixed" one line in ~20 Korean or accented.
generate() {
  local kind="$1" file="$2"
  [ -s "$file" ] && return
  echo "generating $file ($size_mb MB, $kind)" >&2
  "${PYTHON_GEN:-python3}" - "$kind" "$file.block" <<'PY'
import random, sys
kind, out = sys.argv[1], sys.argv[2]
rnd = random.Random(42)
words = "the quick brown fox jumps over a lazy dog while asyncio runs tasks on one event loop".split()
other = ["비동기 프로그래밍은 이벤트 루프에서 실행됩니다", "café naïve façade straße Ünïcödé", "간단한 처리: 모든 텍스트를 대문자로 변환"]
lines, size = [], 0
while size < 1 << 20:
    if kind == "mixed" and rnd.random() < 0.05:
        line = rnd.choice(other) + " " + " ".join(rnd.choice(words) for _ in range(5))
    else:
        line = " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 14))).capitalize() + "."
    lines.append(line)
    size += len(line.encode()) + 1
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
  for _ in $(seq "$size_mb"); do cat "$file.block"; done > "$file.part"
  mv "$file.part" "$file"
  rm -f "$file.block"
}

# Runs a command under /usr/bin/time; sets rss_mb and wall_s, leaves its stdout in $dir/stdout.
timed() {
  /usr/bin/time -f '%M %e %U %S' -o "$dir/time" "$@" > "$dir/stdout"
  read -r rss_kb wall_s user_s sys_s < "$dir/time"
  cpu_s=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN { printf "%.2f", u + s }')
  rss_mb=$((rss_kb / 1024))
}

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

status=0
lines="$dir/lines"
: > "$lines"
for kind in $kinds; do
  input="$dir/$kind-${size_mb}mb.txt"
  ours_out="$dir/work/$kind-${size_mb}mb.txt.upper"
  generate "$kind" "$input"
  bytes=$(stat -c %s "$input")
  # Every tool reads the file from the page cache: warm it once.
  cat "$input" > /dev/null
  for round in $(seq "$rounds"); do
    tr_mbps=0 py_mbps=0
    rm -f "$dir/out.tr" "$dir/out.py" "$ours_out"
    if [ $have_tr = 1 ]; then
      timed bash -c 'tr a-z A-Z < "$1" > "$2"' tr "$input" "$dir/out.tr"
      tr_s=$wall_s; tr_mbps=$(mbps "$bytes" "$tr_s")
      printf 'RESULT\t%s\t%s\ttr\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$round" "$tr_s" "$tr_mbps" "$rss_mb" "$wall_s" "$cpu_s" | tee -a "$lines"
    fi
    if [ $have_py = 1 ]; then
      PYTHONUTF8=1 timed "$python" "$here/bench/python/async_files.py" "$input" "$dir/out.py"
      py_s=$(cat "$dir/stdout"); py_mbps=$(mbps "$bytes" "$py_s")
      printf 'RESULT\t%s\t%s\taiofiles\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$round" "$py_s" "$py_mbps" "$rss_mb" "$wall_s" "$cpu_s" | tee -a "$lines"
    fi
    conf="{\"scenarios\":[\"async-files\"],\"workDir\":\"$dir/work\",\"report\":{\"json\":\"$dir/report.json\"},\"scenario\":{\"async-files\":{\"input\":\"$input\"}}}"
    # The heap in use peaks just before a collection, or at the end when none follows.
    timed java -Xmx64m -Xlog:gc,gc+heap+exit:file="$dir/gc.log"::filecount=0 -jar "$jar" -conf "$conf"
    read -r our_s our_bytes < <(python3 -c 'import json,sys
def find(o):
    if isinstance(o, dict):
        if "bytes" in o and "seconds" in o: return o
        for v in o.values():
            r = find(v)
            if r: return r
    if isinstance(o, list):
        for v in o:
            r = find(v)
            if r: return r
r = find(json.load(open(sys.argv[1])))
print(r["seconds"], r["bytes"])' "$dir/report.json")
    heap_mb=$(awk '/Pause/ { if (match($0, /[0-9]+M->/)) { v = substr($0, RSTART, RLENGTH - 3) + 0; if (v > m) m = v } }
      /garbage-first heap/ { if (match($0, /used [0-9]+K/)) { v = substr($0, RSTART + 5, RLENGTH - 6) / 1024; if (v > m) m = v } }
      END { printf "%.0f", m }' "$dir/gc.log")
    our_mbps=$(mbps "$our_bytes" "$our_s")
    printf 'RESULT\t%s\t%s\tours\t%.3f\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$round" "$our_s" "$our_mbps" "$rss_mb" "$wall_s" "$cpu_s" "$heap_mb" | tee -a "$lines"
    printf 'RATIO\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$round" "$(ratio "$our_mbps" "$tr_mbps")" "$(ratio "$our_mbps" "$py_mbps")" \
      "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$lines"
    if [ $have_py = 1 ] && ! cmp -s "$dir/out.py" "$ours_out"; then
      echo "files-compare: ours differs from aiofiles' output ($kind, round $round)" >&2; status=1
    fi
    if [ $have_tr = 1 ] && [ "$kind" = ascii ] && ! cmp -s "$dir/out.tr" "$ours_out"; then
      echo "files-compare: ours differs from tr's output ($kind, round $round)" >&2; status=1
    fi
  done
done
# Ranges over the rounds: MB/s and peak RSS of each tool, and the ratios.
awk -F'\t' '
  function span(key, v) { if (!(key in lo) || v < lo[key]) lo[key] = v; if (!(key in hi) || v > hi[key]) hi[key] = v; if (!(key in seen)) { order[++n] = key; seen[key] = 1 } }
  $1 == "RESULT" { span($2 " " $4 " MB/s", $6); span($2 " " $4 " peak RSS MB", $7); if ($10 != "") span($2 " " $4 " peak heap MB", $10) }
  $1 == "RATIO" { if ($4 != "-") span($2 " ours/tr", $4); if ($5 != "-") span($2 " ours/aiofiles", $5) }
  END { for (i = 1; i <= n; i++) printf "SUMMARY\t%s\t%s-%s\n", order[i], lo[order[i]], hi[order[i]] }' "$lines"
rm -f "$dir/out.tr" "$dir/out.py" "$dir/stdout" "$dir/time" "$lines"
exit $status
