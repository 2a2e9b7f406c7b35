#!/usr/bin/env bash
# Builds the Linux app image, deb and rpm (Maven profile "dist", 2-4 min) and smoke-tests them (~30 s):
#   1. the app image's launcher opens Ponte's main window under X against a mock API server (workloads listed), with
#      the AOT cache in use (-XX:AOTMode=on fails otherwise), JavaFX's native libraries from the runtime, the window
#      class the desktop entry names, and exits cleanly on SIGTERM;
#   2. dpkg-deb -c / rpm -qlp list the launcher, the icon (Ponte's, not Java's) and the desktop entry; the desktop
#      entry and the AppStream metainfo validate;
#   3. dpkg -i puts `ponte` on the PATH and the menu entry in /usr/share/applications; the installed app starts from
#      the PATH and from the menu entry's Exec line; the command line runs from the PATH without a display and its
#      bash and zsh completion are installed (bash's completes `ponte br`); dpkg -r and --purge leave /opt, /usr and
#      /etc as they were.
# Run by .ci/run after the tests passed (DISPLAY is set there); also runs alone as root: bash .ci/after.d/50-installers.sh
# PONTE_BUILD_DIR=target-x builds in its own folder (Maven's -Dponte.build.dir); KEEP_WORK=1 keeps the logs.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
cd "$ROOT"
BUILD_DIR=${PONTE_BUILD_DIR:-target}
[[ "$BUILD_DIR" == /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
MVN_DIR=(-Dponte.build.dir="$BUILD_DIR")

T0=$(date +%s.%N)
log() { printf '[installers %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[installers] FAILED: %s\n' "$*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
mb() { awk -v s="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", s / 1e6 }'; }

[[ $EUID -eq 0 ]] || die "needs root (dpkg -i)"
[[ -n "${DISPLAY:-}" ]] || die "needs an X display (DISPLAY); .ci/run starts Xvfb"
for tool in rpmbuild desktop-file-validate appstreamcli xprop xwininfo; do
  command -v "$tool" >/dev/null || die "$tool is missing (see .ci/packages.d/installers.txt)"
done
JAVA=""
for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25*; do
  if [[ -n "$j" && -x "$j/bin/java" ]] && "$j/bin/java" -version 2>&1 | grep -q 'version "25'; then JAVA="$j/bin/java"; break; fi
done
[[ -n "$JAVA" ]] || die "no JDK 25 found"

WORK=$(mktemp -d /tmp/ponte-installers.XXXXXX)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# A stale install (an earlier run that failed half-way) would spoil the before/after comparison.
status=$(dpkg-query -W -f='${db:Status-Status}' ponte 2>/dev/null || true)
if [[ -n "$status" && "$status" != not-installed ]]; then
  log "purging the ponte package ($status) an earlier run left behind"
  dpkg --purge ponte > /dev/null || die "dpkg --purge ponte failed: remove it by hand, then run again"
fi

# --- build ---------------------------------------------------------------------------------------------------
t=$(date +%s.%N)
log "\$ ./mvnw -B -Pdist -DskipTests package"
./mvnw -B -Pdist -DskipTests "${MVN_DIR[@]}" package </dev/null > "$WORK/build.log" 2>&1 || { tail -60 "$WORK/build.log" >&2; die "the dist build failed"; }
grep '^\[aot\]' "$WORK/build.log" || true
DIST="$BUILD_DIR/dist"
IMAGE="$DIST/app-image/ponte"
DEB=$(ls "$DIST"/installer/ponte_*_amd64.deb)
RPM=$(ls "$DIST"/installer/ponte-*.x86_64.rpm)
log "built in $(since "$t") s: app image $(du -sm "$IMAGE" | cut -f1) MB, $(basename "$DEB") $(mb "$DEB"), $(basename "$RPM") $(mb "$RPM")"

# --- helpers -------------------------------------------------------------------------------------------------
wait_for() { # what file pattern seconds pid
  local i
  for ((i = 0; i < $4 * 10; i++)); do
    grep -aq -- "$3" "$2" 2>/dev/null && return 0
    kill -0 "$5" 2>/dev/null || { tail -40 "$2" >&2; die "$1: the process exited before \"$3\""; }
    sleep 0.1
  done
  tail -40 "$2" >&2; die "$1: no \"$3\" within $4 s"
}

DESKTOP_SRC=packaging/linux/share/applications/dev.ponte.Ponte.desktop
WM_CLASS_EXPECTED=$(sed -n 's/^StartupWMClass=//p' "$DESKTOP_SRC")
[[ -n "$WM_CLASS_EXPECTED" ]] || die "$DESKTOP_SRC has no StartupWMClass"

# Starts a launcher (env in $2...), waits for the first frame (and $READY_LINE if set), checks the window and its
# WM_CLASS, the AOT cache and JavaFX's libraries, then stops it with SIGTERM and expects a clean JVM exit.
smoke() { # name launcher
  local name=$1 launcher=$2 out="$WORK/$1.log" pid win cls rc i
  rm -rf "$WORK/home-$name"
  env JAVA_TOOL_OPTIONS="-XX:AOTMode=on -Djavafx.verbose=true -Dponte.home=$WORK/home-$name" \
    KUBECONFIG="${SMOKE_KUBECONFIG:-$WORK/no-kubeconfig}" "$launcher" > "$out" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  wait_for "$name" "$out" 'first frame after' 60 "$pid"
  [[ -n "${READY_LINE:-}" ]] && wait_for "$name" "$out" "$READY_LINE" 60 "$pid"
  if grep -aE 'NoClassDefFoundError|ClassNotFoundException|\[error\]\[aot\]|Loaded .* from resource' "$out" >&2; then
    die "$name: a missing module, an unusable AOT cache or JavaFX libraries unpacked from its jar (lines above)"
  fi
  win=$(xwininfo -root -tree | awk -v c="\"$WM_CLASS_EXPECTED\"" 'index($0, c) && /"Ponte"/ { print $1; exit }')
  [[ -n "$win" ]] || { xwininfo -root -tree | grep -i ponte >&2 || true; die "$name: no Ponte window with WM_CLASS $WM_CLASS_EXPECTED"; }
  cls=$(xprop -id "$win" WM_CLASS)
  log "$name: $(grep -ao 'first frame after [0-9]* ms' "$out"), window $win $cls"
  kill -TERM "$pid"
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; die "$name: still running 15 s after SIGTERM"; fi
  set +e; wait "$pid"; rc=$?; set -e
  [[ $rc -eq 0 || $rc -eq 143 ]] || { tail -20 "$out" >&2; die "$name: exit status $rc after SIGTERM"; }
  if grep -aE 'A fatal error has been detected|hs_err_pid' "$out" >&2; then die "$name: the JVM crashed"; fi
}

# --- 1. app image against a mock API server ------------------------------------------------------------------
t=$(date +%s.%N)
./mvnw -B -q "${MVN_DIR[@]}" dependency:build-classpath -Dmdep.outputFile="$WORK/test-classpath.txt" -Dmdep.includeScope=test \
  </dev/null > "$WORK/classpath.log" 2>&1 || { cat "$WORK/classpath.log" >&2; die "dependency:build-classpath failed"; }
mkfifo "$WORK/keep"
"$JAVA" -cp "$BUILD_DIR/classes:$BUILD_DIR/test-classes:$(cat "$WORK/test-classpath.txt")" dev.ponte.devtools.MockCluster \
  --demo --kubeconfig "$WORK/kubeconfig" < "$WORK/keep" > "$WORK/mock.out" 2> "$WORK/mock.err" &
PIDS+=($!)
exec 9> "$WORK/keep"   # the mock server runs until this closes
wait_for "mock API server" "$WORK/mock.out" '^READY' 60 "${PIDS[-1]}"
SMOKE_KUBECONFIG="$WORK/kubeconfig" READY_LINE='workloads of default listed' smoke app-image "$IMAGE/bin/ponte"
exec 9>&-
log "app image smoke test passed in $(since "$t") s"

# --- 2. package contents -------------------------------------------------------------------------------------
dpkg-deb -c "$DEB" | awk '{ print $NF }' > "$WORK/deb.files"
rpm -qlp "$RPM" > "$WORK/rpm.files" 2>/dev/null
for f in /opt/ponte/bin/ponte /opt/ponte/lib/ponte.png /opt/ponte/lib/share/applications/dev.ponte.Ponte.desktop \
         /opt/ponte/lib/app/ponte.aot /opt/ponte/lib/share/metainfo/dev.ponte.Ponte.metainfo.xml \
         /opt/ponte/lib/share/bash-completion/completions/ponte /opt/ponte/lib/share/zsh/vendor-completions/_ponte; do
  grep -qx ".$f" "$WORK/deb.files" || die "dpkg-deb -c: $f is missing"
  grep -qx "$f" "$WORK/rpm.files" || die "rpm -qlp: $f is missing"
done
for f in /usr/bin/ponte /usr/share/applications/dev.ponte.Ponte.desktop /usr/share/metainfo/dev.ponte.Ponte.metainfo.xml \
         /usr/share/bash-completion/completions/ponte /usr/share/zsh/site-functions/_ponte; do
  grep -qx "$f" "$WORK/rpm.files" || die "rpm -qlp: $f is missing"
done
icon_sum=$(md5sum < icons/png/ponte-256.png)
[[ "$(dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./opt/ponte/lib/ponte.png | md5sum)" == "$icon_sum" ]] \
  || die "the deb's icon is not icons/png/ponte-256.png"
(cd "$WORK" && rpm2archive - < "$RPM" | tar -xzf - ./opt/ponte/lib/ponte.png ./opt/ponte/lib/share/applications/dev.ponte.Ponte.desktop \
  ./opt/ponte/lib/share/metainfo/dev.ponte.Ponte.metainfo.xml) || die "could not unpack the rpm"
[[ "$(md5sum < "$WORK/opt/ponte/lib/ponte.png")" == "$icon_sum" ]] || die "the rpm's icon is not icons/png/ponte-256.png"
desktop-file-validate "$WORK/opt/ponte/lib/share/applications/dev.ponte.Ponte.desktop" || die "desktop-file-validate failed"
appstreamcli validate --no-net --no-color "$WORK/opt/ponte/lib/share/metainfo/dev.ponte.Ponte.metainfo.xml" \
  > "$WORK/appstream.log" 2>&1 || { cat "$WORK/appstream.log" >&2; die "appstreamcli validate failed"; }
log "package contents OK ($(wc -l < "$WORK/deb.files") entries in the deb, $(wc -l < "$WORK/rpm.files") in the rpm)"

# --- 3. install, start, remove -------------------------------------------------------------------------------
t=$(date +%s.%N)
snapshot() { find /opt /usr /etc -xdev \( -path /etc/ld.so.cache \) -prune -o -print 2>/dev/null | sort; }
snapshot > "$WORK/before.txt"
md5sum /usr/share/applications/* 2>/dev/null | sort > "$WORK/before-menu.txt" || true
dpkg -i "$DEB" > "$WORK/dpkg-i.log" 2>&1 || { cat "$WORK/dpkg-i.log" >&2; die "dpkg -i failed"; }
log "dpkg -i took $(since "$t") s"
[[ "$(command -v ponte)" == /usr/bin/ponte ]] || die "ponte is not on the PATH"
[[ "$(readlink -f /usr/bin/ponte)" == /opt/ponte/bin/ponte ]] || die "/usr/bin/ponte does not lead to /opt/ponte/bin/ponte"
menu=/usr/share/applications/dev.ponte.Ponte.desktop
[[ -f "$menu" ]] || die "no menu entry $menu"
desktop-file-validate "$menu" || die "desktop-file-validate $menu failed"
[[ -f /usr/share/metainfo/dev.ponte.Ponte.metainfo.xml ]] || die "no /usr/share/metainfo/dev.ponte.Ponte.metainfo.xml"
appstreamcli validate --no-net --no-color /usr/share/metainfo/dev.ponte.Ponte.metainfo.xml > "$WORK/appstream-installed.log" 2>&1 \
  || { cat "$WORK/appstream-installed.log" >&2; die "appstreamcli validate of the installed metainfo failed"; }
icon=$(sed -n 's/^Icon=//p' "$menu")
[[ "$(md5sum < "$icon")" == "$icon_sum" ]] || die "the menu entry's icon $icon is not Ponte's"
exec_line=$(sed -n 's/^Exec=//p' "$menu")
[[ -x "$exec_line" ]] || die "the menu entry's Exec ($exec_line) is not an executable file"
smoke installed-path ponte
smoke installed-menu "$exec_line"
# The command line from the PATH: no display needed (no UI toolkit), completion installed and working.
for f in bash-completion/completions/ponte zsh/vendor-completions/_ponte; do
  [[ "$(readlink -f "/usr/share/$f")" == "/opt/ponte/lib/share/$f" ]] || die "/usr/share/$f does not lead to /opt/ponte/lib/share/$f"
done
words=$(bash -c 'source /usr/share/bash-completion/completions/ponte 2>/dev/null
  COMP_WORDS=(ponte br); COMP_CWORD=1; COMP_LINE="ponte br"; COMP_POINT=8; _complete_ponte 2>/dev/null; echo "${COMPREPLY[*]}"')
[[ "$words" == bridge ]] || die "bash completion of 'ponte br' gave '$words', not 'bridge'"
version=$(env -u DISPLAY ponte --version 2>&1) || die "ponte --version failed: $version"
[[ "$version" == "ponte "* ]] || die "ponte --version printed: $version"
set +e; env -u DISPLAY JAVA_TOOL_OPTIONS="-Dponte.home=$WORK/home-cli" ponte sttaus > "$WORK/cli-usage.log" 2>&1; rc=$?; set -e
[[ $rc -eq 2 ]] && grep -q 'Did you mean: ponte status' "$WORK/cli-usage.log" || { cat "$WORK/cli-usage.log" >&2; die "ponte sttaus: exit $rc, expected 2 with a suggestion"; }
t=$(date +%s.%N)
set +e; env -u DISPLAY JAVA_TOOL_OPTIONS="-Dponte.home=$WORK/home-cli" KUBECONFIG="$WORK/no-kubeconfig" ponte status > "$WORK/cli-status.log" 2>&1; rc=$?; set -e
[[ $rc -eq 0 ]] || { cat "$WORK/cli-status.log" >&2; die "ponte status from the PATH exited $rc"; }
grep -aE 'NoClassDefFoundError|javafx' "$WORK/cli-status.log" >&2 && die "ponte status loaded what it should not (lines above)"
log "command line: ponte status in $(since "$t") s ($(head -1 "$WORK/cli-status.log")), completion installed"
t=$(date +%s.%N)
dpkg -r ponte > "$WORK/dpkg-r.log" 2>&1 || { cat "$WORK/dpkg-r.log" >&2; die "dpkg -r failed"; }
dpkg --purge ponte > "$WORK/dpkg-purge.log" 2>&1 || { cat "$WORK/dpkg-purge.log" >&2; die "dpkg --purge failed"; }
log "dpkg -r + --purge took $(since "$t") s"
snapshot > "$WORK/after.txt"
md5sum /usr/share/applications/* 2>/dev/null | sort > "$WORK/after-menu.txt" || true
if ! diff "$WORK/before.txt" "$WORK/after.txt" > "$WORK/left.diff"; then
  cat "$WORK/left.diff" >&2; die "installing and removing the deb changed the file tree (diff above: < before, > after)"
fi
diff "$WORK/before-menu.txt" "$WORK/after-menu.txt" >&2 || die "the files in /usr/share/applications changed"
[[ -z "$(dpkg-query -W -f='${db:Status-Status}' ponte 2>/dev/null)" ]] || die "dpkg still knows ponte"
log "install/remove left nothing behind ($(wc -l < "$WORK/before.txt") paths under /opt /usr /etc compared)"

log "PASS in $(since "$T0") s: $(basename "$DEB") $(mb "$DEB"), $(basename "$RPM") $(mb "$RPM"), app image $(du -sm "$IMAGE" | cut -f1) MB"
