#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the tests and the benchmark use: tshark and capinfos (the
# conformance oracle), tcpdump (the capture helper), GNU time (peak memory in the benchmark), and
# what the network-namespace lab (test/lab) runs: iproute2 and ethtool (namespaces, veths,
# offloads), nginx with its perl module (the load balancer; perl formats the trace id),
# openssh-server and -client (SSH to the targets), sudo, curl, openssl, python3 (the targets), and
# chromium (the renderer's browser tests and UI benchmark, driven by playwright-core).
# Does nothing when they are all present; uses sudo when not run as root.
set -euo pipefail
has() { command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }
need=()
has tshark || need+=(tshark)
has capinfos || need+=(wireshark-common)
has tcpdump || need+=(tcpdump)
[ -x /usr/bin/time ] || need+=(time)
has ip || need+=(iproute2)
has ethtool || need+=(ethtool)
has nginx || need+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_perl_module.so ] || need+=(libnginx-mod-http-perl)
has sshd || need+=(openssh-server)
has ssh || need+=(openssh-client)
has sudo || need+=(sudo)
has curl || need+=(curl)
has openssl || need+=(openssl)
has python3 || need+=(python3)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
