#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the tests and the benchmark use: tshark and capinfos (the
# conformance oracle), tcpdump (the capture helper), GNU time (peak memory in the benchmark).
# Does nothing when they are all present; uses sudo when not run as root.
set -euo pipefail
need=()
command -v tshark >/dev/null || need+=(tshark)
command -v capinfos >/dev/null || need+=(wireshark-common)
command -v tcpdump >/dev/null || need+=(tcpdump)
[ -x /usr/bin/time ] || need+=(time)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
