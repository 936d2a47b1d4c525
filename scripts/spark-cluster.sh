#!/usr/bin/env bash
# A real Spark standalone cluster on localhost: one master and two workers, each its own JVM,
# on the Spark jars Maven resolved for dist (no Spark download). Usage:
#   scripts/spark-cluster.sh start   # prints nothing; waits until both workers registered
#   scripts/spark-cluster.sh url     # spark://127.0.0.1:PORT
#   scripts/spark-cluster.sh stop
#   scripts/spark-cluster.sh status
# Environment: SPARK_CLUSTER_PORT (7177), SPARK_CLUSTER_DIR (.gridwatch/spark),
# SPARK_WORKER_CORES (1), SPARK_WORKER_MEMORY (1g).
#
# SPARK_HOME is a folder whose jars/ links every non-gridwatch jar of dist/target/runtime.classpath:
# that is all a worker needs to launch executors. gridwatch's own jars are NOT there on purpose:
# the driver ships them (spark.jars, see SparkSessions), as it must on any real cluster.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${SPARK_CLUSTER_PORT:-7177}"
DIR="${SPARK_CLUSTER_DIR:-$ROOT/.gridwatch/spark}"
HOME_DIR="$DIR/home"
URL="spark://127.0.0.1:$PORT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

spark_home() {
  local cp="$ROOT/dist/target/runtime.classpath"
  if [ ! -f "$cp" ]; then
    (cd "$ROOT" && mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true package) >&2
  fi
  rm -rf "$HOME_DIR"
  mkdir -p "$HOME_DIR/jars" "$HOME_DIR/conf" "$DIR/logs" "$DIR/work"
  # a RELEASE file makes Spark's launcher take jars/ as a binary distribution's classpath
  echo "Spark (Maven-resolved jars of gridwatch dist)" >"$HOME_DIR/RELEASE"
  tr ':' '\n' <"$cp" | while read -r jar; do
    case "$(basename "$jar")" in gridwatch-*) continue ;; esac
    [ -f "$jar" ] && ln -sf "$jar" "$HOME_DIR/jars/$(basename "$jar")"
  done
}

run_bg() { # name, main class, args...
  local name="$1"; shift
  # shellcheck disable=SC2046
  SPARK_HOME="$HOME_DIR" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 nohup "$JAVA" $(cat "$ROOT/dist/target/launcher/spark-jvm.flags") \
    -Xmx512m -Duser.timezone=Asia/Shanghai -cp "$HOME_DIR/conf:$HOME_DIR/jars/*" "$@" \
    >"$DIR/logs/$name.log" 2>&1 &
  echo $! >"$DIR/$name.pid"
}

alive() { [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }

registered_workers() {
  grep -c "Registering worker" "$DIR/logs/master.log" 2>/dev/null || true
}

start() {
  if alive master; then return 0; fi
  spark_home
  run_bg master org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$PORT" --webui-port 0
  for w in 1 2; do
    run_bg "worker$w" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --webui-port 0 --cores "${SPARK_WORKER_CORES:-1}" \
      --memory "${SPARK_WORKER_MEMORY:-1g}" --work-dir "$DIR/work/worker$w" "$URL"
  done
  for _ in $(seq 1 120); do
    if [ "$(registered_workers)" -ge 2 ]; then return 0; fi
    for n in master worker1 worker2; do
      if ! alive "$n"; then
        echo "spark-cluster: $n exited; log:" >&2; tail -30 "$DIR/logs/$n.log" >&2; stop; return 1
      fi
    done
    sleep 1
  done
  echo "spark-cluster: workers did not register within 120 s" >&2
  tail -30 "$DIR/logs/master.log" >&2
  stop
  return 1
}

stop() {
  for n in worker1 worker2 master; do
    if alive "$n"; then kill "$(cat "$DIR/$n.pid")" 2>/dev/null || true; fi
    rm -f "$DIR/$n.pid"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  status)
    for n in master worker1 worker2; do
      if alive "$n"; then echo "$n running"; else echo "$n stopped"; fi
    done ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
