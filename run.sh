#!/usr/bin/env bash
# Builds target/app-fat.jar when it is missing or older than the sources, then runs it.
#   ./run.sh                     the default selection (conf/config.json, else every tutorial scenario)
#   ./run.sh tasks futures       just those scenarios
#   ./run.sh --list              the catalogue
#   ./run.sh --cluster ...       a clustered node, with the jar's cluster.xml (Hazelcast on 127.0.0.1)
#   ./run.sh -conf '{"timeScale":0.1}'   any other option passes through to the application
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/app-fat.jar"

if [[ ! -f "$jar" ]] || [[ -n "$(find "$here/pom.xml" "$here/src/main" -newer "$jar" -print -quit)" ]]; then
  echo "run.sh: building $jar ..." >&2
  mvn -q -B -f "$here/pom.xml" -DskipTests package >&2
fi

# A class-data sharing archive of the application's classes roughly halves its start-up. It is made once
# per jar by a short training run, and used only by the JVM that made it (a different JDK just ignores it).
cds="$here/target/app-cds.jsa"
if [[ ! -f "$cds" || "$cds" -ot "$jar" ]]; then
  rm -f "$cds"
  java -XX:ArchiveClassesAtExit="$cds" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" \
    -conf '{"scenarios":["async-def"],"workDir":"'"$here/target/cds-training"'"}' >/dev/null 2>&1 || rm -f "$cds"
fi
jvm_options=()
if [[ -f "$cds" ]]; then
  jvm_options+=("-XX:SharedArchiveFile=$cds" "-Xlog:cds=off" "-Xlog:cds+dynamic=off")
fi
if [[ " $* " == *" --cluster "* || " $* " == *" -cluster "* ]]; then
  # The Hazelcast configuration: the jar's own (src/main/resources/cluster.xml), or the file
  # VERTX_HAZELCAST_CONFIG names (an edited copy of it).
  jvm_options+=("-Dvertx.hazelcast.config=${VERTX_HAZELCAST_CONFIG:-classpath:cluster.xml}")
fi

exec java ${JAVA_OPTS:-} "${jvm_options[@]}" -jar "$jar" "$@"
