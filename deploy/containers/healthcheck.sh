#!/bin/bash
# Container health probe with no HTTP client in the image: bash's /dev/tcp sends one
# HTTP/1.0 request to /healthz and succeeds only on a 200 status line. The caller
# (HEALTHCHECK --timeout) bounds how long it may take.
set -euo pipefail
port="${1:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 3 status_line <&3
[[ "${status_line}" == HTTP/1.[01]\ 200\ * ]]
