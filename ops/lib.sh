# Shared helpers for the ops scripts. Sourced, not run.
set -euo pipefail

QIANHE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export QIANHE_HOME

log() { printf '[qianhe] %s\n' "$*" >&2; }
die() { printf '[qianhe] error: %s\n' "$*" >&2; exit 1; }

# Elasticsearch 9 needs a JDK >= 21; the build itself stays on 17.
find_es_jdk() {
  if [[ -n "${ES_JAVA_HOME:-}" ]]; then echo "$ES_JAVA_HOME"; return; fi
  local release major
  for release in /usr/lib/jvm/*/release; do
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    if [[ -n "$major" && "$major" -ge 21 ]]; then dirname "$release"; return; fi
  done
}

# The machine's PostgreSQL (127.0.0.1:5432, trust auth, database test) is what the tests use.
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  log "PostgreSQL is not answering on 127.0.0.1:5432; starting the local cluster"
  command -v pg_ctlcluster >/dev/null || die "PostgreSQL is not installed (apt-get install postgresql) and nothing answers on 127.0.0.1:5432"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  die "PostgreSQL did not come up on 127.0.0.1:5432"
}

# Installs Debian packages that are missing, when we are allowed to (root).
missing_debian_packages() {
  local pkg
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || echo "$pkg"; done
}

ensure_debian_packages() {
  local missing
  mapfile -t missing < <(missing_debian_packages "$@")
  [[ ${#missing[@]} -eq 0 ]] && return
  [[ "$(id -u)" -eq 0 ]] || die "missing packages ${missing[*]}: install them with apt-get (needs root)"
  log "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

check_prerequisites() {
  command -v java >/dev/null || die "java (JDK 17) not found"
  command -v mvn >/dev/null || die "mvn (Apache Maven) not found"
  local es_jdk; es_jdk="$(find_es_jdk)"
  [[ -n "$es_jdk" ]] || die "Elasticsearch needs a JDK >= 21: set ES_JAVA_HOME or install one under /usr/lib/jvm"
  export ES_JAVA_HOME="$es_jdk"
}
