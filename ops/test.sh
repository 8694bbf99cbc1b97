#!/usr/bin/env bash
# Installs what the tests need where it is missing, then runs the full test suite.
# Usage: ./ops/test.sh [extra maven arguments]
source "$(dirname "$0")/lib.sh"
cd "$QIANHE_HOME"

check_prerequisites
ensure_postgres
log "Elasticsearch JDK: $ES_JAVA_HOME"
log "running the full test suite: mvn -B verify"
exec mvn -B verify "$@"
