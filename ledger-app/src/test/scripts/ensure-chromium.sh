#!/usr/bin/env bash
# The console's browser test drives Debian's Chromium through its ChromeDriver. Run by the build
# before the tests: installs both where they are missing and this user may (root, or sudo without
# a password); otherwise says the one line that does, and the browser test fails saying the same.
set -uo pipefail
chromium="${LEDGER_CHROMIUM:-/usr/bin/chromium}"
driver="${LEDGER_CHROMEDRIVER:-/usr/bin/chromedriver}"
if [[ -x "$chromium" && -x "$driver" ]]; then
    exit 0
fi
packages=(chromium chromium-driver)
if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
else
    echo "[ensure-chromium] Chromium for the console's browser test is missing; install it with: sudo apt-get install -y ${packages[*]}" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "[ensure-chromium] Chromium is missing and this is not a Debian-like system: install chromium and its chromedriver, then set LEDGER_CHROMIUM and LEDGER_CHROMEDRIVER" >&2
    exit 0
fi
echo "[ensure-chromium] installing ${packages[*]} from Debian's packages for the console's browser test"
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get install -y -q "${packages[@]}" >/dev/null; then
    # a fresh machine's package lists may be stale
    "${as_root[@]}" apt-get update -q >/dev/null && "${as_root[@]}" apt-get install -y -q "${packages[@]}" >/dev/null
fi
"$chromium" --version 2>/dev/null || echo "[ensure-chromium] the install did not give $chromium" >&2
exit 0
