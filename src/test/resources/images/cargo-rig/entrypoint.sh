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
# wg-quick removes the interface again when any later step fails (routes, DNS, PostUp); a handshake may already
# have happened by then. A CI run once saw the handshake and then no tunnel: try again (three times), each
# failure in the container's log, rather than leave a Cargo without wg0.
for attempt in 1 2 3; do
    if wg-quick up "$config"; then
        break
    fi
    echo "cargo-rig: wg-quick up $config failed (attempt $attempt of 3)" >&2
    ip link del wg0 2>/dev/null
    [ "$attempt" = 3 ] && echo "cargo-rig: giving up; the container stays up so that its log can be read" >&2
done
while :; do
    sleep 3600 &
    wait $!
done
