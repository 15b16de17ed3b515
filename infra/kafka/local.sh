#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft: broker + controller in one JVM) for tests and local development,
# run straight from the Maven Central jars. There is no Docker and no tarball download here: Maven
# Central is the one source of Kafka we can rely on, so Maven fetches the jar set once into a cache.
#
#   infra/kafka/local.sh start    fetch jars (once), wipe data, start, wait until it serves requests
#   infra/kafka/local.sh stop     SIGTERM, SIGKILL after 30 s
#   infra/kafka/local.sh status   prints running/stopped, exit 0/1
#
# Progress goes to stderr; on success `start` prints KAFKA_BROKERS=host:port as its last stdout line,
# so `eval "$(infra/kafka/local.sh start)"` works. Environment (see README.md):
#   KAFKA_VERSION (4.4.0)  KAFKA_PORT (9092)  KAFKA_CONTROLLER_PORT (9093)
#   KAFKA_CACHE_DIR (infra/kafka/.cache)  KAFKA_START_TIMEOUT (90 seconds)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
KAFKA_HOST=127.0.0.1 # loopback only: nothing outside this machine should reach a test broker
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

# Absolute, because the path ends up in server.properties and the log4j2 config.
mkdir -p "${KAFKA_CACHE_DIR:-$SCRIPT_DIR/.cache}"
CACHE_DIR="$(cd "${KAFKA_CACHE_DIR:-$SCRIPT_DIR/.cache}" && pwd)"
LIBS_DIR="$CACHE_DIR/$KAFKA_VERSION/libs"

# Runtime state does not depend on the version, so `stop`/`status` find the broker whatever
# KAFKA_VERSION says in the shell that calls them.
RUN_DIR="$CACHE_DIR/run"
PID_FILE="$RUN_DIR/kafka.pid"
BROKERS_FILE="$RUN_DIR/brokers"  # host:port of the running broker, for `status` and a repeated `start`
CONFIG_FILE="$RUN_DIR/server.properties"
LOG4J_FILE="$RUN_DIR/log4j2.properties"
LOG_FILE="$RUN_DIR/kafka.log"    # the broker's log4j2 output
OUT_FILE="$RUN_DIR/kafka.out"    # JVM stdout/stderr: crashes and errors from before log4j2 is up
DATA_DIR="$RUN_DIR/data"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { echo "kafka: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- processes and ports ---------------------------------------------------------------------------

# Command line of a live process, empty if it is gone. A zombie has an empty cmdline too, which
# matters because a process we killed may not be reaped (yet) and `kill -0` still succeeds on it.
cmdline_of() {
  if [[ -r "/proc/$1/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
  else
    ps -o args= -p "$1" 2>/dev/null || true
  fi
}

# The process exists and is not a zombie (a child that died but was not reaped yet).
alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state="$(ps -o stat= -p "$1" 2>/dev/null || true)"
  [[ -n "$state" && "$state" != Z* ]]
}

# True if $1 is the broker this script started: a live pid alone is not proof, pids get reused.
is_our_broker() {
  local cmd
  cmd="$(cmdline_of "$1")"
  [[ "$cmd" == *kafka.Kafka* && "$cmd" == *"$CONFIG_FILE"* ]]
}

# Prints the pid and succeeds if our broker is running.
running_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && is_our_broker "$pid" || return 1
  echo "$pid"
}

# Something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/$KAFKA_HOST/$1") 2>/dev/null; }

# An open port is not enough: Kafka binds its listener early, and the kernel completes TCP
# handshakes long before the broker processes requests. So send a real Kafka request
# (ApiVersions v0: size=10, api_key=18, api_version=0, correlation_id=42, client_id=null) and
# check that the answer carries our correlation id. Kafka answers ApiVersions even for versions
# it no longer supports (with an error code), so this works across broker versions.
broker_answers() {
  local reply
  # shellcheck disable=SC2016 # $0/$1 are meant for the inner bash
  reply="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x2a\xff\xff" >&3
    head -c 8 <&3 | od -An -tx1 | tr -d " \n"' "$KAFKA_HOST" "$KAFKA_PORT" 2>/dev/null)" || return 1
  # 4 bytes response size, then 4 bytes correlation id.
  [[ ${#reply} -eq 16 && "$reply" == *0000002a ]]
}

# --- jars --------------------------------------------------------------------------------------------

ensure_jars() {
  # The marker is written last, so an interrupted download is retried, not half-used.
  [[ -f "$LIBS_DIR/.complete" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found: it is needed once to fetch the Kafka jars"
  log "fetching org.apache.kafka:kafka_2.13:$KAFKA_VERSION and its dependencies from Maven Central (once)..."
  local tmp="$LIBS_DIR.partial" mvn_log="$CACHE_DIR/$KAFKA_VERSION/mvn.log"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! mvn -B -q -f "$SCRIPT_DIR/pom.xml" \
      dependency:copy-dependencies \
      -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$tmp" >"$mvn_log" 2>&1; then
    tail -n 30 "$mvn_log" >&2
    die "Maven could not fetch Kafka $KAFKA_VERSION (full output: $mvn_log)"
  fi
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  touch "$LIBS_DIR/.complete"
}

# --- configuration -----------------------------------------------------------------------------------

write_config() {
  cat >"$CONFIG_FILE" <<EOF
# Written by infra/kafka/local.sh on every start; edits here are lost.
# One JVM is both the KRaft controller and the broker: no ZooKeeper, nothing else to run.
node.id=1
process.roles=broker,controller
controller.quorum.bootstrap.servers=$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
# With a bootstrap-servers (dynamic) quorum the controller listener is advertised too.
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR

# A single node cannot hold the default 3 replicas of the internal topics.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1

# Faster tests: no 3 s wait before the first rebalance of a group, short session timeouts allowed,
# topics appear when first used, and the offsets topic (created at the first group join on every
# fresh broker) gets 1 partition instead of 50, which would be wasted work on a single node.
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=3000
auto.create.topics.enable=true
num.partitions=1
offsets.topic.num.partitions=1
EOF
  # Share groups (Kafka 4.x) keep state in an internal topic that also defaults to 3 replicas.
  # Written only for 4.x because 3.x warns about unknown configs.
  if [[ "${KAFKA_VERSION%%.*}" -ge 4 ]]; then
    cat >>"$CONFIG_FILE" <<EOF
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
EOF
  fi

  # Kafka 4.x logs through Log4j2. WARN keeps the file short; the one INFO logger kept is the one
  # that says "Kafka Server started", which `start` waits for.
  cat >"$LOG4J_FILE" <<EOF
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $LOG_FILE
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.file.ref = FILE
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
EOF
}

# A KRaft cluster id is 16 random bytes in unpadded base64url. Made here rather than with
# `StorageTool random-uuid` to save a JVM start; one starting with '-' would read as an option.
new_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && break
  done
  echo "$id"
}

java_cmd() {
  "$JAVA" -cp "$LIBS_DIR/*" -Dlog4j2.configurationFile="$LOG4J_FILE" -Djava.awt.headless=true "$@"
}

# --- commands ----------------------------------------------------------------------------------------

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || true
  # Controlled shutdown normally takes a few seconds; give it 30 s before SIGKILL.
  for ((i = 0; i < 60; i++)); do
    is_our_broker "$pid" || break
    sleep 0.5
  done
  if is_our_broker "$pid"; then
    log "broker (pid $pid) still running after 30 s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      is_our_broker "$pid" || break
      sleep 0.5
    done
  fi
  rm -f "$PID_FILE"
}

# Reports a failed start with the log tails, then stops the broker started by this run ($1).
fail_start() {
  local pid="$1" f
  shift
  log "error: $*"
  for f in "$LOG_FILE" "$OUT_FILE"; do
    echo "----- last lines of $f -----" >&2
    if [[ -s "$f" ]]; then tail -n 40 "$f" >&2; else echo "(empty)" >&2; fi
  done
  # Never leave a half-started broker behind.
  if [[ -n "$pid" ]] && alive "$pid"; then stop_pid "$pid"; fi
  rm -f "$PID_FILE"
  exit 1
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    echo "KAFKA_BROKERS=$(cat "$BROKERS_FILE")"
    return 0
  fi
  rm -f "$PID_FILE" # stale: its process is gone

  # Fail early and clearly instead of letting Kafka die on "Address already in use".
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_in_use "$port"; then
      die "$KAFKA_HOST:$port is already in use by another process (not a broker started by this script); stop it or set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
    fi
  done

  ensure_jars

  # Fresh data on every start: this broker is for tests and development, not for keeping anything.
  rm -rf "$DATA_DIR"
  mkdir -p "$RUN_DIR" "$DATA_DIR"
  : >"$LOG_FILE"
  : >"$OUT_FILE"
  write_config

  # KRaft needs the storage formatted (cluster id + metadata version) before the first start.
  # --standalone makes this node the sole voter of a dynamic controller quorum. The tool lives
  # about a second, so the C1 compiler alone (TieredStopAtLevel=1) starts it a bit faster.
  if ! java_cmd -Xmx256m -XX:TieredStopAtLevel=1 kafka.tools.StorageTool format --standalone \
      -t "$(new_cluster_id)" -c "$CONFIG_FILE" >>"$OUT_FILE" 2>&1; then
    fail_start "" "formatting the storage directory failed"
  fi

  log "starting Kafka $KAFKA_VERSION on $KAFKA_HOST:$KAFKA_PORT (log: $LOG_FILE)"
  # nohup + all three std streams redirected: the broker outlives this script, and it does not hold
  # open a pipe of whoever called us (a CI step or `$(...)` would otherwise wait for it forever).
  # A 512 MB heap is plenty for tests; G1 with a 20 ms pause goal, as in Kafka's own start scripts.
  nohup "$JAVA" -Xmx512m -Xms256m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -cp "$LIBS_DIR/*" -Dlog4j2.configurationFile="$LOG4J_FILE" -Djava.awt.headless=true \
    kafka.Kafka "$CONFIG_FILE" >"$OUT_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$KAFKA_HOST:$KAFKA_PORT" >"$BROKERS_FILE"

  # Ready = Kafka logged that startup finished (broker unfenced, listeners open) AND it answers
  # a request on the advertised port.
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    # alive, not is_our_broker: right after the fork the child may not have exec'd java yet.
    alive "$pid" || fail_start "$pid" "the broker exited during startup"
    if grep -q 'Kafka Server started' "$LOG_FILE" && broker_answers; then
      log "ready after $((SECONDS))s (pid $pid)"
      echo "KAFKA_BROKERS=$KAFKA_HOST:$KAFKA_PORT"
      return 0
    fi
    sleep 0.25
  done
  fail_start "$pid" "the broker did not come up within ${KAFKA_START_TIMEOUT}s"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping broker (pid $pid)"
  stop_pid "$pid"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (pid $pid, KAFKA_BROKERS=$(cat "$BROKERS_FILE"))"
    return 0
  fi
  echo "stopped"
  return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
