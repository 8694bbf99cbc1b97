#!/usr/bin/env bash
# Installs what the tests need where it is missing, then runs the full test suite.
# Usage: ./ops/test.sh [extra maven arguments]
source "$(dirname "$0")/lib.sh"
cd "$QIANHE_HOME"

check_prerequisites
ensure_postgres
# Browser tests of the search UI drive Debian's Chromium through its driver (DESIGN.md section 12).
ensure_debian_packages chromium chromium-driver
# Paper migration reads forms with Tesseract (Chinese and English data); its form generator prints
# with a CJK font.
ensure_debian_packages tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng fonts-noto-cjk
# The archive test reads Parquet with DuckDB's npm package (npm ci, from the lock file).
command -v npm >/dev/null || ensure_debian_packages nodejs npm
log "Elasticsearch JDK: $ES_JAVA_HOME"
log "running the full test suite: mvn -B verify"
exec mvn -B verify "$@"
