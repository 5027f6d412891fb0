#!/usr/bin/env bash
# A stand-in browser for tests without chromium: the module starts it as `$BROWSER <login-url>`.
# First it sends the stray or forged requests listed in FBT_FAKE_PRELUDE (space separated URLs, each
# sent FBT_FAKE_REPEAT times, default 1), then it opens the login URL and follows the emulator's
# redirect to the module's listener, like a browser whose user clicked Continue (or Cancel: the
# emulator's auto-approve setting decides). What the listener answered goes to FBT_BROWSER_LOG.
set -u
url="$1"
log="${FBT_BROWSER_LOG:-/dev/null}"
printf '%s' "$url" > "${log}.url" 2>/dev/null || true
for stray in ${FBT_FAKE_PRELUDE:-}; do
    for _ in $(seq 1 "${FBT_FAKE_REPEAT:-1}"); do
        curl -s -o /dev/null --max-time 10 "$stray" || true
    done
done
curl -s -L --max-redirs 5 --max-time 30 -o "$log" -w '%{http_code} %{url_effective}\n' "$url" > "${log}.status" 2>/dev/null
