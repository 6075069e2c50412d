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
if [[ ! -e "$cds" || "$cds" -ot "$jar" ]]; then
  rm -f "$cds"
  mkdir -p "$here/target/cds-training"
  # A JVM that cannot write the archive (a JDK bug) crashes quietly: its report goes to target/, the shell's
  # word on it to /dev/null (the `|| exit` keeps a subshell there to hear it), and an empty archive marks
  # this jar as tried, so that the next runs start without one instead of trying again.
  ( java -XX:ArchiveClassesAtExit="$cds" -XX:ErrorFile="$here/target/cds-training/hs_err_%p.log" \
      -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" \
      -conf '{"scenarios":["async-def"],"workDir":"'"$here/target/cds-training"'"}' || exit 1 ) >/dev/null 2>&1 || : > "$cds"
fi
jvm_options=()
if [[ -s "$cds" ]]; then
  jvm_options+=("-XX:SharedArchiveFile=$cds" "-Xlog:cds=off" "-Xlog:cds+dynamic=off")
fi
if [[ " $* " == *" --cluster "* || " $* " == *" -cluster "* ]]; then
  # The Hazelcast configuration: the jar's own (src/main/resources/cluster.xml), or the file
  # VERTX_HAZELCAST_CONFIG names (an edited copy of it).
  jvm_options+=("-Dvertx.hazelcast.config=${VERTX_HAZELCAST_CONFIG:-classpath:cluster.xml}")
fi

exec java ${JAVA_OPTS:-} "${jvm_options[@]}" -jar "$jar" "$@"
