#!/usr/bin/env bash
# Sets up what Firelane's containers need, by hand or from CI:
#
#   deploy/docker/images.sh engine     start a container engine (installs Debian's docker.io when missing)
#   deploy/docker/images.sh base       the Java, Kafka and MySQL images the stack runs on
#   deploy/docker/images.sh firelane   the Firelane image, from deploy/target/firelane.jar (build it first)
#   deploy/docker/images.sh all        all three, in that order
#   deploy/docker/images.sh names      print the image names as KEY=value lines (deploy/compose reads them)
#
# Image names are parameters (environment variables, else deploy/docker/images.env):
#   JAVA_IMAGE      base of the Firelane and Kafka images     FIRELANE_IMAGE  the Firelane image
#   KAFKA_IMAGE     a broker compatible with apache/kafka     MYSQL_IMAGE     a MySQL 8 / MariaDB server
# IMAGES=public uses the public images (eclipse-temurin, apache/kafka, mysql:8.4), pulled by the engine;
# IMAGES=local (the default) builds stand-ins from Debian packages and Maven Central, for machines that reach
# no image registry. Local images are built once and kept; a changed recipe rebuilds them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/deploy/target/docker"

# The names: the caller's variables win over images.env.
load_names() {
  local mode="${IMAGES:-local}"
  case "$mode" in
    local|public) ;;
    *) echo "images: IMAGES must be local or public; got '$mode'" >&2; exit 2 ;;
  esac
  local line key value
  while IFS= read -r line; do
    [[ "$line" =~ ^([A-Z_]+)_${mode^^}=(.*)$ ]] || continue
    key="${BASH_REMATCH[1]}"
    value="${BASH_REMATCH[2]}"
    [[ -n "${!key:-}" ]] || export "$key=$value"
  done < "$here/images.env"
  export IMAGES="$mode"
}

log() { echo "images: $*" >&2; }

docker_cmd() {
  # Debian's client speaks the engine's API version and has the compose plugin's older sibling beside it
  if [[ -x /usr/bin/docker ]]; then /usr/bin/docker "$@"; else docker "$@"; fi
}

engine() {
  if docker_cmd info >/dev/null 2>&1; then
    return 0
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    log "no container engine answers, and only root can start one here: install and start Docker"
    exit 1
  fi
  if ! command -v dockerd >/dev/null || ! command -v docker-compose >/dev/null || ! command -v debootstrap >/dev/null; then
    log "installing docker.io, docker-compose and debootstrap"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null && apt-get install -y -q docker.io docker-compose debootstrap >/dev/null
  fi
  log "starting dockerd (log: /var/log/firelane-dockerd.log)"
  setsid nohup dockerd > /var/log/firelane-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    docker_cmd info >/dev/null 2>&1 && return 0
    sleep 1
  done
  log "dockerd did not answer within 60 s; see /var/log/firelane-dockerd.log"
  exit 1
}

has_image() {
  docker_cmd image inspect "$1" >/dev/null 2>&1
}

label_of() {
  docker_cmd image inspect --format "{{ index .Config.Labels \"dev.firelane.recipe\" }}" "$1" 2>/dev/null || true
}

# A Debian root file system with the given packages, imported as an image (no registry needed).
rootfs_image() {
  local name="$1" packages="$2"
  if has_image "$name" && [[ "$(docker_cmd image inspect --format '{{ index .Config.Labels "dev.firelane.rootfs" }}' "$name" 2>/dev/null)" == "$packages" ]]; then
    return 0
  fi
  log "building $name from Debian packages ($packages); about a minute, once per machine"
  local dir
  dir="$(mktemp -d /tmp/firelane-rootfs.XXXXXX)"
  debootstrap --variant=minbase --include="$packages" bookworm "$dir" >/dev/null \
    || { log "debootstrap failed for $name"; rm -rf "$dir"; exit 1; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker_cmd import -c "LABEL dev.firelane.rootfs=\"$packages\"" - "$name" >/dev/null
  rm -rf "$dir"
  log "built $name"
}

# docker build, skipped when an image of the same name was built from the same recipe.
build_image() {
  local name="$1" context="$2"
  shift 2
  local hash
  hash="$( (find "$context" -type f -print0 | sort -z | xargs -0 sha256sum | sed "s|$context||"; echo "$*") \
    | sha256sum | cut -c1-16)"
  if has_image "$name" && [[ "$(label_of "$name")" == "$hash" ]]; then
    return 0
  fi
  log "building $name"
  docker_cmd build -q --label "dev.firelane.recipe=$hash" "$@" -t "$name" "$context" >/dev/null
}

base() {
  if [[ "$IMAGES" == public ]]; then
    for image in "$JAVA_IMAGE" "$KAFKA_IMAGE" "$MYSQL_IMAGE"; do
      has_image "$image" || docker_cmd pull -q "$image"
    done
    return 0
  fi
  rootfs_image "$JAVA_IMAGE" openjdk-17-jre-headless,ca-certificates,procps
  rootfs_image "$MARIADB_ROOTFS" mariadb-server,procps

  # Kafka: the broker's jars from Maven Central, started from KAFKA_* variables as apache/kafka's image is
  local kafka="$work/kafka"
  rm -rf "$kafka" && mkdir -p "$kafka"
  cp "$here/kafka/Dockerfile" "$here/kafka/run" "$kafka/"
  mvn -B -q -f "$here/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$kafka/libs" -Dmdep.useRepositoryLayout=false
  build_image "$KAFKA_IMAGE" "$kafka" --build-arg "BASE_IMAGE=$JAVA_IMAGE"
  build_image "$MYSQL_IMAGE" "$here/mariadb" --build-arg "BASE_IMAGE=$MARIADB_ROOTFS"
}

firelane() {
  local jar="$root/deploy/target/firelane.jar"
  if [[ ! -f "$jar" ]]; then
    log "$jar is missing; build it first: mvn -B -DskipTests package"
    exit 1
  fi
  local context="$work/firelane"
  rm -rf "$context" && mkdir -p "$context"
  cp -r "$here/Dockerfile" "$here/bin" "$context/"
  cp "$jar" "$context/firelane.jar"
  build_image "$FIRELANE_IMAGE" "$context" --build-arg "BASE_IMAGE=$JAVA_IMAGE"
}

names() {
  echo "IMAGES=$IMAGES"
  echo "JAVA_IMAGE=$JAVA_IMAGE"
  echo "KAFKA_IMAGE=$KAFKA_IMAGE"
  echo "MYSQL_IMAGE=$MYSQL_IMAGE"
  echo "FIRELANE_IMAGE=$FIRELANE_IMAGE"
}

load_names
[[ $# -gt 0 ]] || { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
for step in "$@"; do
  case "$step" in
    engine) engine ;;
    base) engine; base ;;
    firelane) engine; firelane ;;
    all) engine; base; firelane ;;
    names) names ;;
    *) log "unknown step '$step' (engine, base, firelane, all, names)"; exit 2 ;;
  esac
done
