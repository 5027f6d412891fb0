BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Get-FacebookTokenInfo -ThrottleLimit' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'inspects piped tokens concurrently and still writes results in input order, errors in place' {
        $tokens = 1..24 | ForEach-Object { (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'long' }).access_token }
        $tokens[10] = 'EAAGnotatokenthatfacebookknows000'
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ latencyMs = 30 } | Out-Null
        $masks = $tokens | ForEach-Object { $_.Substring(0, 4) + [char]0x2026 + $_.Substring($_.Length - 3) }

        $infos = $tokens | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri -ThrottleLimit 6 -ErrorVariable err -ErrorAction SilentlyContinue
        $infos.Count | Should -Be 23
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidToken,*'
        $err[0].TargetObject | Should -Be $masks[10]
        $infos.MaskedToken | Should -Be ($masks | Where-Object { $_ -ne $masks[10] })
        $infos | ForEach-Object { $_.IsValid | Should -BeTrue }
    }

    It 'is sequential by default' {
        (Get-Command Get-FacebookTokenInfo).Parameters['ThrottleLimit'].Attributes | Where-Object { $_ -is [ValidateRange] } | ForEach-Object { $_.MinRange | Should -Be 1 }
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'long' }).access_token
        ($token | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri).IsValid | Should -BeTrue
    }
}
