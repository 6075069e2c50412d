#!/usr/bin/env bash
# A cluster across hosts on one machine: each host is a Linux network namespace with one interface on a
# private subnet, wired to a bridge in a namespace of its own. Nothing is added to the machine's own
# network namespace: no interface, address, route or rule; the subnet exists only inside these namespaces,
# so nothing in them can be reached from outside, nor reach out. Needs root, iproute2 (ip, ss), curl and jq;
# the faults need nftables, iptables (iptables-legacy) and python3.
#
#   scripts/netns-cluster.sh up          make the hosts (HOSTS, default 3) and each host's cluster.xml
#   scripts/netns-cluster.sh start       start a worker on each host; wait until each sees all of them
#   scripts/netns-cluster.sh run [JSON]  run distributed-gather from a coordinator on host 1, JSON being the
#                                        scenario's parameters; check every result came exactly once
#   scripts/netns-cluster.sh check       on each host: nothing listens on another address than the host's,
#                                        and the worker's status port answers on it
#   scripts/netns-cluster.sh slow HOST [MS] [PERCENT]  HOST's link holds each packet MS ms (default 100) and
#                                        drops PERCENT % (default 5), each way (netem's delay and loss, done
#                                        with NFQUEUE and scripts/slow-link.py: this kernel may have no netem)
#   scripts/netns-cluster.sh partition HOST        cut HOST off from host 1 (the coordinator's), both ways
#   scripts/netns-cluster.sh heal HOST             undo slow or partition on HOST
#   scripts/netns-cluster.sh fault-slow HOST [JSON]   run with HOST slow for the whole run, after a run
#                                        without; print both times to the last result
#   scripts/netns-cluster.sh fault-partition HOST [SECONDS] [JSON]   run; once HOST's worker holds tasks,
#                                        partition it from host 1 for SECONDS (20), heal; print the times
#                                        from the fault to its detection and to the last result, and from
#                                        the heal to HOST's worker being back in one cluster with the others
#   scripts/netns-cluster.sh linkdown HOST / linkup HOST   HOST's link (the switch's end, hN) down / up
#   scripts/netns-cluster.sh remove HOST           SIGKILL every process of HOST and delete its link: the
#                                        host is gone (check and status leave it out from then on)
#   scripts/netns-cluster.sh fault-linkdown HOST [SECONDS] [JSON]   as fault-partition, HOST's link down for
#                                        SECONDS (20) then up: split brain, Hazelcast's merge brings it back
#   scripts/netns-cluster.sh fault-remove HOST [JSON]   run; once HOST's worker holds tasks, remove HOST;
#                                        print the times from the fault to its detection and to the last result
#   scripts/netns-cluster.sh status      the hosts, their processes and each worker's /health
#   scripts/netns-cluster.sh down        stop every process in the hosts and delete the namespaces
#   scripts/netns-cluster.sh demo [JSON] up, start, check, run, down; down also when a step fails
#
# HOST is a host's number (1..HOSTS) or its address. Each node is the jar run the way the README says for
# machines of their own: java -Dvertx.hazelcast.config=<its cluster.xml> -jar app-fat.jar -cluster
# -cluster-host <its address>, with cluster.xml made from src/main/resources/cluster.xml by
# scripts/cluster-xml.sh (its member list and interface replaced, nothing else).
#
# Environment: HOSTS (3; 2-8), NAME (namespace prefix, default asnc: asnc-sw, asnc-h1, ...), SUBNET (the
# first three octets, default 10.77.0: host N is 10.77.0.N), STATE (logs and configurations, default
# target/netns-cluster), JAR (target/app-fat.jar), JAVA_OPTS (default small heap, quick start),
# COORDINATOR_ALONE (0; 1: host 1 runs the coordinator only, no worker, so that a partition of host N
# from host 1 cuts the coordinator from that one worker and nothing else; needs HOSTS 3 or more),
# TIME_SCALE (1), TOLERANCE_MS (1000: the run's tolerance.ms, for the timing claims: a network and 4 JVMs on 2
# cores add more than the default 50 ms; the faults take more), WAIT_SECONDS (90: how long start waits for
# the cluster), RUN_SECONDS (600: how long run lets the coordinator go before stopping it).
set -euo pipefail
# nft, iptables-legacy and ip live in /usr/sbin, which a root shell's PATH may lack.
PATH="$PATH:/usr/sbin:/sbin"
# A stop (Ctrl-C, SIGTERM, a test's timeout) still runs the EXIT traps: a fault is undone, a run's coordinator stopped.
trap 'exit 130' INT
trap 'exit 143' TERM

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
HOSTS="${HOSTS:-3}"
NAME="${NAME:-asnc}"
SUBNET="${SUBNET:-10.77.0}"
STATE="${STATE:-$repo/target/netns-cluster}"
JAR="${JAR:-$repo/target/app-fat.jar}"
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto}"
TIME_SCALE="${TIME_SCALE:-1}"
given_tolerance_ms="${TOLERANCE_MS:-}"
TOLERANCE_MS="${TOLERANCE_MS:-1000}"
WAIT_SECONDS="${WAIT_SECONDS:-90}"
RUN_SECONDS="${RUN_SECONDS:-600}"
COORDINATOR_ALONE="${COORDINATOR_ALONE:-0}"
HZ_PORT=5701
STATUS_PORT=8081
COORDINATOR_STATUS_PORT=8082

say() { printf 'netns-cluster: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
now() { printf '%s' "${EPOCHREALTIME/,/.}"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[[ "$HOSTS" =~ ^[2-8]$ ]] || die "HOSTS must be 2 to 8, not '$HOSTS'"
[[ "$COORDINATOR_ALONE" =~ ^[01]$ ]] || die "COORDINATOR_ALONE must be 0 or 1, not '$COORDINATOR_ALONE'"
(( COORDINATOR_ALONE == 0 || HOSTS >= 3 )) || die "COORDINATOR_ALONE=1 needs HOSTS of 3 or more (two workers at least)"
[[ "$NAME" =~ ^[a-z][a-z0-9]{0,7}$ ]] || die "NAME must be a short lower-case name, not '$NAME'"
[[ "$SUBNET" =~ ^(10|192\.168|172\.(1[6-9]|2[0-9]|3[01]))\.[0-9]+(\.[0-9]+)?$ ]] && [[ "$SUBNET" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] \
  || die "SUBNET must be three octets of a private range (10.x.y, 172.16-31.y, 192.168.y), not '$SUBNET'"

switch_ns="$NAME-sw"
host_ns() { printf '%s-h%s' "$NAME" "$1"; }
host_ip() { printf '%s.%s' "$SUBNET" "$1"; }
in_host() { local h="$1"; shift; ip netns exec "$(host_ns "$h")" "$@"; }

# A host given as its number or its address, as its number.
host_number() {
  local h="$1"
  [[ "$h" == "$SUBNET".* ]] && h="${h##*.}"
  [[ "$h" =~ ^[0-9]+$ ]] && (( 10#$h >= 1 && 10#$h <= HOSTS )) || die "no host '$1' (1..$HOSTS or $SUBNET.1..$SUBNET.$HOSTS)"
  printf '%s' "$(( 10#$h ))"
}

# Hosts still there (not removed by remove).
removed() { [[ -f "$STATE/h$1/removed" ]]; }
live_hosts() { for h in $(seq 1 "$HOSTS"); do removed "$h" || printf '%s\n' "$h"; done; }
# Hosts with a worker: every host, but host 1 when the coordinator has it to itself (COORDINATOR_ALONE=1).
worker_hosts() { live_hosts | { if [[ "$COORDINATOR_ALONE" == 1 ]]; then grep -vx 1; else cat; fi; } || true; }
has_worker() { worker_hosts | grep -qx "$1"; }

ours() { ip netns list | awk '{print $1}' | grep -E "^$NAME-(sw|h[0-9]+)\$" || true; }

need() {
  (( EUID == 0 )) || die "needs root (network namespaces)"
  local missing=()
  for tool in ip ss curl jq "$JAVA"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  (( ${#missing[@]} == 0 )) || die "missing: ${missing[*]} (Debian: iproute2 curl jq)"
  [[ -f "$JAR" ]] || die "no $JAR: build it with mvn -q -B -DskipTests package"
}

cmd_up() {
  need
  [[ -z "$(ours)" ]] || die "namespaces $NAME-* exist already: scripts/netns-cluster.sh down first"
  mkdir -p "$STATE"
  ip netns add "$switch_ns"
  ip -n "$switch_ns" link set lo up
  ip -n "$switch_ns" link add br0 type bridge
  ip -n "$switch_ns" link set br0 up
  local members=()
  for h in $(seq 1 "$HOSTS"); do members+=("$(host_ip "$h"):$HZ_PORT"); done
  for h in $(seq 1 "$HOSTS"); do
    local ns; ns="$(host_ns "$h")"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # The host's end is eth0 in its namespace; the switch's end, h<N>, is a port of the bridge.
    ip -n "$switch_ns" link add "h$h" type veth peer name eth0 netns "$ns"
    ip -n "$switch_ns" link set "h$h" master br0 up
    ip -n "$ns" addr add "$(host_ip "$h")/24" dev eth0
    ip -n "$ns" link set eth0 up
    mkdir -p "$STATE/h$h" && rm -f "$STATE/h$h/removed"
    "$here/cluster-xml.sh" "$(host_ip "$h")" "${members[@]}" > "$STATE/h$h/cluster.xml"
  done
  # What Hazelcast says of joins, splits and merges, with times: the logs the measurements are read from.
  cat > "$STATE/logback.xml" <<'EOF'
<configuration>
  <appender name="stderr" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <logger name="io.netty" level="WARN"/>
  <logger name="com.hazelcast" level="ERROR"/>
  <logger name="com.hazelcast.internal.cluster" level="INFO"/>
  <logger name="com.hazelcast.core.LifecycleService" level="INFO"/>
  <logger name="io.vertx.launcher" level="WARN"/>
  <root level="INFO"><appender-ref ref="stderr"/></root>
</configuration>
EOF
  say "up: $HOSTS hosts $(host_ip 1)..$(host_ip "$HOSTS") ($NAME-h1..$NAME-h$HOSTS, bridge in $switch_ns); configurations in $STATE/h*/cluster.xml"
}

# java ... -cluster -cluster-host ADDRESS on host H, in the background, its output in LOG with a time on
# each line; prints its pid.
start_node() {
  local h="$1" log="$2"; shift 2
  local dir; dir="$(dirname "$log")"
  mkdir -p "$dir/work"
  # Signals at their defaults (a background job of a script has SIGINT ignored, and a JVM keeps it so), in
  # a session of its own, so that nothing but down ends it.
  # shellcheck disable=SC2086
  (cd "$dir" && exec ip netns exec "$(host_ns "$h")" env --default-signal=INT,TERM,HUP setsid "$JAVA" $JAVA_OPTS \
      "-Dvertx.hazelcast.config=$STATE/h$h/cluster.xml" "-Dlogback.configurationFile=$STATE/logback.xml" \
      -jar "$JAR" -cluster -cluster-host "$(host_ip "$h")" "$@" \
      < /dev/null 2>&1 | stamp > "$log") < /dev/null > /dev/null 2>&1 &
}

# Each line with the time it was written (seconds since the epoch, to the microsecond).
stamp() { local line; while IFS= read -r line; do printf '%s %s\n' "${EPOCHREALTIME/,/.}" "$line"; done; }

health() { in_host "$1" curl -s --max-time 2 "http://$(host_ip "$1"):$2/health" 2>/dev/null || true; }

cluster_size() { health "$1" "$STATUS_PORT" | jq -r '.clusterSize // 0' 2>/dev/null || echo 0; }

cmd_start() {
  need
  [[ -n "$(ours)" ]] || die "no hosts: scripts/netns-cluster.sh up first"
  local t0; t0="$(now)"
  local workers; workers="$(worker_hosts | wc -l)"
  for h in $(worker_hosts); do
    start_node "$h" "$STATE/h$h/worker.log" -conf "{\"role\":\"worker\",\"cluster\":{\"statusPort\":$STATUS_PORT}}"
  done
  local deadline=$(( SECONDS + WAIT_SECONDS ))
  for h in $(worker_hosts); do
    until [[ "$(cluster_size "$h")" == "$workers" ]]; do
      (( SECONDS < deadline )) || { tail -n 20 "$STATE/h$h/worker.log" >&2; die "start: the worker on host $h did not see $workers members within $WAIT_SECONDS s"; }
      sleep 0.5
    done
  done
  say "start: $workers workers (hosts $(worker_hosts | tr '\n' ' ')) in one cluster after $(since "$t0") s"
}

# What listens in host H's namespace on an address other than the host's: nothing, or the lines saying so.
strays() {
  local h="$1" ip; ip="$(host_ip "$h")"
  # A Java socket bound to an IPv4 address shows as IPv6's [::ffff:a.b.c.d]: the same address.
  in_host "$h" ss -Hltunp | awk -v ip="$ip" '{ local = $5; sub(/:[^:]*$/, "", local); gsub(/^\[::ffff:|\]$/, "", local); if (local != ip) print }'
}

check_host() {
  local h="$1" bad=0 s
  s="$(strays "$h")"
  if [[ -n "$s" ]]; then
    say "check: host $h ($(host_ip "$h")) has listeners on other addresses:"; printf '%s\n' "$s" >&2; bad=1
  fi
  printf '%s\n' "host $h ($(host_ip "$h")):"
  in_host "$h" ss -Hltun | awk '{print "  " $1 " " $5}' | sort
  return "$bad"
}

cmd_check() {
  need
  local bad=0
  for h in $(live_hosts); do
    check_host "$h" || bad=1
    has_worker "$h" || { printf '  (no worker: the coordinator'"'"'s host)\n'; continue; }
    local body; body="$(health "$h" "$STATUS_PORT")"
    if ! [[ "$(jq -r '.clusterSize // 0' <<<"${body:-null}" 2>/dev/null || true)" =~ ^[1-9] ]]; then
      say "check: the worker on host $h does not answer on $(host_ip "$h"):$STATUS_PORT/health"; bad=1
    else
      printf '  /health on %s:%s: %s\n' "$(host_ip "$h")" "$STATUS_PORT" "$(jq -c '{node, clusterSize, tasksInFlight}' <<<"$body")"
    fi
  done
  (( bad == 0 )) || die "check failed"
  say "check: every listener of every host is on its own address, and each worker answers there"
}

# The coordinator: host 1's processes running distributed-gather.
coordinator_pids() {
  local p
  for p in $(ip netns pids "$(host_ns 1)" 2>/dev/null); do
    tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q -- ' -cluster-host [^ ]* distributed-gather ' && printf '%s\n' "$p"
  done
  true
}

stop_coordinator() {
  local pids; pids="$(coordinator_pids | tr '\n' ' ')"
  # shellcheck disable=SC2086
  [[ -z "${pids// /}" ]] || kill -TERM $pids 2>/dev/null || true
}

cmd_run() {
  need
  [[ -n "$(ours)" ]] || die "no hosts: scripts/netns-cluster.sh up first"
  local params="${1:-}"
  [[ -n "$params" ]] || params='{"count":12,"durations":[1],"replyGraceMs":3000}'
  jq -e 'type == "object"' <<<"$params" >/dev/null 2>&1 || die "run: the parameters must be a JSON object, not '$params'"
  # The last run's files stay in coordinator/, the earlier ones' in runs/<when it started>/.
  local dir="$STATE/coordinator"
  if [[ -f "$dir/started" ]]; then
    mkdir -p "$STATE/runs" && mv "$dir" "$STATE/runs/$(cut -d. -f1 < "$dir/started")"
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  local conf
  conf="$(jq -c --argjson p "$params" --argjson ts "$TIME_SCALE" --argjson tol "$TOLERANCE_MS" --arg json "$dir/report.json" --argjson sp "$COORDINATOR_STATUS_PORT" \
    '{timeScale: $ts, tolerance: {ms: $tol}, report: {json: $json}, cluster: {statusPort: $sp}, scenario: {"distributed-gather": $p}}' <<<'{}')"
  printf '%s\n' "$conf" > "$dir/conf.json"
  local t0; t0="$(now)"
  printf '%s\n' "$t0" > "$dir/started"
  start_node 1 "$dir/coordinator.log" distributed-gather -conf "$conf"
  local runner=$!
  # Stopped with this script, unless a trap is set already: demo's down stops every process of the hosts.
  local own_trap=0
  [[ -n "$(trap -p EXIT)" ]] || { own_trap=1; trap stop_coordinator EXIT; }
  # While it runs: the coordinator too listens on host 1's address only (its status port, Hazelcast, the
  # event bus), looked at every half second from the moment it answers until it ends.
  local answered=0 deadline=$(( SECONDS + RUN_SECONDS ))
  : > "$dir/strays.txt"
  while kill -0 "$runner" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      say "run: the coordinator still ran after $RUN_SECONDS s (RUN_SECONDS): stopping it"
      stop_coordinator
      deadline=$(( SECONDS + 60 ))
    fi
    if (( answered )) || [[ -n "$(health 1 "$COORDINATOR_STATUS_PORT")" ]]; then
      answered=1
      strays 1 >> "$dir/strays.txt" || true
    fi
    sleep 0.5
  done
  # The coordinator's exit code (pipefail: the pipe's status is its own, stamp ends with 0).
  local code=0
  wait "$runner" || code=$?
  (( own_trap == 0 )) || trap - EXIT
  local took; took="$(since "$t0")"
  printf '%s\n' "$code" > "$dir/exit-code"
  cut -d' ' -f2- < "$dir/coordinator.log" > "$dir/output.txt"
  [[ -f "$dir/report.json" ]] || { tail -n 30 "$dir/output.txt" >&2; die "run: no report written ($dir/report.json)"; }
  local verdict
  verdict="$(jq -r '.scenarios[0] as $s | $s.result as $r
    | ($r.results | map(.id)) as $ids
    | [ $r.count, ($ids | length), ($ids | unique | length), ($r.resent | length), $r.duplicates, $s.elapsedMs,
        ([$s.claims[] | select(.held | not)] | length), ($r.perNode | to_entries | map("\(.key[0:8])=\(.value)") | join(" ")) ]
    | @tsv' "$dir/report.json")"
  local count results distinct resent duplicates elapsed failed per_node
  IFS=$'\t' read -r count results distinct resent duplicates elapsed failed per_node <<<"$verdict"
  printf 'run: %s tasks, %s results, %s distinct; %s re-sent, %s duplicate(s) dropped; claims not held: %s; per node: %s; exit code %s; the scenario took %s ms, the coordinator %s s\n' \
    "$count" "$results" "$distinct" "$resent" "$duplicates" "$failed" "$per_node" "$code" "$elapsed" "$took"
  # The gather itself, on the scenario's own clock: from the tasks sent to the last result.
  local gather
  gather="$(awk '/ s  Gathering [0-9]+ / { sent = $1 } / s  [0-9]+ of [0-9]+ results gathered/ { last = $1 }
    END { if (sent != "" && last != "") printf "%.3f", last - sent }' "$dir/output.txt")"
  printf '    the gather: last result %s s after the tasks were sent\n' "${gather:--}"
  printf 'elapsed_ms=%s\ngather_s=%s\nexit_code=%s\n' "$elapsed" "$gather" "$code" > "$dir/summary"
  (( answered )) || die "run: the coordinator never answered on $(host_ip 1):$COORDINATOR_STATUS_PORT"
  [[ ! -s "$dir/strays.txt" ]] || { sort -u "$dir/strays.txt" >&2; die "run: something listened on host 1 on another address than $(host_ip 1)"; }
  [[ "$count" == "$results" && "$count" == "$distinct" ]] || die "run: not every result exactly once"
  [[ "$failed" == 0 ]] || { grep -E '^ +✗' "$dir/output.txt" >&2 || true; die "run: a claim did not hold"; }
  [[ "$code" == 0 ]] || die "run: the coordinator exited with $code, not 0"
  say "run: every result exactly once, every claim held; the coordinator listened on $(host_ip 1) only"
}

# Faults, each on one host's link, in that host's namespace, undone by heal.
fault_table() { printf 'netns_cluster_fault'; }

cmd_slow() {
  need
  local h; h="$(host_number "${1:?slow HOST [MS] [PERCENT]}")"
  local ms="${2:-100}" pct="${3:-5}"
  [[ "$ms" =~ ^[0-9]+$ && "$pct" =~ ^[0-9]+$ ]] && (( pct <= 100 )) || die "slow: MS and PERCENT are whole numbers, PERCENT at most 100"
  command -v iptables-legacy >/dev/null || die "needs iptables-legacy (Debian: iptables)"
  [[ -x /usr/bin/python3 ]] || die "needs /usr/bin/python3 (Debian: python3)"
  [[ ! -f "$STATE/h$h/slow-link.pid" ]] || die "slow: host $h is slow already; heal it first"
  # Every packet of eth0, in and out, goes through queue 0 to slow-link.py; --queue-bypass lets packets
  # through should it not run.
  in_host "$h" iptables-legacy -A INPUT -i eth0 -j NFQUEUE --queue-num 0 --queue-bypass
  in_host "$h" iptables-legacy -A OUTPUT -o eth0 -j NFQUEUE --queue-num 0 --queue-bypass
  (exec ip netns exec "$(host_ns "$h")" /usr/bin/python3 "$here/slow-link.py" 0 "$ms" "$pct" \
    < /dev/null > "$STATE/h$h/slow-link.log" 2>&1) &
  printf '%s\n' "$!" > "$STATE/h$h/slow-link.pid"
  local deadline=$(( SECONDS + 10 ))
  until grep -q "every packet held" "$STATE/h$h/slow-link.log" 2>/dev/null; do
    kill -0 "$(cat "$STATE/h$h/slow-link.pid")" 2>/dev/null && (( SECONDS < deadline )) \
      || { cat "$STATE/h$h/slow-link.log" >&2; cmd_heal "$h"; die "slow: slow-link.py did not start"; }
    sleep 0.1
  done
  say "slow: host $h's link holds each packet $ms ms and drops $pct %, each way"
}

cmd_partition() {
  need
  local h; h="$(host_number "${1:?partition HOST}")"
  (( h != 1 )) || die "partition: host 1 is the coordinator's; name another"
  command -v nft >/dev/null || die "needs nft (Debian: nftables)"
  local peer; peer="$(host_ip 1)"
  in_host "$h" nft -f - <<EOF
table inet $(fault_table) {
  chain in { type filter hook input priority 0; ip saddr $peer drop; }
  chain out { type filter hook output priority 0; ip daddr $peer drop; }
}
EOF
  say "partition: host $h and host 1 ($peer) no longer reach each other"
}

cmd_heal() {
  need
  local h; h="$(host_number "${1:?heal HOST}")"
  in_host "$h" nft delete table inet "$(fault_table)" 2>/dev/null || true
  if [[ -f "$STATE/h$h/slow-link.pid" ]]; then
    in_host "$h" iptables-legacy -F INPUT 2>/dev/null || true
    in_host "$h" iptables-legacy -F OUTPUT 2>/dev/null || true
    local pid; pid="$(cat "$STATE/h$h/slow-link.pid")"
    # Only if it is still the host's own (a pid that ended may since belong to another process).
    ip netns pids "$(host_ns "$h")" | grep -qx "$pid" && kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$STATE/h$h/slow-link.pid"
  fi
  say "heal: host $h's link is whole again"
}

# The time (seconds since the epoch) of the coordinator's first output line matching a pattern, or nothing.
coordinator_time() { { grep -m1 -E "$1" "$STATE/coordinator/coordinator.log" || true; } | cut -d' ' -f1; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

cmd_fault_slow() {
  local h; h="$(host_number "${1:?fault-slow HOST [JSON]}")"
  local params="${2:-{\"count\":12,\"durations\":[5],\"replyGraceMs\":3000\}}"
  # A slow link makes every request and reply later (measured: 1.6-2.1 s more for tasks of 5 s, a lost
  # packet costing a TCP retransmission each): the timing claim gets room, the counts none.
  TOLERANCE_MS="${given_tolerance_ms:-4000}"
  cmd_run "$params"
  local before; before="$(sed -n 's/^gather_s=//p' "$STATE/coordinator/summary")"
  trap 'cmd_heal '"$h"'; stop_coordinator' EXIT
  cmd_slow "$h"
  cmd_run "$params"
  local after; after="$(sed -n 's/^gather_s=//p' "$STATE/coordinator/summary")"
  tail -n 1 "$STATE/h$h/slow-link.log"
  trap - EXIT
  cmd_heal "$h"
  printf 'fault-slow: last result %s s after the tasks were sent with host %s slow (%s), %s s without; every result exactly once both times\n' \
    "$after" "$h" "$(head -n 1 "$STATE/h$h/slow-link.log" | sed 's/^slow-link: queue 0: //')" "$before"
}

# Whether the workers on hosts A and B each list the other among their members, by the ids they have now.
one_cluster() {
  local a b
  a="$(health "$1" "$STATUS_PORT")"; b="$(health "$2" "$STATUS_PORT")"
  jq -e -n --argjson a "${a:-null}" --argjson b "${b:-null}" \
    '$a != null and $b != null and ($a.members | index($b.node)) != null and ($b.members | index($a.node)) != null' >/dev/null 2>&1
}

# Whether HOST's worker and every other remaining host's list each other (a merged member has a new id).
back_in_cluster() {
  local h="$1" o
  for o in $(worker_hosts); do
    (( o == h )) || one_cluster "$h" "$o" || return 1
  done
}

# Starts a run in the background (its output in $STATE/fault-run.txt, its pid in fault_runner) and returns
# once HOST's worker holds tasks: the moment a fault is "mid-run".
run_until_host_busy() {
  local h="$1" params="$2"
  (cmd_run "$params") > "$STATE/fault-run.txt" 2>&1 &
  fault_runner=$!
  local deadline=$(( SECONDS + WAIT_SECONDS ))
  until [[ "$(in_host "$h" curl -s --max-time 2 "http://$(host_ip "$h"):$STATUS_PORT/tasks" | jq 'length' 2>/dev/null)" =~ ^[1-9] ]]; do
    kill -0 "$fault_runner" 2>/dev/null && (( SECONDS < deadline )) || { cat "$STATE/fault-run.txt" >&2; die "host $h's worker never held a task"; }
    sleep 0.2
  done
  # Which node the fault hits: the one the coordinator's re-sends must name, and no other.
  faulted_node="$(health "$h" "$STATUS_PORT" | jq -r '.node // "?"' 2>/dev/null || echo '?')"
}

# The coordinator's view of a fault at T_FAULT: when its member list changed, its first re-send, its last result.
print_detection() {
  local what="$1" t_fault="$2" code="$3"
  local t_resent t_last t_members
  t_resent="$(coordinator_time ': re-sent ')"
  t_last="$(coordinator_time ' results gathered; ')"
  t_members="$(awk -v t="$t_fault" '$1 > t && /Members \{size:/ { print $1; exit }' "$STATE/coordinator/coordinator.log")"
  printf '  the coordinator'"'"'s cluster changed %s s after the %s; it re-sent the first task %s s after it (%s);\n' \
    "$( [[ -n "$t_members" ]] && seconds_between "$t_fault" "$t_members" || echo -)" "$what" \
    "$( [[ -n "$t_resent" ]] && seconds_between "$t_fault" "$t_resent" || echo -)" \
    "$(grep -m1 ': re-sent ' "$STATE/coordinator/output.txt" | sed 's/^ *[0-9.]* s  //' | cut -c1-120)"
  [[ -n "$t_members" ]] || printf '  (the coordinator'"'"'s member list never changed: Hazelcast kept the worker, as its master still reached it; the tasks were re-sent on the reply timeout, the task'"'"'s duration + replyGraceMs)\n'
  printf '  last result %s s after the %s; %s; coordinator exit code %s\n' \
    "$( [[ -n "$t_last" ]] && seconds_between "$t_fault" "$t_last" || echo -)" "$what" \
    "$(grep -m1 -o '[0-9]* of [0-9]* results gathered; [0-9]* re-sent, [0-9]* duplicate(s) dropped' "$STATE/coordinator/output.txt" || echo 'no result line')" "$code"
}

# A fault cut with CUT_COMMAND HOST and undone SECONDS later with HEAL_COMMAND HOST, mid-run.
fault_cut_heal() {
  local kind="$1" cut_command="$2" heal_command="$3" h="$4" cut="$5" params="$6" doing="$7"
  (( h != 1 )) || die "$kind: host 1 is the coordinator's; name another"
  [[ "$cut" =~ ^[0-9]+$ ]] || die "$kind: SECONDS is a whole number"
  TOLERANCE_MS="${given_tolerance_ms:-2000}"
  # shellcheck disable=SC2064 # the host and command now, not when the trap runs
  trap "$heal_command $h; stop_coordinator" EXIT
  run_until_host_busy "$h" "$params"
  local t_fault; t_fault="$(now)"
  "$cut_command" "$h"
  # In the background: a stop (SIGTERM) is heard at once, not after the sleep.
  sleep "$cut" & wait "$!"
  local t_heal; t_heal="$(now)"
  trap stop_coordinator EXIT
  "$heal_command" "$h"
  # Back: HOST's worker and every other worker's each list the other (looked at from the heal on, the run
  # still going or not).
  local deadline=$(( SECONDS + 120 ))
  until back_in_cluster "$h"; do
    (( SECONDS < deadline )) || { kill "$fault_runner" 2>/dev/null; die "$kind: host $h's worker was not back in one cluster with the others within 120 s of the heal"; }
    sleep 0.2
  done
  local t_back; t_back="$(now)"
  local code=0
  wait "$fault_runner" || code=$?
  trap - EXIT
  cat "$STATE/fault-run.txt"
  printf '%s: host %s (node %s) %s for %s s, mid-run (its worker held tasks):\n' "$kind" "$h" "$faulted_node" "$doing" "$cut"
  print_detection "cut" "$t_fault" "$code"
  if [[ "$COORDINATOR_ALONE" == 1 ]]; then
    # Host 1 runs no worker: what is compared is host h's worker with the other workers, which the cut between
    # host h and host 1 did not touch; the coordinator's own member list is the line above.
    printf '  host %s'"'"'s worker and the other workers listed each other %s s after the heal (the cut was between host %s and the coordinator only)\n' "$h" "$(seconds_between "$t_heal" "$t_back")" "$h"
  else
    printf '  host %s back in one cluster with the other hosts %s s after the heal\n' "$h" "$(seconds_between "$t_heal" "$t_back")"
  fi
  (( code == 0 )) || die "$kind: the run failed (exit code $code)"
}

cmd_fault_partition() {
  local h; h="$(host_number "${1:?fault-partition HOST [SECONDS] [JSON]}")"
  fault_cut_heal fault-partition cmd_partition cmd_heal "$h" "${2:-20}" "${3:-{\"count\":12,\"durations\":[10],\"replyGraceMs\":3000\}}" "cut from host 1"
}

cmd_linkdown() {
  need
  local h; h="$(host_number "${1:?linkdown HOST}")"
  (( h != 1 )) || die "linkdown: host 1 is the coordinator's; name another"
  ip -n "$switch_ns" link set "h$h" down
  say "linkdown: host $h's link is down (no carrier on its eth0)"
}

cmd_linkup() {
  need
  local h; h="$(host_number "${1:?linkup HOST}")"
  ip -n "$switch_ns" link set "h$h" up
  say "linkup: host $h's link is up"
}

cmd_fault_linkdown() {
  local h; h="$(host_number "${1:?fault-linkdown HOST [SECONDS] [JSON]}")"
  fault_cut_heal fault-linkdown cmd_linkdown cmd_linkup "$h" "${2:-20}" "${3:-{\"count\":12,\"durations\":[10],\"replyGraceMs\":3000\}}" "with its link down"
}

cmd_remove() {
  need
  local h; h="$(host_number "${1:?remove HOST}")"
  (( h != 1 )) || die "remove: host 1 is the coordinator's; name another"
  removed "$h" && die "remove: host $h is removed already"
  local pids; pids="$(ip netns pids "$(host_ns "$h")" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  [[ -z "${pids// /}" ]] || kill -KILL $pids 2>/dev/null || true
  ip -n "$switch_ns" link del "h$h"
  touch "$STATE/h$h/removed"
  local alive=""
  for _ in $(seq 1 50); do
    alive="$(ip netns pids "$(host_ns "$h")" | tr '\n' ' ')"
    [[ -z "${alive// /}" ]] && break
    sleep 0.1
  done
  [[ -z "${alive// /}" ]] || die "remove: still alive after SIGKILL: $alive"
  say "remove: host $h's processes killed (SIGKILL: ${pids:-none}) and its link deleted"
}

cmd_fault_remove() {
  local h; h="$(host_number "${1:?fault-remove HOST [JSON]}")"
  local params="${2:-{\"count\":12,\"durations\":[10],\"replyGraceMs\":3000\}}"
  (( h != 1 )) || die "fault-remove: host 1 is the coordinator's; name another"
  removed "$h" && die "fault-remove: host $h is removed already"
  TOLERANCE_MS="${given_tolerance_ms:-2000}"
  trap stop_coordinator EXIT
  run_until_host_busy "$h" "$params"
  local t_fault; t_fault="$(now)"
  cmd_remove "$h"
  local code=0
  wait "$fault_runner" || code=$?
  trap - EXIT
  cat "$STATE/fault-run.txt"
  printf 'fault-remove: host %s (node %s) removed mid-run (its worker held tasks; its processes SIGKILLed, its link deleted):\n' "$h" "$faulted_node"
  print_detection "removal" "$t_fault" "$code"
  (( code == 0 )) || die "fault-remove: the run failed (exit code $code)"
}

cmd_status() {
  for ns in $(ours); do
    printf '%s: pids %s\n' "$ns" "$(ip netns pids "$ns" | tr '\n' ' ')"
  done
  for h in $(worker_hosts); do
    ours | grep -qx "$(host_ns "$h")" || continue
    printf 'host %s: %s\n' "$h" "$(health "$h" "$STATUS_PORT" | jq -c '{node, clusterSize, members, tasksInFlight}' 2>/dev/null)"
  done
}

cmd_down() {
  local namespaces; namespaces="$(ours)"
  [[ -n "$namespaces" ]] || return 0
  # Every process in our namespaces, and only those: SIGTERM (a worker's normal stop), then SIGKILL.
  local pids
  pids="$(for ns in $namespaces; do ip netns pids "$ns"; done | sort -u | tr '\n' ' ')"
  if [[ -n "${pids// /}" ]]; then
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null || true
    local alive=""
    for _ in $(seq 1 50); do
      # Read again each time: only processes still in our namespaces, never a pid reused elsewhere.
      alive="$(for ns in $namespaces; do ip netns pids "$ns"; done | tr '\n' ' ')"
      [[ -z "${alive// /}" ]] && break
      sleep 0.2
    done
    # shellcheck disable=SC2086
    [[ -z "${alive// /}" ]] || kill -KILL $alive 2>/dev/null || true
  fi
  for ns in $namespaces; do ip netns del "$ns" 2>/dev/null || true; done
  rm -f "$STATE"/h*/slow-link.pid
  wait 2>/dev/null || true
  [[ -z "$(ours)" ]] || die "down: could not delete $(ours | tr '\n' ' ')"
  say "down: stopped ${pids:-nothing }and deleted $(tr '\n' ' ' <<<"$namespaces")"
}

cmd_demo() {
  # Takes down only hosts it made itself.
  [[ -z "$(ours)" ]] || die "namespaces $NAME-* exist already: scripts/netns-cluster.sh down first"
  trap cmd_down EXIT
  cmd_up
  cmd_start
  cmd_check
  cmd_run "${1:-}"
  cmd_check
}

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

command="${1:-}"
shift || true
case "$command" in
  up) cmd_up ;;
  start) cmd_start ;;
  run) cmd_run "$@" ;;
  check) cmd_check ;;
  slow) cmd_slow "$@" ;;
  fault-slow) cmd_fault_slow "$@" ;;
  fault-partition) cmd_fault_partition "$@" ;;
  fault-linkdown) cmd_fault_linkdown "$@" ;;
  fault-remove) cmd_fault_remove "$@" ;;
  linkdown) cmd_linkdown "$@" ;;
  linkup) cmd_linkup "$@" ;;
  remove) cmd_remove "$@" ;;
  partition) cmd_partition "$@" ;;
  heal) cmd_heal "$@" ;;
  status) cmd_status ;;
  down) cmd_down ;;
  demo) cmd_demo "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
