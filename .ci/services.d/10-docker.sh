# Sourced by .ci/run (bash, set -euo pipefail; log, die, add_cleanup are defined there).
# Starts Docker Engine (Debian docker.io) on unix:///var/run/docker.sock for the `engine` tests and
# exports PONTE_EXPECT_DOCKER=1 once it answers, so those tests fail instead of skipping if it is gone.
# Facts: shared/testing.md, "Start each service".

ponte_docker_sock=/var/run/docker.sock
ponte_docker_ready() { docker -H "unix://$ponte_docker_sock" version >/dev/null 2>&1; }

command -v dockerd >/dev/null 2>&1 || die "dockerd not found: is docker.io in .ci/packages.d/engines.txt installed?"
command -v docker >/dev/null 2>&1 || die "docker CLI not found (package docker.io)"

if ponte_docker_ready; then
  log "Docker already answers on $ponte_docker_sock; using it (not started here, not stopped here)"
else
  rm -f /var/run/docker.pid   # a stale pid file stops dockerd from starting
  dockerd --host "unix://$ponte_docker_sock" </dev/null >/tmp/ponte-ci-dockerd.log 2>&1 &
  PONTE_DOCKERD_PID=$!
  # Stop it at the end: SIGTERM, then wait (dockerd needs ~10 s to stop its containers and containerd).
  add_cleanup "kill $PONTE_DOCKERD_PID 2>/dev/null; for _ in \$(seq 150); do kill -0 $PONTE_DOCKERD_PID 2>/dev/null || break; sleep 0.2; done; kill -9 $PONTE_DOCKERD_PID 2>/dev/null; wait $PONTE_DOCKERD_PID 2>/dev/null"
  ponte_deadline=$((SECONDS + 60))
  until ponte_docker_ready; do
    kill -0 "$PONTE_DOCKERD_PID" 2>/dev/null || { tail -n 30 /tmp/ponte-ci-dockerd.log >&2; die "dockerd exited during start (log: /tmp/ponte-ci-dockerd.log)"; }
    [[ $SECONDS -lt $ponte_deadline ]] || { tail -n 30 /tmp/ponte-ci-dockerd.log >&2; die "dockerd did not answer within 60 s (log: /tmp/ponte-ci-dockerd.log)"; }
    sleep 0.25
  done
  log "dockerd pid $PONTE_DOCKERD_PID answers on $ponte_docker_sock (log: /tmp/ponte-ci-dockerd.log)"
fi
log "Docker $(docker -H "unix://$ponte_docker_sock" version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo '?')"
export PONTE_EXPECT_DOCKER=1
