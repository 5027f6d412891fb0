#!/usr/bin/env bash
# The "system browser" for tests/BrowserLogin.Tests.ps1: the tests set $env:BROWSER to this script, the
# module starts it as `launch-browser.sh <url>` (without waiting), and it clicks through the login dialog
# with headless chromium (click-through.mjs).
#
# With FBT_BROWSER_LOG set it records, next to that file:
#   ${FBT_BROWSER_LOG}.url     the URL the module launched (exactly, no newline)
#   ${FBT_BROWSER_LOG}.pid     the browser driver's process id, so a test can end it if it outlives the test
#   ${FBT_BROWSER_LOG}.stderr  the driver's progress and errors (appended)
#   ${FBT_BROWSER_LOG}         the JSON result written by click-through.mjs
# It never reads stdin. FBT_NODE overrides the node executable.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${1:-}"
node="${FBT_NODE:-node}"
log="${FBT_BROWSER_LOG:-}"

if [ -n "$log" ]; then
    printf '%s' "$url" > "$log.url"
    printf '%s' "$$" > "$log.pid"   # exec keeps the pid: this is node's
    exec "$node" "$here/click-through.mjs" "$url" </dev/null 2>>"$log.stderr"
fi
exec "$node" "$here/click-through.mjs" "$url" </dev/null
