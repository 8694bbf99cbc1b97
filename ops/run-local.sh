#!/usr/bin/env bash
# The main job on embedded defaults: builds what is missing, starts Kafka, Elasticsearch,
# ingest, the Flink validation job and search in one process, uploads sample consents, prints
# trace results found through Elasticsearch, digitises a sample batch of scanned paper consent
# forms with migrate-paper, and serves until Ctrl-C (--once: exits instead).
# Every process it started is stopped when it ends.
# Usage: ./ops/run-local.sh [--once] [--count N] [--paper-pages N] [--data-dir DIR]
source "$(dirname "$0")/lib.sh"
cd "$QIANHE_HOME"
check_prerequisites

# The sample scan batch is read with Tesseract (Chinese and English) and printed with a CJK font.
PAPER_PACKAGES=(tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng fonts-noto-cjk)
PAPER_ARGS=()
if [[ -n "$(missing_debian_packages "${PAPER_PACKAGES[@]}")" ]]; then
  if [[ "$(id -u)" -eq 0 ]]; then
    ensure_debian_packages "${PAPER_PACKAGES[@]}"
  else
    log "no sample paper migration: install ${PAPER_PACKAGES[*]} (apt-get, as root) to see it"
    PAPER_ARGS=(--paper-pages 0)
  fi
fi

PIPELINE="ops/pipeline/target"
needs_build() {
  [[ -f "$PIPELINE/classpath.txt" && -f "$PIPELINE/qianhe-pipeline-0.1.0-SNAPSHOT.jar" ]] || return 0
  # Rebuild when any source or pom is newer than the last build.
  [[ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.avdl' -o -name '*.properties' -o -name '*.json' -o -name '*.sql' \) -path '*/src/*' -newer "$PIPELINE/classpath.txt" -print -quit; find . -maxdepth 3 -name pom.xml -newer "$PIPELINE/classpath.txt" -print -quit)" ]]
}
if needs_build; then
  log "building (first run takes a few minutes: Maven fetches dependencies) ..."
  mvn -B -q install -DskipTests -pl ops/pipeline -am || die "build failed"
fi

# A marker on every process we start, so that even a hard kill of the JVM leaves nothing behind.
export QIANHE_RUN_ID="qianhe-run-$$"
cleanup() { pkill -f -- "$QIANHE_RUN_ID" 2>/dev/null || true; }
trap cleanup EXIT

java $(cat ops/jvm-options.txt) \
  -cp "$PIPELINE/qianhe-pipeline-0.1.0-SNAPSHOT.jar:$(cat "$PIPELINE/classpath.txt")" \
  org.qianhe.ops.pipeline.RunLocal "${PAPER_ARGS[@]}" "$@"
