# Sourced by .ci/run (bash, set -euo pipefail; log, die, add_cleanup are defined there).
# Starts trayer as the system tray host on CI's DISPLAY (the Xvfb of the display phase) for the `tray` test group
# (RealTrayTest) and exports PONTE_EXPECT_TRAY=1 once its panel is up, so that test fails instead of skipping when
# the tray is missing. The `tray` group is not in ponte.test.excludedGroups (pom.xml), so it runs like the engine
# groups do. Facts: shared/testing.md, "Tray".

command -v trayer >/dev/null 2>&1 || die "trayer not found: is trayer in .ci/packages.d/tray.txt installed?"
command -v xwininfo >/dev/null 2>&1 || die "xwininfo not found (package x11-utils, in .ci/run's base list)"

if [[ -z "${DISPLAY:-}" ]]; then
  log "tray: no DISPLAY (PONTE_CI_XVFB=0?): no tray host; the real tray test skips"
else
  ponte_tray_ready() { xwininfo -root -tree 2>/dev/null | grep -q '("panel" "trayer")'; }
  if ponte_tray_ready; then
    log "trayer already runs on DISPLAY=$DISPLAY; using it (not started here, not stopped here)"
  else
    trayer --edge top --align right --widthtype pixel --width 200 --height 24 </dev/null >/tmp/ponte-ci-trayer.log 2>&1 &
    PONTE_TRAYER_PID=$!
    add_cleanup "kill $PONTE_TRAYER_PID 2>/dev/null; wait $PONTE_TRAYER_PID 2>/dev/null"
    ponte_deadline=$((SECONDS + 20))
    until ponte_tray_ready; do
      kill -0 "$PONTE_TRAYER_PID" 2>/dev/null || { tail -n 20 /tmp/ponte-ci-trayer.log >&2; die "trayer exited during start (log: /tmp/ponte-ci-trayer.log)"; }
      [[ $SECONDS -lt $ponte_deadline ]] || { tail -n 20 /tmp/ponte-ci-trayer.log >&2; die "trayer's panel did not appear within 20 s on DISPLAY=$DISPLAY"; }
      sleep 0.1
    done
    log "trayer pid $PONTE_TRAYER_PID is the tray host on DISPLAY=$DISPLAY (log: /tmp/ponte-ci-trayer.log)"
  fi
  export PONTE_EXPECT_TRAY=1
fi
