#!/bin/bash
# The rig's Cargo entrypoint: bring the tunnel up from the config Ponte mounted, as upstream's
# cargo/root/usr/local/bin/entrypoint.sh does with its wg-quick, then stay up. On `stop` (SIGTERM) the tunnel
# is taken down with wg-quick, so PostDown runs like it would upstream.
config=/config/wg0.conf
down() {
    wg-quick down "$config"
    exit 0
}
trap down TERM INT
if ! wg-quick up "$config"; then
    echo "cargo-rig: wg-quick up $config failed; the container stays up so that its log can be read" >&2
fi
while :; do
    sleep 3600 &
    wait $!
done
