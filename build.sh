#!/usr/bin/env bash
# rtdriver's one entry point.
#   ./build.sh          install prerequisites, build, publish into artifacts/, run the demo
#   ./build.sh test     the same build, then every test: xUnit, the C tests, the Python binding's tests,
#                       install/uninstall into a temporary prefix, the README's samples
#   ./build.sh bench    the same build, then the BenchmarkDotNet suites and the native OpenSSL comparison
#   ./build.sh install [PREFIX=/usr/local] [DESTDIR=]   builds if the artifacts are stale, then installs the
#                       library (soname librtdriver.so.0), header, rtdriver.pc, rtprobe, man page and open
#                       firmware into DESTDIR/PREFIX (PREFIX and DESTDIR may also come from the environment)
#   ./build.sh uninstall [PREFIX=/usr/local] [DESTDIR=]  removes exactly what install put there (its manifest)
# Quiet when things work (warnings are listed, each once); on failure it prints the failing step's log
# and exits non-zero.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ART="$ROOT/artifacts"
LOGS="$ART/logs"
RID=linux-x64
CONFIG=Release
mkdir -p "$LOGS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say()  { printf '==> %s\n' "$*"; }
fail() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# run NAME CMD...: runs a step with its output in artifacts/logs/NAME.log; shows the log on failure.
run() {
  local name="$1"; shift
  local log="$LOGS/$name.log"
  if ! "$@" >"$log" 2>&1; then
    printf '\nbuild.sh: step "%s" failed: %s\n--- last 80 lines of %s ---\n' "$name" "$*" "$log" >&2
    tail -n 80 "$log" >&2
    exit 1
  fi
}

# ---- prerequisites (idempotent) -------------------------------------------------------------
APT_PACKAGES=(pkg-config gcc make binutils libusb-1.0-0-dev libssl-dev sdcc python3)
prereqs() {
  command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not on PATH; install .NET SDK 10"
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    run apt-update $sudo apt-get update -qq
    run apt-install env DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# ---- build ----------------------------------------------------------------------------------
build_firmware() {
  # The project's own open 8051 MCU image (the emulator's default firmware).
  if [ -x "$ROOT/firmware/build-image.sh" ]; then
    run firmware "$ROOT/firmware/build-image.sh" "$ART/firmware"
  fi
}

# show_warnings NAME...: the distinct warnings in the named steps' logs, counted, one line each
# (MSBuild repeats each warning in its closing summary; a line is shown once). The projects under
# src/ fail on any warning (src/Directory.Build.props), so what shows here comes from the tests,
# the benchmarks or an MSBuild step (the open firmware when sdcc is missing).
show_warnings() {
  local name warnings
  for name in "$@"; do
    warnings=$(grep -E ': warning [A-Z]*[0-9]*: ' "$LOGS/$name.log" 2>/dev/null \
      | sed -E -e 's/^ +//' -e 's/ \[[^]]*\]$//' -e "s|$ROOT/||" | sort -u || true)
    [ -n "$warnings" ] || continue
    printf '    %s: %d warning(s) (full log: %s)\n' "$name" "$(printf '%s\n' "$warnings" | wc -l)" "$LOGS/$name.log"
    printf '%s\n' "$warnings" | sed 's/^/      /'
  done
}

build_all() {
  say "restoring and building"
  run restore dotnet restore "$ROOT/RtDriver.sln"
  run build dotnet build "$ROOT/RtDriver.sln" -c $CONFIG --no-restore -nologo
  say "publishing librtdriver.so and rtprobe (NativeAOT)"
  run publish-lib dotnet publish "$ROOT/src/RtDriver.Native/RtDriver.Native.csproj" -c $CONFIG -r $RID -nologo -o "$ART/obj/lib"
  run publish-rtprobe dotnet publish "$ROOT/src/RtProbe/RtProbe.csproj" -c $CONFIG -r $RID -nologo -o "$ART/obj/rtprobe"
  show_warnings build publish-lib publish-rtprobe
  mkdir -p "$ART/lib/pkgconfig" "$ART/include" "$ART/bin"
  rm -f "$ART/lib/librtdriver.so"
  cp "$ART/obj/lib/librtdriver.so" "$ART/lib/"
  # The library's soname is librtdriver.so.0 (RtDriver.Native.csproj): programs linked here need that name.
  ln -sfn librtdriver.so "$ART/lib/librtdriver.so.0"
  [ -f "$ART/obj/lib/librtdriver.so.dbg" ] && cp "$ART/obj/lib/librtdriver.so.dbg" "$ART/lib/"
  cp "$ART/obj/rtprobe/rtprobe" "$ART/bin/"
  cp "$ROOT/native/include/rtdriver.h" "$ART/include/"
  # The build tree's pkg-config file carries an rpath so in-tree programs run as built; the
  # installed one (packaging/install.sh) does not.
  sed -e "s|@PREFIX@|$ART|" -e "s|@VERSION@|$(grep -oP '(?<=<Version>)[^<]+' "$ROOT/Directory.Build.props")|" \
      -e 's|@RPATH@|-Wl,-rpath,${libdir} |' "$ROOT/packaging/rtdriver.pc.in" >"$ART/lib/pkgconfig/rtdriver.pc"
  date >"$ART/.published"
}

# Builds unless the published artifacts are newer than every input (so `sudo ./build.sh install`
# after a build as yourself installs what you built instead of rebuilding as root).
build_if_stale() {
  local stamp="$ART/.published"
  if [ -f "$stamp" ] && [ -z "$(find "$ROOT/src" "$ROOT/native/include" "$ROOT/firmware" "$ROOT/packaging/rtdriver.pc.in" \
        "$ROOT/Directory.Build.props" -newer "$stamp" -type f -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]; then
    say "artifacts are up to date"
  else
    prereqs; build_firmware; build_all
  fi
}

# install_args ARGS...: PREFIX=... and DESTDIR=... (else the environment; PREFIX defaults to /usr/local).
install_args() {
  local a
  for a in "$@"; do
    case "$a" in
      PREFIX=*) PREFIX="${a#PREFIX=}" ;;
      DESTDIR=*) DESTDIR="${a#DESTDIR=}" ;;
      *) fail "unknown install argument '$a' (use PREFIX=/path and DESTDIR=/path)" ;;
    esac
  done
  PREFIX="${PREFIX:-/usr/local}"
  DESTDIR="${DESTDIR:-}"
}

# ---- tests ----------------------------------------------------------------------------------
test_dotnet() {
  say "xUnit tests"
  rm -f "$LOGS/xunit.trx"
  run xunit dotnet test "$ROOT/tests/RtDriver.Tests/RtDriver.Tests.csproj" -c $CONFIG --no-build -nologo \
      --logger "console;verbosity=minimal" --logger "trx;LogFileName=$LOGS/xunit.trx"
  grep -E "^(Passed|Failed)!|Total tests" "$LOGS/xunit.log" | sed 's/^/    /' || true
  xunit_not_run | sed 's/^/    /'
}

# The xUnit tests this machine cannot run (no AES-NI, no USB device, no hugepages...), one line
# each with its reason: the runner's console log names them but not why; the TRX log has both.
xunit_not_run() {
  [ -f "$LOGS/xunit.trx" ] || return 0
  python3 - "$LOGS/xunit.trx" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") == "NotExecuted":
        m = r.find("t:Output/t:ErrorInfo/t:Message", ns)
        why = (m.text or "").strip() if m is not None else ""
        name = r.get("testName", "?").removeprefix("RtDriver.Tests.")
        print(f"{why if why.startswith('not run:') else 'not run: ' + (why or 'skipped')} [{name}]")
PY
}

test_native() {
  say "C tests against the published library"
  run native-tests make -C "$ROOT/native/tests" ART="$ART" check
  grep -E "^(ok|PASS|not ok|FAIL)|passed" "$LOGS/native-tests.log" | tail -n 5 | sed 's/^/    /' || true
  grep -E "^# not run:" "$LOGS/native-tests.log" | sed 's/^# /    /' || true
}

test_examples() {
  if [ -f "$ROOT/native/examples/Makefile" ]; then
    say "C examples"
    run examples make -C "$ROOT/native/examples" ART="$ART" run
  fi
}

test_bindings() {
  if [ -d "$ROOT/bindings/python/tests" ]; then
    say "Python binding tests"
    run python-tests env RTDRIVER_LIB="$ART/lib/librtdriver.so" python3 -m unittest discover -s "$ROOT/bindings/python/tests" -t "$ROOT/bindings/python"
  fi
}

# ./build.sh install / uninstall into temporary prefixes (packaging/test-install.sh).
test_install() {
  say "install and uninstall"
  run install-test "$ROOT/packaging/test-install.sh" "$ART"
  tail -n 1 "$LOGS/install-test.log" | sed 's/^/    /'
}

# README.md's sample outputs are real runs of today's rtprobe, and its C ABI sentence matches the header.
test_readme() {
  say "README samples and C ABI sentence"
  run readme-samples python3 "$ROOT/docs/readme_samples.py" --check --bin "$ART/bin"
  run readme-abi python3 "$ROOT/docs/check_readme_abi.py"
  tail -n 1 "$LOGS/readme-samples.log" | sed 's/^/    samples: /'
}

# One closing line for people and CI: every check counted (xUnit tests, C test checks, Python
# tests, install checks, README checks). What this machine cannot run is counted apart as
# skipped (each was listed above with its reason).
summary() {
  local xunit c py pkg xskip cskip pyskip skipped
  xunit=$(grep -oE 'Passed: +[0-9]+' "$LOGS/xunit.log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  xskip=$(grep -oE 'Skipped: +[0-9]+' "$LOGS/xunit.log" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
  c=$(grep -hE '^[0-9]+ passed, 0 failed(, [0-9]+ skipped)?$' "$LOGS/native-tests.log" | cut -d' ' -f1 | awk '{s+=$1} END {print s+0}')
  cskip=$(grep -hcE '^# not run:' "$LOGS/native-tests.log" || true)
  py=$( { grep -oE '^Ran [0-9]+ tests' "$LOGS/python-tests.log" 2>/dev/null || echo 'Ran 0 tests'; } | grep -oE '[0-9]+')
  pyskip=$( { grep -oE '^OK \(skipped=[0-9]+\)' "$LOGS/python-tests.log" 2>/dev/null || echo 0; } | grep -oE '[0-9]+')
  py=$(( ${py:-0} - ${pyskip:-0} ))
  pkg=$(cat "$LOGS/install-test.log" "$LOGS/readme-samples.log" "$LOGS/readme-abi.log" 2>/dev/null \
        | grep -hE '^[0-9]+ passed, 0 failed$' | cut -d' ' -f1 | awk '{s+=$1} END {print s+0}')
  skipped=$(( ${xskip:-0} + ${cskip:-0} + ${pyskip:-0} ))
  say "all tests passed: ${xunit:-0} xUnit, ${c:-0} C checks, ${py:-0} Python, ${pkg:-0} install and README checks; not run on this machine: ${skipped}"
  local total=$(( ${xunit:-0} + ${c:-0} + py + ${pkg:-0} ))
  if (( skipped > 0 )); then
    echo "tests: ${total} passed, 0 failed, ${skipped} skipped"
  else
    echo "tests: ${total} passed, 0 failed"
  fi
}

# ---- benchmarks -----------------------------------------------------------------------------
bench() {
  say "native comparison harness against OpenSSL"
  make -s -C "$ROOT/benchmarks/native" ART="$ART" run
  if [ "${RTDRIVER_SKIP_BDN:-0}" != 1 ]; then
    say "BenchmarkDotNet suites"
    dotnet run -c $CONFIG --project "$ROOT/benchmarks/RtDriver.Benchmarks" -- --filter '*' "$@"
  fi
}

main() {
  local cmd="${1:-all}"
  [ $# -gt 0 ] && shift
  case "$cmd" in
    all|"")
      prereqs; build_firmware; build_all
      say "demo: rtprobe demo"
      "$ART/bin/rtprobe" demo ;;
    test)
      prereqs; build_firmware; build_all
      test_dotnet; test_native; test_examples; test_bindings; test_install; test_readme
      summary ;;
    bench)
      prereqs; build_firmware; build_all; bench "$@" ;;
    install)
      install_args "$@"; build_if_stale
      "$ROOT/packaging/install.sh" install "$ART" "$PREFIX" "$DESTDIR" ;;
    uninstall)
      install_args "$@"
      "$ROOT/packaging/install.sh" uninstall "$PREFIX" "$DESTDIR" ;;
    -h|--help|help)
      sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) fail "unknown command '$cmd' (use: ./build.sh, ./build.sh test, ./build.sh bench, ./build.sh install, ./build.sh uninstall)" ;;
  esac
}

main "$@"
