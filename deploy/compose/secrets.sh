#!/usr/bin/env bash
# Writes the compose stack's secrets into deploy/compose/secrets/ (ignored by git), once: the MySQL root password,
# Firelane's database password and the API tokens file with one operator token. Existing files are kept, so
# running it again changes nothing; delete a file to make a new one (and `docker-compose down -v` for the
# database passwords, which MySQL takes only when it initialises its data).
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"
mkdir -p "$dir"
chmod 700 "$dir"
random() { head -c 24 /dev/urandom | base64 | tr '+/' '-_'; }
write() {
  local name="$1" value="$2"
  if [[ ! -s "$dir/$name" ]]; then
    printf '%s' "$value" > "$dir/$name"
    # read inside the containers by their own users (Firelane's is uid 10001); the folder keeps others out
    chmod 644 "$dir/$name"
    echo "secrets: wrote $dir/$name"
  fi
}
write mysql-root-password "$(random)"
write db-password "$(random)"
write operator-token "$(random)"
write api-tokens "operator:operator:$(cat "$dir/operator-token")"$'\n'
