# Sourced by .ci/run (set -euo pipefail; log/die available; never exit). The real WireGuard test must run here:
# check its tools one by one (`command -v a b c` succeeds when any one is found) and tell the test to fail, not skip.
for tool in wireguard-go wg wg-quick ip busybox; do command -v "$tool" >/dev/null || die "WireGuard test tool '$tool' is missing (see .ci/packages.d/wireguard.txt)"; done
export PONTE_EXPECT_WIREGUARD=1
log "wireguard: $(wireguard-go --version 2>/dev/null | head -n 1 || true); PONTE_EXPECT_WIREGUARD=1"
