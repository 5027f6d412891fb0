# The rule build.ps1 applies under CI=true: a skipped test fails the run unless tests/skip-allowlist.txt lists it,
# with its reason, for the platform it skipped on (build/Resolve-SkippedTests.ps1 judges each skip).
BeforeAll {
    $script:repoRoot = Split-Path -Parent $PSScriptRoot
    $script:resolver = Join-Path $repoRoot 'build/Resolve-SkippedTests.ps1'
    $script:allowList = Join-Path $PSScriptRoot 'skip-allowlist.txt'

    function New-AllowList {
        param([string[]]$Lines)
        $path = Join-Path ([IO.Path]::GetTempPath()) ('fbt-allowlist-' + [guid]::NewGuid().ToString('N') + '.txt')
        Set-Content -LiteralPath $path -Value $Lines
        $path
    }
}

Describe 'The skip allow-list' {
    It 'parses, and every entry names a platform and gives a reason' {
        $entries = @(Get-Content -LiteralPath $allowList | Where-Object { $_.Trim() -and -not $_.Trim().StartsWith('#') })
        $entries.Count | Should -BeGreaterThan 0
        foreach ($entry in $entries) {
            $fields = $entry.Split('|')
            $fields.Count | Should -Be 3 -Because $entry
            $fields[0].Trim() | Should -BeIn @('Linux', 'macOS', 'Windows', '*') -Because $entry
            $fields[2].Trim().Length | Should -BeGreaterThan 20 -Because "a reason a reader can act on: $entry"
        }
        { & $resolver -Path $allowList -Skipped 'anything' -Platform Linux } | Should -Not -Throw
    }

    It 'allows no skip on Linux, where CI runs: the keyring xunit test and the Pester suites must run there' {
        $skips = 'FacebookToken.Tests.StorageIsolationTests.Create_OnARealStore_KeepsEachCachePathApart',
        'The token cache on a real gnome-keyring (libsecret).saves in one process, reads in another, keys the entry by cache path, and writes no token to disk',
        'Receive-FacebookAuthCode with a real browser.Continue: the code arrives'
        $judged = & $resolver -Path $allowList -Skipped $skips -Platform Linux
        $judged.Allowed | Should -Be @($false, $false, $false)
    }

    It 'allows the keyring xunit test to skip on macOS only, with the reason' {
        $name = 'FacebookToken.Tests.StorageIsolationTests.Create_OnARealStore_KeepsEachCachePathApart'
        $mac = & $resolver -Path $allowList -Skipped $name -Platform macOS
        $mac.Allowed | Should -BeTrue
        $mac.Reason | Should -Match 'keychain'
        (& $resolver -Path $allowList -Skipped $name -Platform Linux).Allowed | Should -BeFalse
        (& $resolver -Path $allowList -Skipped $name -Platform Windows).Allowed | Should -BeFalse
    }

    It 'matches names with wildcards and platform *, and nothing else' {
        $path = New-AllowList @('# a comment', '', '* | Suite A.* | needs a thing no runner has, by design', 'Windows | Exact.Test | only runs elsewhere, on purpose')
        try {
            $judged = & $resolver -Path $path -Skipped 'Suite A.one', 'Suite B.one', 'Exact.Test', 'Exact.Test2' -Platform Linux
            $judged.Name | Should -Be @('Suite A.one', 'Suite B.one', 'Exact.Test', 'Exact.Test2')
            $judged.Allowed | Should -Be @($true, $false, $false, $false)
            $judged[0].Reason | Should -Be 'needs a thing no runner has, by design'
            (& $resolver -Path $path -Skipped 'Exact.Test' -Platform Windows).Allowed | Should -BeTrue
        }
        finally {
            Remove-Item -LiteralPath $path
        }
    }

    It 'refuses a malformed entry: <Case>' -ForEach @(
        @{ Case = 'no reason'; Line = 'Linux | Some.Test' }
        @{ Case = 'an empty reason'; Line = 'Linux | Some.Test | ' }
        @{ Case = 'an unknown platform'; Line = 'Solaris | Some.Test | a reason long enough to read' }
        @{ Case = 'an empty name'; Line = 'Linux |  | a reason long enough to read' }
    ) {
        $path = New-AllowList @($Line)
        try {
            { & $resolver -Path $path -Skipped 'Some.Test' -Platform Linux } | Should -Throw '*expected*platform | test name | reason*'
        }
        finally {
            Remove-Item -LiteralPath $path
        }
    }
}
