#!/bin/bash
# Ponte's test stand-in for Cargo's gateway step. Gefyra 2.5.4's Cargo has a script of this name
# (cargo/root/patchContainerGateway.sh) that the client runs as `bash patchContainerGateway.sh <container>
# <cargo-ip>`: it asks the engine for the container's PID, enters the container's network namespace and
# replaces its default route with one via Cargo. This script, written for Ponte's tests, has the same name,
# arguments and effect; it differs in the tools: curl on the engine socket instead of the docker CLI, and
# busybox nsenter on /proc/<pid>/ns/net instead of a link under /var/run/netns and `ip netns exec`.
# Needs the engine socket at /var/run/docker.sock, the host's PID namespace and CAP_SYS_ADMIN + CAP_NET_ADMIN.
set -uo pipefail

usage="usage: bash patchContainerGateway.sh <container> <cargo-ip>"
container="${1:?$usage}"
gateway="${2:?$usage}"
socket=/var/run/docker.sock

if ! answer=$(curl --silent --show-error --fail-with-body --max-time 10 --unix-socket "$socket" \
        "http://engine/containers/${container}/json"); then
    echo "patchContainerGateway: the engine did not return ${container}: ${answer}" >&2
    exit 1
fi
# State.Pid is the only key named exactly "Pid" in an inspect answer; 0 means not running.
pid=$(printf '%s' "$answer" | sed -n 's/.*"Pid":\([0-9][0-9]*\).*/\1/p')
if [[ -z "$pid" || "$pid" == 0 ]]; then
    echo "patchContainerGateway: ${container} is not running" >&2
    exit 1
fi
netns="/proc/${pid}/ns/net"
if [[ ! -e "$netns" ]]; then
    echo "patchContainerGateway: ${netns} is not visible: Cargo needs the host's PID namespace (pid: host)" >&2
    exit 1
fi
# Delete, then add: `ip route replace` would leave the engine's default (metric 100) next to ours.
nsenter --net="$netns" ip route del default 2>/dev/null
nsenter --net="$netns" ip route add default via "$gateway" || exit 1
echo "default route of ${container} (pid ${pid}) is now via ${gateway}"
