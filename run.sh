#!/usr/bin/env bash
# Builds target/app-fat.jar when it is missing or older than the sources, then runs it.
#   ./run.sh                     the default selection (conf/config.json, else every tutorial scenario)
#   ./run.sh tasks futures       just those scenarios
#   ./run.sh --list              the catalogue
#   ./run.sh --cluster ...       a clustered node, with conf/cluster.xml (Hazelcast on 127.0.0.1)
#   ./run.sh -conf '{"timeScale":0.1}'   any other option passes through to the application
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/app-fat.jar"

if [[ ! -f "$jar" ]] || [[ -n "$(find "$here/pom.xml" "$here/src/main" -newer "$jar" -print -quit)" ]]; then
  echo "run.sh: building $jar ..." >&2
  mvn -q -B -f "$here/pom.xml" -DskipTests package >&2
fi

jvm_options=()
if [[ " $* " == *" --cluster "* || " $* " == *" -cluster "* ]]; then
  # The editable Hazelcast configuration; without it the jar's copy is used.
  jvm_options+=("-Dvertx.hazelcast.config=${VERTX_HAZELCAST_CONFIG:-$here/conf/cluster.xml}")
fi

exec java ${JAVA_OPTS:-} "${jvm_options[@]}" -jar "$jar" "$@"
