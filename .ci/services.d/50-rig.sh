# Sourced by .ci/run (set -euo pipefail; log/die available). The end-to-end rig (tag "rig") starts and removes all of
# its own parts (network namespace, wireguard-go, dnsmasq, socat, httpd, images on Podman) inside the test run; here
# only check that every piece is there and tell the tests to fail, not skip, when one goes missing.
# Needs Podman's socket from 20-podman.sh (sourced before this one) and the WireGuard tools of 30-wireguard.sh.
for tool in wireguard-go wg wg-quick ip busybox dnsmasq socat curl podman ldd; do
  command -v "$tool" >/dev/null || die "rig tool '$tool' is missing (see .ci/packages.d/rig.txt, wireguard.txt, engines.txt)"
done
for f in /dev/net/tun /usr/sbin/xtables-nft-multi /usr/lib/x86_64-linux-gnu/xtables; do
  [[ -e "$f" ]] || die "the rig needs $f (package iptables; /dev/net/tun from the kernel)"
done
[[ "${PONTE_EXPECT_PODMAN:-}" == "1" ]] || die "the rig needs Podman's socket, which .ci/services.d/20-podman.sh starts"
export PONTE_EXPECT_RIG=1
log "rig: dnsmasq $(dnsmasq --version | head -n 1 | awk '{print $3}'), socat $(socat -V 2>/dev/null | awk '/socat version/ {print $3; exit}'); PONTE_EXPECT_RIG=1"
