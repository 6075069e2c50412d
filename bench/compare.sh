#!/usr/bin/env bash
# Benchmarks the product's scenarios at scale beside the tutorial's own Python code, on the same input in
# the same run, each side run as a user would run it (a whole process, start to exit, under
# /usr/bin/time), and prints one table and the exact commands it ran.
#
#   bench/compare.sh                                   every row, 3 rounds, full size (takes minutes)
#   TASKS=100000 URLS=1000 ROUNDS=1 bench/compare.sh   a quick run
#   ROWS="gather http" bench/compare.sh                a subset of the rows
#
# Rows (ROWS, default "gather http download files wrk"):
#   gather    ours: gather-results with scenario.gather-results.count = TASKS tasks of 1 s;
#             peer: bench/python/gather.py TASKS 1 (the tutorial's asyncio.gather code).
#             Both print two lines a task; stdout goes to /dev/null for both.
#   http      ours: http-fetch of the nginx page, http.repeat = URLS (?i=1..URLS), http.concurrency 64;
#             peer: bench/python/http_fetch.py (the tutorial's aiohttp code, 64 connections) on the same
#             URLs, read from a file. Success = a result of <chars> characters per URL (ours: in its
#             JSON report, as its console shows only a scenario's first and last lines; peer: a printed
#             line "URL: <chars> characters").
#   download  ours: download-and-save, same URLs; peer: bench/python/download_and_save.py (aiohttp +
#             aiofiles). Success = a complete file (the page's bytes) per URL.
#   files     bench/files-compare.sh, when it exists (run as is, output shown after the table).
#   wrk       wrk -t1 -c64 -d5s on the same nginx page: req/s, a ceiling for the http row.
#
# Each round runs every row, ours then the peer. Per process: wall seconds and peak RSS (/usr/bin/time
# %e %M), CPU seconds (%U + %S), and the most open descriptors seen (/proc/PID/fd counted every 50 ms,
# as `ls /proc/PID/fd | wc -l` would). The table gives median [min–max] over the rounds; the ratio is
# peer/ours wall time, printed as "ours N× faster" or "peer N× faster".
# The nginx (127.0.0.1, a free port, worker_processes 1, keep-alive, access_log off) serves one 20 KB page,
# partly Korean, from a temporary prefix; it, every measured process and the temporary folder are
# removed on exit, Ctrl-C or SIGTERM.
#
# Environment: ROUNDS (3), TASKS (1000000), URLS (20000), ROWS, JAVA (java), JAVA_OPTS (none),
# RUN_TIMEOUT (900: seconds before one run is stopped and reported as timed out),
#
# Needs Debian packages (installed when missing, apt-get, quietly): nginx-light, wrk, python3-aiohttp,
# python3-aiofiles, time. The Python peers run with /usr/bin/python3 (Debian's, with those packages).
# Builds target/app-fat.jar (mvn -q -B -DskipTests package) when it is missing.
#
# Exit status: 0 when the table was printed, whatever the figures; 1 on a setup failure (a package that
# cannot be installed, the jar that cannot be built, nginx that does not start, bad options).
# A run that fails or is refused (our jar exits 2 on a configuration key it does not know) is an ERROR
# row in the table, not a failure of this script.
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

ROUNDS="${ROUNDS:-3}"
TASKS="${TASKS:-1000000}"
URLS="${URLS:-20000}"
ROWS="${ROWS:-gather http download files wrk}"
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:-}"
RUN_TIMEOUT="${RUN_TIMEOUT:-900}"
CONCURRENCY=64
PAGE_BYTES=20480
GATHER_DELAY_S=1
PY=/usr/bin/python3
JAR=target/app-fat.jar

die() {
  echo "compare.sh: $*" >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------- options
for name in ROUNDS TASKS URLS RUN_TIMEOUT; do
  value="${!name}"
  [[ "$value" =~ ^[1-9][0-9]{0,8}$ ]] || die "$name must be a whole number >= 1, got '$value'"
done
read -ra rows <<<"$ROWS"
((${#rows[@]} > 0)) || die "ROWS is empty; choose among: gather http download files wrk"
for row in "${rows[@]}"; do
  case "$row" in
    gather | http | download | files | wrk) ;;
    *) die "unknown row '$row' in ROWS; choose among: gather http download files wrk" ;;
  esac
done
read -ra java_opts <<<"$JAVA_OPTS"

has_row() {
  [[ " ${rows[*]} " == *" $1 "* ]]
}

# --------------------------------------------------------------------------- clean-up of everything started
tmp=""
groups=()       # process-group leaders started with setsid: nginx and each measured run
sleep_fd=""
# shellcheck disable=SC2317 # invoked by the traps
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${groups[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${groups[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n "$sleep_fd" ]]; then
    exec {sleep_fd}>&-
  fi
  if [[ -n "$tmp" && -d "$tmp" ]]; then
    rm -rf -- "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

forget_group() {
  local pid="$1" kept=() p
  for p in "${groups[@]}"; do
    [[ "$p" == "$pid" ]] || kept+=("$p")
  done
  groups=("${kept[@]}")
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/compare-sh.XXXXXX")"
# nginx's worker runs as 'nobody' when started by root: let it through to the page.
chmod 711 "$tmp"

# A descriptor that never has data: 'read -t' on it is a sleep without a process.
exec {sleep_fd}<> <(:)
nap() {
  read -r -t "$1" -u "$sleep_fd" _ || true
}

# ---------------------------------------------------------------------------------------------- packages
need_nginx=false need_py_http=false
if has_row http || has_row download || has_row wrk; then need_nginx=true; fi
if has_row http || has_row download; then need_py_http=true; fi

packages=()
[[ -x /usr/bin/time ]] || packages+=(time)
[[ -x "$PY" ]] || packages+=(python3)
if $need_nginx && ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then packages+=(nginx-light); fi
if has_row wrk && ! command -v wrk >/dev/null 2>&1; then packages+=(wrk); fi
if $need_py_http; then
  if [[ ! -x "$PY" ]] || ! "$PY" -c 'import aiohttp' 2>/dev/null; then packages+=(python3-aiohttp); fi
  if [[ ! -x "$PY" ]] || ! "$PY" -c 'import aiofiles' 2>/dev/null; then packages+=(python3-aiofiles); fi
fi
if ((${#packages[@]} > 0)); then
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "missing ${packages[*]}, and not root to install them: apt-get install ${packages[*]}"
    sudo=(sudo -n)
  fi
  echo "compare.sh: installing ${packages[*]} (apt-get) ..." >&2
  apt_install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
    -o DPkg::Lock::Timeout=300 "${packages[@]}")
  if ! "${apt_install[@]}" >"$tmp/apt.log" 2>&1; then
    # Perhaps the package lists are missing or stale: refresh them once and try again.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$tmp/apt.log" 2>&1 || true
    "${apt_install[@]}" >>"$tmp/apt.log" 2>&1 || {
      tail -n 5 "$tmp/apt.log" >&2
      die "could not install ${packages[*]}"
    }
  fi
fi
NGINX="$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)"
if $need_py_http; then
  "$PY" -c 'import aiohttp, aiofiles' 2>/dev/null || die "$PY cannot import aiohttp and aiofiles"
fi

# --------------------------------------------------------------------------------------------- our jar
ours_needed=false
if has_row gather || has_row http || has_row download; then ours_needed=true; fi
if $ours_needed; then
  command -v "$JAVA" >/dev/null 2>&1 || die "JAVA='$JAVA' is not a command"
  if [[ ! -f "$JAR" ]]; then
    command -v mvn >/dev/null 2>&1 || die "$JAR is missing and mvn is not on the PATH to build it"
    echo "compare.sh: building $JAR (mvn -q -B -DskipTests package) ..." >&2
    mvn -q -B -DskipTests package >&2 || die "the build of $JAR failed"
    [[ -f "$JAR" ]] || die "the build did not produce $JAR"
  elif [[ -n "$(find pom.xml src/main -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
    echo "compare.sh: note: $JAR is older than the sources; ./run.sh rebuilds it" >&2
  fi
fi

# ------------------------------------------------------------------------------------------ nginx + page
port="" page_chars="" url=""
if $need_nginx; then
  ngx="$tmp/nginx"
  www="$ngx/www"
  mkdir -p "$www"
  chmod 755 "$ngx" "$www"
  # 20 KB of deterministic HTML, partly Korean, so characters (what both sides print) differ from bytes.
  page_chars="$("$PY" - "$www/page.html" "$PAGE_BYTES" <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2])
head = ('<!DOCTYPE html>\n<html lang="ko">\n<head><meta charset="utf-8">'
        '<title>비동기 프로그래밍 벤치마크</title></head>\n<body>\n')
tail = '</body>\n</html>\n'
lines = []
def text(extra=''):
    return head + ''.join(lines) + extra + tail
while True:
    n = len(lines) + 1
    line = (f'<p>{n:03d} 이벤트 루프는 하나, 작업은 여럿: asyncio.gather()와 Future.all()이 '
            f'결과를 입력 순서대로 모읍니다. One event loop, many tasks.</p>\n')
    if len(text(line).encode()) > size:
        break
    lines.append(line)
while size - len(text().encode()) < 9:
    lines.pop()
pad = size - len(text().encode())
page = text('<!--' + '.' * (pad - 8) + '-->\n')
data = page.encode()
assert len(data) == size, len(data)
with open(path, 'wb') as f:
    f.write(data)
print(len(page))
PY
)" || die "could not write the page"
  chmod 644 "$www/page.html"

  nginx_pid=""
  for _attempt in 1 2 3 4 5; do
    port="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    cat >"$ngx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $ngx/nginx.pid;
error_log $ngx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $ngx/client_body;
    proxy_temp_path $ngx/proxy;
    fastcgi_temp_path $ngx/fastcgi;
    types { text/html html; }
    default_type application/octet-stream;
    charset utf-8;
    sendfile on;
    keepalive_timeout 75s;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port;
        root $www;
    }
}
EOF
    setsid "$NGINX" -p "$ngx/" -c "$ngx/nginx.conf" -e "$ngx/error.log" </dev/null >"$ngx/stdout.log" 2>&1 &
    nginx_pid=$!
    groups+=("$nginx_pid")
    url="http://127.0.0.1:$port/page.html"
    if "$PY" - "$url" "$PAGE_BYTES" <<'PY'; then break; fi
import sys, time, urllib.request
url, size = sys.argv[1], int(sys.argv[2])
for _ in range(50):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            body = r.read()
            ok = r.status == 200 and len(body) == size and 'charset=utf-8' in r.headers.get('Content-Type', '')
            sys.exit(0 if ok else 2)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
    kill -TERM -- "-$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
    forget_group "$nginx_pid"
    nginx_pid=""
  done
  if [[ -z "$nginx_pid" ]]; then
    cat "$ngx/error.log" "$ngx/stdout.log" >&2 2>/dev/null || true
    die "nginx did not serve $url"
  fi
  # The URL list of the Python peers: what ours fetches with http.repeat (the k-th fetch gets ?i=k).
  "$PY" -c 'import sys
u, n = sys.argv[1], int(sys.argv[2])
sys.stdout.write("".join(f"{u}?i={k}\n" for k in range(1, n + 1)))' "$url" "$URLS" >"$tmp/sites.txt"
  echo "compare.sh: nginx on 127.0.0.1:$port serves /page.html, $PAGE_BYTES bytes, $page_chars characters" >&2
fi

# ------------------------------------------------------------------------------------------ measurement
# run_one PREFIX TIMED CMD...  runs CMD in its own session (so that it and anything it starts can be
# stopped), under /usr/bin/time when TIMED is true, stdout to PREFIX.out (or /dev/null when PREFIX.out is
# a symlink to it), stderr to PREFIX.err. Samples the open descriptors of the process every 50 ms.
# Sets r_rc, r_wall (s), r_rss (KB), r_cpu (user + system s), r_fds, r_timed_out.
r_rc=0 r_wall="" r_rss="" r_cpu="" r_fds=0 r_timed_out=false
run_one() {
  local prefix="$1" timed="$2"
  shift 2
  local timer=()
  if $timed; then
    timer=(/usr/bin/time -f '%e %M %U %S' -o "$prefix.time")
  fi
  local started=$SECONDS
  setsid "${timer[@]}" "$@" >"$prefix.out" 2>"$prefix.err" </dev/null &
  local leader=$! child="" max=0 fdl=()
  groups+=("$leader")
  r_timed_out=false
  while kill -0 "$leader" 2>/dev/null; do
    if $timed; then
      if [[ -z "$child" ]]; then
        { read -r child _ <"/proc/$leader/task/$leader/children"; } 2>/dev/null || true
      fi
    else
      child="$leader"
    fi
    if [[ -n "$child" ]]; then
      fdl=("/proc/$child/fd/"*)
      if ((${#fdl[@]} > max)); then max=${#fdl[@]}; fi
    fi
    if ((SECONDS - started > RUN_TIMEOUT)); then
      r_timed_out=true
      kill -TERM -- "-$leader" 2>/dev/null || true
      nap 5
      kill -KILL -- "-$leader" 2>/dev/null || true
      break
    fi
    nap 0.05
  done
  r_rc=0
  wait "$leader" || r_rc=$?
  forget_group "$leader"
  r_fds=$max
  r_wall="" r_rss="" r_cpu=""
  if $timed && [[ -f "$prefix.time" ]]; then
    local line last=""
    while IFS= read -r line; do last="$line"; done <"$prefix.time"
    if [[ "$last" =~ ^([0-9.]+)\ ([0-9]+)\ ([0-9.]+)\ ([0-9.]+)$ ]]; then
      r_wall="${BASH_REMATCH[1]}" r_rss="${BASH_REMATCH[2]}"
      r_cpu="$(awk -v u="${BASH_REMATCH[3]}" -v s="${BASH_REMATCH[4]}" 'BEGIN { print u + s }')"
    fi
  fi
}

# What a failed run said on stderr, for the table: the first line (our jar's one-line error), or the
# last one for Python (the exception at the end of a traceback).
error_line() {
  local file="$1" which="$2" line found=""
  while IFS= read -r line; do
    [[ -n "${line//[[:space:]]/}" ]] || continue
    found="$line"
    [[ "$which" == first ]] && break
  done <"$file"
  printf '%s' "${found:0:160}"
}

# A command as it can be pasted into a shell.
quote_cmd() {
  local out="" arg
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
      out+="$arg "
    else
      out+="'${arg//\'/\'\\\'\'}' "
    fi
  done
  printf '%s' "${out% }"
}

commands=()
note_command() {
  local line="$1"
  local c
  for c in "${commands[@]}"; do
    [[ "$c" == "$line" ]] && return
  done
  commands+=("$line")
}

# median min max of numbers
stats() {
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
    m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%s %s %s", m, a[1], a[NR] }'
}

# Results, keyed "<row>.<side>": space-separated per-round values, or an error text.
declare -A walls rsss cpus fdss fails files errors extras marks

# record ROW SIDE FAILURES PREFIX ROUND: after run_one, adds this round's figures or the error.
# Our jar exits 1 when it did the work but a claim did not hold (or a scenario errored): its figures
# count, with a note; any other non-zero exit (2: configuration refused) is an error row.
notes=()
record() {
  local key="$1.$2" failures="$3" prefix="$4" round="$5"
  if $r_timed_out; then
    errors[$key]="timed out after ${RUN_TIMEOUT} s"
  elif [[ -z "$r_wall" ]] || { ((r_rc != 0)) && ! [[ "$2" == ours && "$r_rc" == 1 ]]; }; then
    local which=last
    [[ "$2" == ours ]] && which=first
    errors[$key]="exit $r_rc: $(error_line "$prefix.err" "$which")"
  else
    walls[$key]+="$r_wall "
    rsss[$key]+="$r_rss "
    cpus[$key]+="$r_cpu "
    fdss[$key]+="$r_fds "
    if [[ -n "$failures" ]]; then fails[$key]+="$failures "; fi
    if [[ -n "$failures" ]] && ((failures > 0)); then
      local example
      example="$(grep -m 1 -E ' failed: ' "$prefix.out" | sed 's/^ *//' | cut -c 1-200 || true)"
      notes+=("$1, $2, round $round: $failures of $URLS URLs failed${example:+; the first: ${example//"$tmp"/TMP}}")
    fi
    if ((r_rc != 0)); then
      marks[$key]=" (exit $r_rc, see notes)"
      local why=""
      if [[ -f "$prefix.out" && ! -L "$prefix.out" ]]; then
        why="$(grep -m 1 -E 'NOT HELD|error' "$prefix.out" | sed 's/^ *//' | cut -c 1-200 || true)"
      else
        why="its stdout went to /dev/null"
      fi
      [[ -n "$why" ]] || why="$(error_line "$prefix.err" first)"
      notes+=("$1, ours, round $round: exit $r_rc (a claim did not hold or a scenario errored): $why")
    fi
  fi
}

# Ours as a user runs it, from the repository root. Its files go to a temporary workDir; only http-fetch
# writes a JSON report beside it, where its results are counted.
ours_cmd() {
  # $1: the JSON configuration, inline or a file
  printf '%s\0' "$JAVA" "${java_opts[@]}" -jar "$JAR" -conf "$1"
}

# Runs one round of one side of a row; $1 row, $2 side, $3 round, then the command.
measure() {
  local row="$1" side="$2" round="$3"
  shift 3
  local key="$row.$side"
  if [[ -n "${errors[$key]:-}" ]]; then
    return # it failed in an earlier round: the same command would fail again
  fi
  local dir="$tmp/$row-$side"
  mkdir -p "$dir"
  note_command "$(quote_cmd "$@")"
  echo "compare.sh: $row, round $round/$ROUNDS, $side ..." >&2
  local prefix="$dir/run"
  if [[ "$row" == gather ]]; then
    ln -s /dev/null "$prefix.out"
  fi
  run_one "$prefix" true "$@"
  local failures=""
  if ! $r_timed_out && { ((r_rc == 0)) || [[ "$side" == ours && "$r_rc" == 1 ]]; }; then
    case "$row" in
      http)
        local ok
        if [[ "$side" == ours ]]; then
          # Our console shows a scenario's first and last lines only: count the results of its JSON report.
          ok="$("$PY" -c 'import json, sys
results = json.load(open(sys.argv[1]))["scenarios"][0]["result"]["results"]
print(sum(1 for r in results if r.get("chars") == int(sys.argv[2])))' "$dir/report.json" "$page_chars" 2>/dev/null || echo 0)"
        else
          # one "URL: <chars> characters" line per URL
          ok="$(grep -c -- ": $page_chars characters\$" "$prefix.out" || true)"
        fi
        failures=$((URLS - ok))
        ;;
      download)
        # one complete file per URL: the page's bytes; hidden temporary files do not count
        local ok
        ok="$(find "$dir/saved" -type f ! -name '.*' -size "${PAGE_BYTES}c" | wc -l)"
        failures=$((URLS - ok))
        files[$key]+="$ok "
        ;;
    esac
  fi
  record "$row" "$side" "$failures" "$prefix" "$round"
  rm -rf -- "$dir" # 20,000 files a round: do not let them pile up
}

json_str() {
  local s="$1"
  s="${s//\\/\\\\}"
  printf '"%s"' "${s//\"/\\\"}"
}

# ------------------------------------------------------------------------------------------------ rows
gather_conf() {
  printf '{"scenarios":["gather-results"],"scenario":{"gather-results":{"count":%s,"durations":[%s]}},"workDir":%s}' \
    "$TASKS" "$GATHER_DELAY_S" "$(json_str "$1")"
}
http_conf() {
  # $1 scenario, $2 workDir; http-fetch writes a JSON report beside it, where its results are counted
  local report=""
  if [[ "$1" == http-fetch ]]; then
    report=",\"report\":{\"json\":$(json_str "$(dirname "$2")/report.json")}"
  fi
  printf '{"scenarios":["%s"],"http":{"sites":[%s],"repeat":%s,"concurrency":%s},"workDir":%s%s}' \
    "$1" "$(json_str "$url")" "$URLS" "$CONCURRENCY" "$(json_str "$2")" "$report"
}

load_start="$(cut -d ' ' -f 1 /proc/loadavg)"
wrk_rps=()
files_output=""
files_note=""
for ((round = 1; round <= ROUNDS; round++)); do
  for row in "${rows[@]}"; do
    case "$row" in
      gather)
        mapfile -d '' cmd < <(ours_cmd "$(gather_conf "$tmp/gather-ours/work")")
        measure gather ours "$round" "${cmd[@]}"
        measure gather peer "$round" "$PY" bench/python/gather.py "$TASKS" "$GATHER_DELAY_S"
        ;;
      http)
        mapfile -d '' cmd < <(ours_cmd "$(http_conf http-fetch "$tmp/http-ours/work")")
        measure http ours "$round" "${cmd[@]}"
        measure http peer "$round" "$PY" bench/python/http_fetch.py "$tmp/sites.txt"
        ;;
      download)
        # ours saves into <workDir>/downloaded_sites, the peer into the folder it is given
        mapfile -d '' cmd < <(ours_cmd "$(http_conf download-and-save "$tmp/download-ours/saved")")
        measure download ours "$round" "${cmd[@]}"
        measure download peer "$round" "$PY" bench/python/download_and_save.py "$tmp/sites.txt" \
          "$tmp/download-peer/saved"
        ;;
      wrk)
        dir="$tmp/wrk-$round"
        mkdir -p "$dir"
        cmd=(wrk -t1 -c"$CONCURRENCY" -d5s "$url")
        note_command "$(quote_cmd "${cmd[@]}")"
        echo "compare.sh: wrk, round $round/$ROUNDS ..." >&2
        run_one "$dir/run" false "${cmd[@]}"
        rps="$(awk '/^Requests\/sec:/ { print $2 }' "$dir/run.out")"
        if ((r_rc == 0)) && [[ -n "$rps" ]]; then
          wrk_rps+=("$rps")
          fdss[wrk.peer]+="$r_fds "
          errs="$(awk '/Non-2xx|Socket errors/' "$dir/run.out")"
          [[ -z "$errs" ]] || extras[wrk.peer]="$errs"
        else
          errors[wrk.peer]="exit $r_rc: $(error_line "$dir/run.err" first)"
        fi
        rm -rf -- "$dir"
        ;;
      files)
        # run once, after the first round of the others
        ((round == 1)) || continue
        if [[ -f bench/files-compare.sh ]]; then
          note_command "bash bench/files-compare.sh"
          echo "compare.sh: files: bench/files-compare.sh ..." >&2
          mkdir -p "$tmp/files"
          export ROUNDS JAVA JAVA_OPTS
          run_one "$tmp/files/run" false bash bench/files-compare.sh
          files_output="$(cat "$tmp/files/run.out" "$tmp/files/run.err")"
          if $r_timed_out; then
            files_note="bench/files-compare.sh timed out after ${RUN_TIMEOUT} s"
          elif ((r_rc != 0)); then
            files_note="bench/files-compare.sh exited $r_rc"
          else
            files_note="bench/files-compare.sh: see its output below the table"
          fi
        else
          files_note="bench/files-compare.sh is not there yet: no files row"
        fi
        ;;
    esac
  done
done

# ----------------------------------------------------------------------------------------------- table
# shellcheck disable=SC2317 # invoked through cell
fmt_s() { awk -v v="$1" 'BEGIN { printf (v < 10 ? "%.2f s" : "%.1f s"), v }'; }
# shellcheck disable=SC2317 # invoked through cell
fmt_mb() { awk -v v="$1" 'BEGIN { printf "%.0f MB", v / 1024 }'; }
fmt_n() {
  awk -v v="$1" 'BEGIN {
    n = sprintf("%.0f", v); out = ""
    while (length(n) > 3) { out = "," substr(n, length(n) - 2) out; n = substr(n, 1, length(n) - 3) }
    print n out }'
}

# median [min–max] of a list, formatted by $1
cell() {
  local format="$1"
  shift
  local m lo hi
  read -r m lo hi <<<"$(stats "$@")"
  if (($# == 1)); then
    "$format" "$m"
  else
    lo="$("$format" "$lo")" hi="$("$format" "$hi")"
    printf '%s [%s–%s]' "$("$format" "$m")" "${lo% *}" "${hi% *}"
  fi
}
median() {
  local m _lo _hi
  read -r m _lo _hi <<<"$(stats "$@")"
  printf '%s' "$m"
}
# "ours N× faster" or "peer N× faster", from peer/ours wall times (or ours/peer throughputs)
faster() {
  awk -v r="$1" 'BEGIN {
    if (r >= 1) printf "ours %.2f× faster", r; else printf "peer %.2f× faster", 1 / r }'
}
esc() {
  local s="${1//"$tmp"/TMP}"
  printf '%s' "${s//|/\\|}"
}

table=()
add() {
  local row="|" c
  for c in "$@"; do row+=" $c |"; done
  table+=("$row")
}
side_cells() {
  # $1 key: wall cell, RSS cell, fds, CPU median
  local key="$1" w r f c
  if [[ -n "${errors[$key]:-}" ]]; then
    printf 'ERROR (%s)\t—\t—\t—' "$(esc "${errors[$key]}")"
    return
  fi
  if [[ -z "${walls[$key]:-}" ]]; then
    printf 'not run\t—\t—\t—'
    return
  fi
  read -ra w <<<"${walls[$key]}"
  read -ra r <<<"${rsss[$key]}"
  read -ra f <<<"${fdss[$key]}"
  read -ra c <<<"${cpus[$key]}"
  printf '%s%s\t%s\t%s\t%s' "$(cell fmt_s "${w[@]}")" "${marks[$key]:-}" "$(cell fmt_mb "${r[@]}")" \
    "$(stats "${f[@]}" | awk '{ print $3 }')" "$(fmt_s "$(median "${c[@]}")")"
}
files_cell() {
  local key="$1" f
  if [[ -z "${files[$key]:-}" ]]; then printf '—'; return; fi
  read -ra f <<<"${files[$key]}"
  printf '%s\n' "${f[@]}" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi) ? lo : lo "–" hi }'
}
failures_cell() {
  local key="$1" f
  if [[ -z "${fails[$key]:-}" ]]; then printf '—'; return; fi
  read -ra f <<<"${fails[$key]}"
  stats "${f[@]}" | awk '{ print ($3 == $2) ? $3 : $2 "–" $3 }'
}

for row in "${rows[@]}"; do
  case "$row" in
    gather) label="gather, $(fmt_n "$TASKS") tasks of ${GATHER_DELAY_S} s" ;;
    http) label="http-fetch, $(fmt_n "$URLS") URLs, c$CONCURRENCY" ;;
    download) label="download-and-save, $(fmt_n "$URLS") URLs, c$CONCURRENCY" ;;
    *) continue ;;
  esac
  IFS=$'\t' read -r ow orss ofds ocpu <<<"$(side_cells "$row.ours")"
  IFS=$'\t' read -r pw prss pfds pcpu <<<"$(side_cells "$row.peer")"
  ratio="—" rss_ratio="—"
  if [[ -n "${walls[$row.ours]:-}" && -n "${walls[$row.peer]:-}" && -z "${errors[$row.ours]:-}" && -z "${errors[$row.peer]:-}" ]]; then
    read -ra ow_list <<<"${walls[$row.ours]}"
    read -ra pw_list <<<"${walls[$row.peer]}"
    read -ra or_list <<<"${rsss[$row.ours]}"
    read -ra pr_list <<<"${rsss[$row.peer]}"
    ratio="$(faster "$(awk -v p="$(median "${pw_list[@]}")" -v o="$(median "${ow_list[@]}")" 'BEGIN { print p / o }')")"
    rss_ratio="$(awk -v p="$(median "${pr_list[@]}")" -v o="$(median "${or_list[@]}")" 'BEGIN { printf "%.2f×", p / o }')"
  fi
  checks="$(failures_cell "$row.ours") / $(failures_cell "$row.peer")"
  if [[ "$row" == download ]]; then
    checks+=" (complete files: $(files_cell "$row.ours") / $(files_cell "$row.peer"))"
  fi
  add "$label" "$ow" "$pw" "$ratio" "$orss" "$prss" "$rss_ratio" "$ocpu / $pcpu" "$ofds / $pfds" "$checks"
  if [[ "$row" == gather ]]; then
    # overhead = wall − the 1 s every task waits
    oo="—" po="—"
    if [[ -n "${walls[gather.ours]:-}" && -z "${errors[gather.ours]:-}" ]]; then
      read -ra l <<<"${walls[gather.ours]}"
      mapfile -t l < <(printf '%s\n' "${l[@]}" | awk -v d="$GATHER_DELAY_S" '{ print $1 - d }')
      oo="$(cell fmt_s "${l[@]}")"
    fi
    if [[ -n "${walls[gather.peer]:-}" && -z "${errors[gather.peer]:-}" ]]; then
      read -ra l <<<"${walls[gather.peer]}"
      mapfile -t l < <(printf '%s\n' "${l[@]}" | awk -v d="$GATHER_DELAY_S" '{ print $1 - d }')
      po="$(cell fmt_s "${l[@]}")"
    fi
    add "gather overhead (wall − ${GATHER_DELAY_S} s)" "$oo" "$po" "" "" "" "" "" "" ""
  fi
done
if has_row files; then
  add "files" "$(esc "$files_note")" "" "" "" "" "" "" "" ""
fi
if has_row wrk; then
  ours_rps="—" peer_rps="—" ratio="—" wfds="—"
  if [[ -n "${walls[http.ours]:-}" && -z "${errors[http.ours]:-}" ]]; then
    read -ra l <<<"${walls[http.ours]}"
    mapfile -t l < <(printf '%s\n' "${l[@]}" | awk -v u="$URLS" '{ print u / $1 }')
    ours_rps_median="$(median "${l[@]}")"
    ours_rps="$(cell fmt_n "${l[@]}") req/s (http-fetch, whole process)"
  elif has_row http; then
    ours_rps="— (http-fetch: ${errors[http.ours]:+ERROR})"
  else
    ours_rps="— (http row not run)"
  fi
  if ((${#wrk_rps[@]} > 0)) && [[ -z "${errors[wrk.peer]:-}" ]]; then
    peer_rps="wrk $(cell fmt_n "${wrk_rps[@]}") req/s"
    read -ra f <<<"${fdss[wrk.peer]}"
    wfds="$(stats "${f[@]}" | awk '{ print $3 }')"
    if [[ -n "${ours_rps_median:-}" ]]; then
      ratio="$(awk -v w="$(median "${wrk_rps[@]}")" -v o="$ours_rps_median" 'BEGIN { printf "wrk %.2f× faster", w / o }')"
    fi
    [[ -z "${extras[wrk.peer]:-}" ]] || peer_rps+=" ($(esc "${extras[wrk.peer]}"))"
  elif [[ -n "${errors[wrk.peer]:-}" ]]; then
    peer_rps="ERROR ($(esc "${errors[wrk.peer]}"))"
  fi
  add "wrk -t1 -c$CONCURRENCY -d5s, ceiling" "$ours_rps" "$peer_rps" "$ratio" "" "" "" "" "— / $wfds" "—"
fi

{
  echo
  echo "## bench/compare.sh: ours (java -jar $JAR) beside the tutorial's Python (asyncio, aiohttp, aiofiles)"
  echo
  versions="$("$JAVA" -version 2>&1 | head -n 1 || true), $("$PY" --version 2>&1)"
  if $need_py_http; then
    versions+=", aiohttp $("$PY" -c 'import aiohttp; print(aiohttp.__version__)' 2>/dev/null || true)"
  fi
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, rounds: $ROUNDS (ours then peer each round), $versions"
  echo "Load average (1 min) at the start: $load_start, at the end: $(cut -d ' ' -f 1 /proc/loadavg) (the machine may be shared)"
  if $need_nginx; then
    echo "nginx $("$NGINX" -v 2>&1 | sed 's|.*nginx/||') on 127.0.0.1:$port (worker_processes 1, keep-alive, access_log off):" \
      "/page.html, $PAGE_BYTES bytes, $page_chars characters"
  fi
  echo
  echo "Times are wall seconds of the whole process (start to exit, /usr/bin/time %e), RSS its peak (%M):" \
    "median [min–max] over the rounds. CPU: user + system seconds (%U + %S), median." \
    "fds: the most open descriptors seen (sampled every 50 ms), highest round."
  echo "Failures: URLs without their line \"URL: $page_chars characters\" (http) or without a complete file (download)."
  echo
  echo "| row | ours wall | peer wall | peer/ours wall | ours RSS | peer RSS | RSS peer/ours | CPU ours / peer | fds ours / peer | failures ours / peer |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${table[@]}"
  echo
  echo "Commands (TMP is a temporary folder, removed at the end; the Python peers run from the repository root):"
  for c in "${commands[@]}"; do
    c="${c//"$tmp"/TMP}"
    echo "    $c"
  done
  if ((${#notes[@]} > 0)); then
    echo
    echo "Notes:"
    printf -- '- %s\n' "${notes[@]}"
  fi
  if [[ -n "$files_output" ]]; then
    echo
    echo "### bench/files-compare.sh"
    echo
    printf '%s\n' "$files_output"
  fi
}
exit 0
