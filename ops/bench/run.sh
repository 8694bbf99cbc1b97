#!/usr/bin/env bash
# Runs one benchmark, or all of them. Each prints readable progress and, as its very last
# line, one JSON object with its figures and the ratio against a baseline measured in the same run.
# Usage: ./ops/bench/run.sh NAME [args...]   NAME: e2e | ingest | stream | compact | paper | search | all
# (export-source, not part of all: what each way of asking for an export's columns costs Elasticsearch)
source "$(dirname "$0")/../lib.sh"
cd "$QIANHE_HOME"
check_prerequisites

declare -A MODULE=( [e2e]=ops/pipeline [ingest]=ingest/service [stream]=stream-jobs [compact]=batch-jobs [paper]=batch-jobs/paper [search]=search/service [export-source]=search/service )
declare -A MAIN=( [e2e]=org.qianhe.ops.bench.EndToEndBenchmark [ingest]=org.qianhe.ingest.bench.IngestBenchmark [stream]=org.qianhe.stream.bench.StreamBenchmark [compact]=org.qianhe.batch.bench.CompactBenchmark [paper]=org.qianhe.paper.bench.PaperBenchmark [search]=org.qianhe.search.bench.SearchBenchmark [export-source]=org.qianhe.search.bench.ExportSourceCost )
# compact keeps the baseline's rows in memory to write them a second time
declare -A HEAP=( [e2e]=2g [ingest]=3g [stream]=3g [compact]=4g [paper]=3g [search]=3g [export-source]=2g )

run_one() {
  local name="$1"; shift
  local module="${MODULE[$name]:-}"
  [[ -n "$module" ]] || die "unknown benchmark '$name' (known: ${!MODULE[*]} all)"
  log "building $module ..."
  mvn -B -q install -DskipTests -pl "$module" -am || die "build failed"
  mvn -B -q dependency:build-classpath -pl "$module" -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null \
    || die "cannot compute the classpath of $module"
  log "running $name"
  java $(cat ops/jvm-options.txt) -Xmx"${HEAP[$name]}" \
    -cp "$module/target/classes:$module/target/test-classes:$(cat "$module/target/bench-classpath.txt")" \
    "${MAIN[$name]}" "$@"
}

[[ $# -ge 1 ]] || die "usage: ops/bench/run.sh NAME [args]   (NAME: ${!MODULE[*]} all)"
if [[ "$1" == all ]]; then
  for name in e2e ingest stream compact paper search; do run_one "$name"; done
else
  run_one "$@"
fi
