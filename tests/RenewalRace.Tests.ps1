# Issue 20, point 3: Update-FacebookToken replaces a cached entry only if it still holds the token it renewed.
# A Save, a Remove or another Update of the same name while the renewal runs wins; the renewal's Action is Conflict,
# its Reason says what happened, and the system-user token it minted, which nobody holds, is revoked at Facebook.
# The emulator holds the refresh (oauth/access_token) for a few seconds; the test acts once it sees it in flight.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:adminSystemUser = '61550000000000002'

    function New-SystemUserToken {
        (Invoke-EmulatorControl $emu -Path 'systemusers/tokens' -Body @{ systemUserId = $adminSystemUser; expiresIn60Days = $true }).access_token
    }

    function Save-Cached([string]$Token, [string]$Name) {
        $t = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString $Token -AsPlainText -Force), 'SystemUser', $emu.AppId)
        $t.ExpiresOn = [DateTimeOffset]::UtcNow.AddDays(50)
        $t | Save-FacebookToken -Name $Name
    }

    function Get-Plain($Secure) { [Net.NetworkCredential]::new('', $Secure).Password }

    function Start-Update([string]$Name) {
        # Another runspace of this process, as a second runbook job would be; it sees this process's cache variables.
        Start-ThreadJob -ArgumentList $StagedManifestPath, $Name, $emu.Uri, $emu.Credential -ScriptBlock {
            param($Manifest, $Name, $Uri, $Credential)
            Import-Module $Manifest
            Update-FacebookToken $Name -Credential $Credential -GraphBaseUri $Uri -MinimumValidity 61.00:00:00 -WarningAction SilentlyContinue
        }
    }

    function Wait-RefreshInFlight([int]$Count = 1) {
        # The refresh is held by the emulator's latency: wait (up to 60 s) until that many are in flight.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ((Invoke-EmulatorControl $emu -Method Get -Path 'concurrency').inFlight -lt $Count) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "No $Count refresh in flight at the emulator after 60 s." }
            Start-Sleep -Milliseconds 50
        }
    }

    function Get-Revoked {
        @(Invoke-EmulatorControl $emu -Method Get -Path 'requests' | ForEach-Object { $_ } | Where-Object { $_.endpoint -like '*/oauth/revoke' } | ForEach-Object { $_.form.revoke_token })
    }

    function Test-Live([string]$Token) {
        Test-FacebookToken -AccessToken $Token -Credential $emu.Credential -GraphBaseUri $emu.Uri
    }
}

AfterAll {
    Stop-FacebookEmulator $emu
}

Describe 'Update-FacebookToken and a cache entry that changes while it runs' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:cacheDir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-race-' + [guid]::NewGuid().ToString('N'))
        $env:FACEBOOK_TOKEN_CACHE_PATH = $cacheDir
        # A raw 256-bit key: no key-derivation rounds, so a save takes milliseconds, well inside the held refresh.
        $env:FACEBOOK_TOKEN_CACHE_KEY = 'base64:' + [Convert]::ToBase64String([byte[]](1..32))
        $script:old = New-SystemUserToken
        Save-Cached $old 'wa-prod'
        Invoke-EmulatorControl $emu -Path 'faults' -Body @{ latencyMs = 6000; pathContains = 'oauth/access_token' } | Out-Null
    }

    AfterEach {
        Get-Job | Remove-Job -Force -ErrorAction SilentlyContinue
        Remove-Item env:FACEBOOK_TOKEN_CACHE_PATH, env:FACEBOOK_TOKEN_CACHE_KEY -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $cacheDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'keeps a token saved meanwhile, reports Conflict, and revokes the token it minted' {
        $job = Start-Update 'wa-prod'
        Wait-RefreshInFlight
        $saved = New-SystemUserToken
        Save-Cached $saved 'wa-prod'
        $r = $job | Wait-Job -Timeout 120 | Receive-Job

        $r.Action | Should -Be 'Conflict'
        $r.Reason | Should -Match "'wa-prod' was changed in .+ while it was being renewed"
        $r.Reason | Should -Match 'was revoked at Facebook'
        Get-Plain (Get-FacebookToken wa-prod).AccessToken | Should -Be $saved
        $revoked = Get-Revoked
        $revoked.Count | Should -Be 1
        $revoked[0] | Should -Not -BeIn @($old, $saved)
        Test-Live $revoked[0] | Should -BeFalse
        Test-Live $saved | Should -BeTrue
    }

    It 'does not bring back a token removed meanwhile' {
        $job = Start-Update 'wa-prod'
        Wait-RefreshInFlight
        Remove-FacebookToken wa-prod
        $r = $job | Wait-Job -Timeout 120 | Receive-Job

        $r.Action | Should -Be 'Conflict'
        $r.Reason | Should -Match "'wa-prod' was removed from .+ while it was being renewed"
        Get-FacebookToken wa-prod -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Test-Live (Get-Revoked)[0] | Should -BeFalse
    }

    It 'of two overlapping renewals keeps one token and revokes the other''s' {
        $jobs = @(Start-Update 'wa-prod'; Start-Update 'wa-prod')
        Wait-RefreshInFlight -Count 2
        $results = @($jobs | Wait-Job -Timeout 120 | Receive-Job)

        @($results | ForEach-Object { "$($_.Action)" } | Sort-Object) | Should -Be @('Conflict', 'Renewed')
        $cached = Get-Plain (Get-FacebookToken wa-prod).AccessToken
        $cached | Should -Not -Be $old
        $revoked = Get-Revoked
        $revoked.Count | Should -Be 1
        $revoked[0] | Should -Not -Be $cached
        Test-Live $revoked[0] | Should -BeFalse
        Test-Live $cached | Should -BeTrue
    }
}
