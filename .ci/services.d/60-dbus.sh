# Sourced by .ci/run (bash, set -euo pipefail; log, die, add_cleanup are defined there).
# Starts a private D-Bus session bus (Debian's dbus-daemon; no systemd, no X needed) for the `dbus` test group
# (src/test/java/dev/ponte/ui/tray/dbus: the StatusNotifierItem tray, notifications, the settings portal) and exports
# its address as PONTE_TEST_DBUS_ADDRESS and PONTE_EXPECT_DBUS=1 once it answers, so those tests fail instead of
# skipping when the bus is missing. The address is deliberately not DBUS_SESSION_BUS_ADDRESS: only the tests that ask
# for this bus use it. Facts: shared/testing.md, "D-Bus session bus".

command -v dbus-daemon >/dev/null 2>&1 || die "dbus-daemon not found: is dbus-daemon in .ci/packages.d/dbus.txt installed?"
command -v dbus-send >/dev/null 2>&1 || die "dbus-send not found (package dbus-bin, .ci/packages.d/dbus.txt)"

ponte_dbus_out=$(dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=1) \
  || die "dbus-daemon --session did not start"
PONTE_TEST_DBUS_ADDRESS=$(sed -n 1p <<<"$ponte_dbus_out")
PONTE_DBUS_PID=$(sed -n 2p <<<"$ponte_dbus_out")
[[ -n "$PONTE_TEST_DBUS_ADDRESS" && "$PONTE_DBUS_PID" =~ ^[0-9]+$ ]] || die "dbus-daemon printed no address/pid: $ponte_dbus_out"
add_cleanup "kill $PONTE_DBUS_PID 2>/dev/null"
ponte_deadline=$((SECONDS + 10))
until dbus-send --bus="$PONTE_TEST_DBUS_ADDRESS" --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetId >/dev/null 2>&1; do
  kill -0 "$PONTE_DBUS_PID" 2>/dev/null || die "dbus-daemon (pid $PONTE_DBUS_PID) exited during start"
  [[ $SECONDS -lt $ponte_deadline ]] || die "the session bus at $PONTE_TEST_DBUS_ADDRESS did not answer within 10 s"
  sleep 0.1
done
export PONTE_TEST_DBUS_ADDRESS
export PONTE_EXPECT_DBUS=1
log "dbus: $(dbus-daemon --version | head -n 1), session bus pid $PONTE_DBUS_PID at $PONTE_TEST_DBUS_ADDRESS; PONTE_EXPECT_DBUS=1"
