#!/bin/bash
# Makes the Debian 12 base images the Containerfiles build on, without any registry: the
# root file system comes from the Debian archive through debootstrap and is imported into
# the local image store. Needs root, debootstrap and podman (or buildah).
#
#   deploy/containers/make-base.sh            # creates localhost/debian:12 and :12-slim
#   podman build --build-arg BASE_IMAGE=localhost/debian:12 \
#                --build-arg RUNTIME_IMAGE=localhost/debian:12-slim \
#                -f deploy/containers/traffic-master.Containerfile -t traffic-master:dev .
set -euo pipefail

suite="bookworm"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

if command -v podman >/dev/null; then
  importer=(podman import)
elif command -v buildah >/dev/null; then
  importer=(buildah import)
else
  echo "make-base.sh: needs podman or buildah (apt-get install podman)" >&2
  exit 2
fi
command -v debootstrap >/dev/null || { echo "make-base.sh: apt-get install debootstrap" >&2; exit 2; }

# The full base carries apt so the build stage can install the toolchain; the slim one drops
# documentation and locales the way Debian's own -slim images do.
debootstrap --variant=minbase "${suite}" "${work}/rootfs" "${mirror}"
tar -C "${work}/rootfs" -c . | "${importer[@]}" - localhost/debian:12

rm -rf "${work}/rootfs/usr/share/doc" "${work}/rootfs/usr/share/man" "${work}/rootfs/usr/share/info" \
       "${work}/rootfs/var/cache/apt/archives"/*.deb "${work}/rootfs/var/lib/apt/lists"/*
find "${work}/rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'C.UTF-8' -exec rm -rf {} +
tar -C "${work}/rootfs" -c . | "${importer[@]}" - localhost/debian:12-slim
echo "created localhost/debian:12 and localhost/debian:12-slim"
