#!/usr/bin/env bash
# Runs the benchmarks beside their reference tools (wrk for bench-http, tr for bench-files) and prints
# the figures and ratios. bench-files runs under -Xmx64m, as its target says.
#   bench/compare.sh             install wrk first if missing: apt-get install wrk
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

for tool in wrk tr; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "compare.sh: '$tool' is not on the PATH; install it (apt-get install $tool) for its comparison" >&2
  fi
done

"$here/run.sh" bench-gather bench-http
JAVA_OPTS="${JAVA_OPTS:-} -Xmx64m" "$here/run.sh" bench-files
