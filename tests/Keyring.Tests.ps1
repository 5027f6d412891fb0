# The libsecret path against a real gnome-keyring. Each test starts its own D-Bus session with
# dbus-run-session, unlocks a fresh keyring there (echo -n pw | gnome-keyring-daemon --unlock), and runs
# separate pwsh processes inside it, so save and read cross a process boundary on a real keyring.
BeforeDiscovery {
    $missing = @(foreach ($tool in 'dbus-run-session', 'gnome-keyring-daemon', 'secret-tool') {
            if (-not (Get-Command $tool -CommandType Application -ErrorAction Ignore)) { $tool }
        })
    if (-not (Test-Path '/usr/lib/x86_64-linux-gnu/libsecret-1.so.0') -and -not (Get-ChildItem '/usr/lib*/**/libsecret-1.so.0' -ErrorAction Ignore)) {
        $missing += 'libsecret-1.so.0'
    }
    $skipKeyring = $missing.Count -gt 0 -and $env:CI -ne 'true'
    if ($skipKeyring) {
        Write-Warning "SKIPPING the gnome-keyring suite: missing $($missing -join ', '). Install gnome-keyring libsecret-1-0 dbus-x11 libsecret-tools (build.ps1 -Task Test does so as root on Debian)."
    }
    # Discovery-phase variables are gone when the tests run: the Describe gets what it checks as its data.
    $suiteData = @{ KeyringMissing = [string[]]$missing }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    function Invoke-InKeyringSession {
        # Runs each script in its own pwsh, one after another, inside one D-Bus session with an unlocked keyring.
        param([string[]]$Scripts, [string]$Work)
        $pwshArgs = Get-ChildPwshArguments
        $pwsh = (@($pwshArgs.FilePath) + $pwshArgs.Prefix | ForEach-Object { "'$_'" }) -join ' '
        $lines = @(
            'set -e'
            "export XDG_DATA_HOME='$Work/data' XDG_CONFIG_HOME='$Work/config'"
            "mkdir -p '$Work/data' '$Work/config'"
            'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
        )
        $i = 0
        foreach ($s in $Scripts) {
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($s))
            $lines += "echo '--- step $i'"
            $lines += "$pwsh -NoProfile -NonInteractive -EncodedCommand $encoded"
            $i++
        }
        $lines += "echo '--- search'"
        $lines += "secret-tool search --all 'FacebookToken.CachePath' '$Work/cache-a' 2>&1 | grep -E '^(label|attribute)' || true"
        $scriptFile = Join-Path $Work 'session.sh'
        Set-Content -LiteralPath $scriptFile -Value ($lines -join "`n")
        $output = & dbus-run-session -- bash $scriptFile 2>&1 | ForEach-Object { "$_" } | Where-Object { $_ -notmatch 'Failed to set fd limit' }
        if ($LASTEXITCODE -ne 0) { throw "keyring session failed ($LASTEXITCODE): $($output -join "`n")" }
        $output
    }
}

Describe 'The token cache on a real gnome-keyring (libsecret)' -Skip:$skipKeyring -ForEach @($suiteData) {
    BeforeAll {
        if ($KeyringMissing.Count -gt 0) {
            # Only reached under CI=true: elsewhere the suite is skipped.
            throw "CI=true and the gnome-keyring suite lacks: $($KeyringMissing -join ', ')"
        }
    }

    It 'saves in one process, reads in another, keys the entry by cache path, and writes no token to disk' {
        $work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-keyring-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $work
        $raw = 'EAAGkeyringtoken' + ([guid]::NewGuid().ToString('N'))
        $import = "Import-Module '$ModuleManifestPath'; `$ErrorActionPreference = 'Stop'; Remove-Item env:FACEBOOK_TOKEN_CACHE_KEY -ErrorAction Ignore"
        $out = Invoke-InKeyringSession -Work $work -Scripts @(
            "$import; [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString '$raw' -AsPlainText -Force), 'LongLivedUser', '1234567890') | Save-FacebookToken -Name wa-prod -CachePath '$work/cache-a'; 'saved:' + (Get-FacebookTokenCacheInfo -CachePath '$work/cache-a').Backend"
            "$import; `$t = Get-FacebookToken wa-prod -CachePath '$work/cache-a'; 'read:' + [Net.NetworkCredential]::new('', `$t.AccessToken).Password; 'reason:' + (Get-FacebookTokenCacheInfo -CachePath '$work/cache-a').Reason"
            "$import; 'other:' + @(Get-FacebookToken -CachePath '$work/cache-b').Count"
            # One process reads, another writes, the first reads again: it must see the new entry, not its own last read.
            "$import; `$before = @(Get-FacebookToken -CachePath '$work/cache-a').Count; & '$((Get-ChildPwshArguments).FilePath)' $(((Get-ChildPwshArguments).Prefix | ForEach-Object { "'$_'" }) -join ' ') -NoProfile -NonInteractive -Command `"Import-Module '$ModuleManifestPath'; Save-FacebookToken -Name second -AccessToken 'EAAGsecondtoken000000000000' -CachePath '$work/cache-a'`"; 'coherent:' + `$before + '->' + @(Get-FacebookToken -CachePath '$work/cache-a').Count"
            "$import; Get-FacebookToken wa-prod -CachePath '$work/cache-a' | Remove-FacebookToken -CachePath '$work/cache-a' -Confirm:`$false; 'after-remove:' + @(Get-FacebookToken -CachePath '$work/cache-a').Count"
        )
        $text = $out -join "`n"
        $text | Should -Match 'saved:libsecret'
        $text | Should -Match ('read:' + [regex]::Escape($raw))
        $text | Should -Match 'reason:libsecret is available'
        $text | Should -Match 'other:0'
        $text | Should -Match 'coherent:1->2'
        $text | Should -Match 'after-remove:1'
        $text | Should -Match 'attribute\.FacebookToken\.CachePath = '

        foreach ($file in Get-ChildItem -LiteralPath $work -Recurse -File) {
            [IO.File]::ReadAllText($file.FullName).Contains($raw) | Should -BeFalse -Because "$($file.FullName) must not hold the token"
        }
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}
