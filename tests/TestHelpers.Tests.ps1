# The helpers in tests/common.ps1 that every other suite trusts: a helper that leaked state into this process
# (a proxy variable left set, say) would break suites that run after it, far from the cause.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'Invoke-WithEnvironment' {
    BeforeAll {
        # The real proxy names: on Linux and macOS HTTP_PROXY and http_proxy are two variables. They are saved and put
        # back here with plain .NET calls, not with the helper under test, so a broken helper cannot leak them.
        $script:realNames = 'HTTP_PROXY', 'http_proxy'
        $script:real = [hashtable]::new([StringComparer]::Ordinal)
        foreach ($name in $realNames) {
            $real[$name] = [Environment]::GetEnvironmentVariable($name)
        }

        function Get-Variables {
            # The current values of -Name, in an ordinal table ($null where a variable does not exist).
            param([string[]]$Name)
            $values = [hashtable]::new([StringComparer]::Ordinal)
            foreach ($one in $Name) {
                $values[$one] = [Environment]::GetEnvironmentVariable($one)
            }
            $values
        }

        function Assert-AsBefore {
            # Each variable of the BeforeEach snapshot has its value again (a variable that did not exist, none).
            foreach ($name in $before.Keys) {
                [Environment]::GetEnvironmentVariable($name) | Should -BeExactly $before[$name] -Because "$name is restored"
            }
            Test-Path -LiteralPath "env:$absent" | Should -BeFalse -Because 'a variable that did not exist is removed again'
        }
    }

    BeforeEach {
        [Environment]::SetEnvironmentVariable('HTTP_PROXY', 'http://upper.before.invalid')
        [Environment]::SetEnvironmentVariable('http_proxy', 'http://lower.before.invalid')
        $script:absent = 'FBT_TEST_ABSENT_' + [guid]::NewGuid().ToString('N')
        $script:set = [hashtable]::new([StringComparer]::Ordinal)
        $set['HTTP_PROXY'] = 'http://upper.inside.invalid'
        $set['http_proxy'] = 'http://lower.inside.invalid'
        $set[$absent] = 'inside'
        # On Windows the two proxy names are one variable (the later value wins): the snapshot says what to restore.
        $script:before = Get-Variables 'HTTP_PROXY', 'http_proxy', $absent
    }

    AfterEach {
        # NullString: a plain $null would reach SetEnvironmentVariable as '' and leave an empty variable (Linux, macOS).
        [Environment]::SetEnvironmentVariable($absent, [NullString]::Value)
    }

    AfterAll {
        foreach ($name in $realNames) {
            [Environment]::SetEnvironmentVariable($name, $(if ($null -eq $real[$name]) { [NullString]::Value } else { $real[$name] }))
        }
    }

    It 'sets HTTP_PROXY and http_proxy each to its own value, and restores each to its own value' -Skip:$IsWindows {
        $inside = Invoke-WithEnvironment $set { Get-Variables 'HTTP_PROXY', 'http_proxy', $absent }
        $inside['HTTP_PROXY'] | Should -BeExactly 'http://upper.inside.invalid'
        $inside['http_proxy'] | Should -BeExactly 'http://lower.inside.invalid'
        $inside[$absent] | Should -BeExactly 'inside'

        $before['HTTP_PROXY'] | Should -BeExactly 'http://upper.before.invalid'
        $before['http_proxy'] | Should -BeExactly 'http://lower.before.invalid'
        Assert-AsBefore
    }

    It 'removes a variable that did not exist before' {
        Invoke-WithEnvironment $set { $null = 1 }
        $null -eq $before[$absent] | Should -BeTrue
        Assert-AsBefore
    }

    It 'removes a variable given as $null while the block runs, and brings it back after' {
        $inside = Invoke-WithEnvironment @{ HTTP_PROXY = $null } { Get-Variables 'HTTP_PROXY' }
        $null -eq $inside['HTTP_PROXY'] | Should -BeTrue -Because 'the variable is removed, not set empty'
        $before['HTTP_PROXY'] | Should -Not -BeNullOrEmpty
        Assert-AsBefore
    }

    It 'restores every variable when the block throws, and lets the error through' {
        { Invoke-WithEnvironment $set { throw 'the block failed' } } | Should -Throw 'the block failed'
        Assert-AsBefore
    }

    It 'returns what the block writes, and the block sees the caller''s variables' {
        $callerValue = 'from the caller'
        $out = Invoke-WithEnvironment @{ $absent = 'x' } { $callerValue; [Environment]::GetEnvironmentVariable($absent) }
        $out | Should -Be @('from the caller', 'x')
    }
}
