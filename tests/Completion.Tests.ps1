BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator

    function Get-Completion([string]$Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Tab completion' {
    It 'completes -Scope with the WhatsApp permissions' {
        Get-Completion 'Get-FacebookAuthUrl -AppId 1 -RedirectUri http://localhost:8765/callback/ -Scope whatsapp_' |
            Should -Be @('whatsapp_business_management', 'whatsapp_business_messaging')
        Get-Completion 'Invoke-FacebookLogin -Scope business_' | Should -Be @('business_management')
    }

    It 'completes -ApiVersion with known versions, newest first' {
        $versions = Get-Completion 'ConvertTo-LongLivedToken -ApiVersion v2'
        $versions[0] | Should -Be 'v25.0'
        $versions | Should -Contain 'v21.0'
        Get-Completion 'Get-FacebookAuthUrl -ApiVersion 24' | Should -Be @('v24.0')
    }
}

Describe 'Output composes with the rest of PowerShell' {
    It 'a token object feeds Invoke-RestMethod -Authentication Bearer -Token directly' {
        $raw = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        $token = $raw | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $me = Invoke-RestMethod -Uri "$($emu.Uri)/v25.0/me" -Authentication Bearer -Token $token.AccessToken -AllowUnencryptedAuthentication -NoProxy
        $me.id | Should -Be '10230000001'
    }

    It 'declares an OutputType on every cmdlet' {
        # The command objects themselves: by name, tests/common.ps1's Start-FacebookEmulator helper would hide the cmdlet.
        foreach ($command in Get-Command -Module FacebookToken -CommandType Cmdlet) {
            $command.OutputType | Should -Not -BeNullOrEmpty -Because "$($command.Name) declares what it writes"
        }
    }

    It 'writes URLs and prompts to the host, never to the output stream' {
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri (New-LoopbackRedirect $emu) -LoginBaseUri $emu.Uri
        # In a watchdog: a -TimeoutSec that stopped working fails here instead of hanging the run.
        $run = Invoke-WithWatchdog -Variables @{ req = $req } -ScriptBlock { $req | Receive-FacebookAuthCode -NoBrowser -TimeoutSec 1 }
        $run.Output | Should -BeNullOrEmpty
        $run.Error.FullyQualifiedErrorId | Should -BeLike 'LoginTimedOut,*'
        ($run.Information | Out-String) | Should -Match ([regex]::Escape($req.Uri))
    }
}
