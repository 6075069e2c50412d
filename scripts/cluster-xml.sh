#!/usr/bin/env bash
# A host's Hazelcast configuration for a cluster across machines, made from the project's only one
# (src/main/resources/cluster.xml, or the jar's copy of it): the same file with its <member> list replaced
# by the members' addresses and its <interface> by this host's own. Nothing else changes.
#
#   scripts/cluster-xml.sh THIS_ADDRESS MEMBER... > cluster-this-host.xml
#   scripts/cluster-xml.sh 10.0.0.5 10.0.0.5:5701 10.0.0.6:5701 10.0.0.7:5701 > cluster.xml
#
# MEMBER is an address with its Hazelcast port (5701 is the first a member binds; a second member on the
# same host binds 5702). A member without a port makes Hazelcast try three ports there, and each one nobody
# listens on costs a split-brain check 5 s. Then, on that host:
#   java -Dvertx.hazelcast.config=cluster.xml -jar app-fat.jar -cluster -cluster-host THIS_ADDRESS ...
# (run.sh: VERTX_HAZELCAST_CONFIG=cluster.xml ./run.sh --cluster -cluster-host THIS_ADDRESS ...)
#
# SOURCE (environment) names another file to start from; by default src/main/resources/cluster.xml
# beside this script, else cluster.xml out of target/app-fat.jar.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if (( $# < 2 )); then
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
this="$1"
shift

address='^[0-9A-Za-z.:_-]+$'
for value in "$this" "$@"; do
  [[ "$value" =~ $address ]] || { echo "cluster-xml.sh: not an address: '$value'" >&2; exit 2; }
done

source_file="${SOURCE:-$(cd "$here/.." && pwd)/src/main/resources/cluster.xml}"
if [[ -f "$source_file" ]]; then
  xml="$(cat "$source_file")"
elif [[ -z "${SOURCE:-}" && -f "$here/../target/app-fat.jar" ]]; then
  source_file="target/app-fat.jar!/cluster.xml"
  xml="$(unzip -p "$here/../target/app-fat.jar" cluster.xml)"
else
  echo "cluster-xml.sh: no $source_file" >&2
  exit 2
fi

# The member list's <member> lines are replaced by one per member; the <interface> line names this host.
# Each must be found exactly where it is now: a cluster.xml of another shape is refused, not half changed.
out="$(awk -v this="$this" -v members="$*" -v from="$source_file" '
  BEGIN { n = split(members, list, " "); replaced = 0; interfaces = 0; inlist = 0 }
  /<\?xml / && !said { print; print "<!-- Made by scripts/cluster-xml.sh from " from " for the host " this ": its member list and interface are the only changes. -->"; said = 1; next }
  /<member-list>/ { inlist = 1; print; match($0, /^ */); indent = substr($0, 1, RLENGTH) "  "; next }
  inlist && /<member>[^<]*<\/member>/ { replaced++; next }
  inlist && /<\/member-list>/ {
    for (i = 1; i <= n; i++) print indent "<member>" list[i] "</member>"
    inlist = 0; print; next
  }
  /<interface>127\.0\.0\.1<\/interface>/ { sub(/127\.0\.0\.1/, this); interfaces++ }
  { print }
  END {
    if (replaced == 0) { print "cluster-xml.sh: no <member> in a <member-list>" > "/dev/stderr"; exit 3 }
    if (interfaces != 1) { print "cluster-xml.sh: expected one <interface>127.0.0.1</interface>, found " interfaces > "/dev/stderr"; exit 3 }
  }' <<<"$xml")"

# Nothing of loopback may be left outside comments: a member would otherwise look for, or bind, 127.0.0.1.
if sed 's/<!--.*-->//' <<<"$out" | awk '/<!--/{c=1} !c{print} /-->/{c=0}' | grep -q '127\.0\.0\.1'; then
  echo "cluster-xml.sh: 127.0.0.1 is still in $source_file after the changes; its shape changed" >&2
  exit 3
fi
printf '%s\n' "$out"
