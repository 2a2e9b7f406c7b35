# Sourced by .ci/run (bash, set -euo pipefail; log, die, add_cleanup are defined there).
# Starts Podman's Docker-compatible API on unix:///run/podman/podman.sock for the `engine` tests and
# exports PONTE_EXPECT_PODMAN=1 once it answers. Facts: shared/testing.md, "Start each service".

ponte_podman_sock=/run/podman/podman.sock
ponte_podman_conf=/etc/containers/containers.conf
ponte_podman_marker="# written by Ponte's .ci/services.d/20-podman.sh"
# The compat endpoint /version is what docker-java talks to; curl needs no Docker CLI.
ponte_podman_ready() { curl -sf --max-time 2 --unix-socket "$ponte_podman_sock" http://d/version >/dev/null 2>&1; }

command -v podman >/dev/null 2>&1 || die "podman not found: is podman in .ci/packages.d/engines.txt installed?"
command -v curl >/dev/null 2>&1 || die "curl not found"

mkdir -p /etc/containers /run/podman
if [[ ! -e "$ponte_podman_conf" ]] || grep -qF "$ponte_podman_marker" "$ponte_podman_conf"; then
  # Without the ulimits every container fails ("error setting rlimit type 7"); crun fails on cgroups v1;
  # each exec leaves a conmon for exit_command_delay (300 s by default).
  cat >"$ponte_podman_conf" <<CONF
$ponte_podman_marker
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[network]
network_backend = "netavark"

[engine]
runtime = "runc"
exit_command_delay = 5
CONF
else
  log "keeping the existing $ponte_podman_conf (not written by Ponte)"
  grep -q 'default_ulimits' "$ponte_podman_conf" || log "WARNING: $ponte_podman_conf has no default_ulimits: containers may fail with 'error setting rlimit'"
fi

if ponte_podman_ready; then
  log "Podman already answers on $ponte_podman_sock; using it (not started here, not stopped here)"
else
  rm -f "$ponte_podman_sock"
  podman system service --time=0 "unix://$ponte_podman_sock" </dev/null >/tmp/ponte-ci-podman.log 2>&1 &
  PONTE_PODMAN_PID=$!
  add_cleanup "kill $PONTE_PODMAN_PID 2>/dev/null; for _ in \$(seq 50); do kill -0 $PONTE_PODMAN_PID 2>/dev/null || break; sleep 0.2; done; kill -9 $PONTE_PODMAN_PID 2>/dev/null; wait $PONTE_PODMAN_PID 2>/dev/null"
  ponte_deadline=$((SECONDS + 30))
  until ponte_podman_ready; do
    kill -0 "$PONTE_PODMAN_PID" 2>/dev/null || { tail -n 30 /tmp/ponte-ci-podman.log >&2; die "podman system service exited during start (log: /tmp/ponte-ci-podman.log)"; }
    [[ $SECONDS -lt $ponte_deadline ]] || { tail -n 30 /tmp/ponte-ci-podman.log >&2; die "Podman did not answer within 30 s (log: /tmp/ponte-ci-podman.log)"; }
    sleep 0.25
  done
  log "podman system service pid $PONTE_PODMAN_PID answers on $ponte_podman_sock (log: /tmp/ponte-ci-podman.log)"
fi
log "$(podman --version), runtime $(podman info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null || echo '?')"
export PONTE_EXPECT_PODMAN=1
