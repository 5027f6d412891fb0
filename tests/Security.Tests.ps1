# Security hardening (issue 12): plain http, secrets a server echoes back, the app secret checked alike on every
# path, and callback text with control characters. Each case failed before its fix.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    function Invoke-AllStreams {
        # Runs $Run with every stream on; returns its output, errors and the other records apart.
        param([Parameter(Mandatory)][scriptblock]$Run)
        $result = [pscustomobject]@{ Output = [System.Collections.Generic.List[object]]::new(); Errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new(); Records = [System.Collections.Generic.List[object]]::new(); Terminating = $null }
        & {
            $ErrorActionPreference = 'Continue'
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $WarningPreference = 'Continue'
            $InformationPreference = 'Continue'
            try {
                & $Run *>&1 | ForEach-Object {
                    if ($_ -is [System.Management.Automation.ErrorRecord]) { $result.Errors.Add($_) }
                    elseif ($_ -is [System.Management.Automation.InformationalRecord] -or $_ -is [System.Management.Automation.InformationRecord]) { $result.Records.Add($_) }
                    else { $result.Output.Add($_) }
                }
            }
            catch {
                $result.Terminating = $_
            }
        }
        $result
    }

    function Get-PropertyText {
        # Every string an object exposes, one level into nested objects and arrays: exception properties too.
        param($InputObject, [int]$Depth = 3)
        if ($null -eq $InputObject -or $Depth -le 0) { return }
        if ($InputObject -is [string]) { $InputObject; return }
        if ($InputObject -is [System.Security.SecureString] -or $InputObject -is [ValueType]) { return }
        if ($InputObject -is [System.Collections.IEnumerable]) {
            foreach ($item in $InputObject) { Get-PropertyText $item ($Depth - 1) }
            return
        }
        foreach ($property in $InputObject.PSObject.Properties) {
            if ($property.Name -in 'TargetSite', 'StackTrace', 'Data', 'HResult') { continue }
            try { $value = $property.Value } catch { continue }
            Get-PropertyText $value ($Depth - 1)
        }
    }

    function Get-AllText {
        param([Parameter(Mandatory)]$Run)
        foreach ($record in @($Run.Errors) + @($Run.Terminating | Where-Object { $_ })) {
            $record.ToString()
            $record.Exception.ToString()
            "$($record.ErrorDetails.Message) $($record.ErrorDetails.RecommendedAction)"
            "$($record.TargetObject)"
            for ($e = $record.Exception; $e; $e = $e.InnerException) { Get-PropertyText $e }
        }
        foreach ($record in $Run.Records) {
            if ($record -is [System.Management.Automation.InformationRecord]) { "$($record.MessageData)" } else { $record.Message }
        }
        foreach ($object in $Run.Output) {
            Get-PropertyText $object
            $object | Format-List * | Out-String
            $object | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        }
    }

    function Assert-NoSecretPart {
        # No run of 8 characters of any secret: a mask shows at most 4, a secret cut in two shows more.
        param([string[]]$Text, [string[]]$Secret)
        $all = $Text -join "`n"
        foreach ($value in $Secret) {
            $value.Length | Should -BeGreaterThan 8
            for ($i = 0; $i + 8 -le $value.Length; $i++) {
                $part = $value.Substring($i, 8)
                if ($all.Contains($part)) {
                    $at = $all.IndexOf($part)
                    throw "Part '$part' of a secret ($($value.Length) chars) is shown: ...$($all.Substring([Math]::Max(0, $at - 40), [Math]::Min(100, $all.Length - [Math]::Max(0, $at - 40))))..."
                }
            }
        }
    }

    $script:emu = Start-FacebookEmulator
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Plain http (12.2)' {
    It '<Command> refuses -GraphBaseUri http:// to a host that is not this machine' -ForEach @(
        @{ Command = 'ConvertTo-LongLivedToken'; Run = { ConvertTo-LongLivedToken -AccessToken 'EAAGplainhttp000000000000' -AppId 1234567890 -AppSecret $emu.AppSecret -GraphBaseUri 'http://graph.example.test' } }
        @{ Command = 'Invoke-FacebookCodeExchange'; Run = { Invoke-FacebookCodeExchange -AppId 1234567890 -AppSecret $emu.AppSecret -RedirectUri 'http://localhost:8765/callback/' -Code 'AQplainhttp00000000' -GraphBaseUri 'http://graph.example.test/' } }
        @{ Command = 'Get-FacebookTokenInfo'; Run = { 'EAAGplainhttp000000000000', 'EAAGplainhttp111111111111' | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri 'http://10.0.0.1:8080' } }
        @{ Command = 'Invoke-FacebookLogin'; Run = { Invoke-FacebookLogin -AppId 1234567890 -AppSecret $emu.AppSecret -RedirectUri 'http://localhost:8765/callback/' -GraphBaseUri 'http://graph.example.test' -NoBrowser -TimeoutSec 2 } }
    ) {
        $run = Invoke-AllStreams $Run
        $run.Terminating | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -BeGreaterOrEqual 1
        foreach ($err in $run.Errors) {
            $err.FullyQualifiedErrorId | Should -BeLike 'InsecureBaseUri,*'
            $err.Exception.ParamName | Should -Be 'GraphBaseUri'
            $err.Exception.Message | Should -Match 'https'
            $err.Exception.Message | Should -Match 'loopback'
        }
        if ($Command -eq 'Get-FacebookTokenInfo') { $run.Errors.Count | Should -Be 2 -Because 'one error per piped token' }
    }

    It 'still takes http to loopback (<Uri>)' -ForEach @(
        @{ Uri = 'http://127.0.0.2:1' }
        @{ Uri = 'http://localhost:1' }
        @{ Uri = 'http://[::1]:1' }
    ) {
        $run = Invoke-AllStreams { ConvertTo-LongLivedToken -AccessToken 'EAAGplainhttp000000000000' -AppId 1234567890 -AppSecret $emu.AppSecret -GraphBaseUri $Uri -TimeoutSec 5 }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Not -BeLike 'InsecureBaseUri,*'
    }

    It 'warns once for a plain http -LoginBaseUri off this machine, and not for loopback' {
        $run = Invoke-AllStreams { 1, 2 | ForEach-Object { Get-FacebookAuthUrl -AppId 1234567890 -RedirectUri 'http://localhost:8765/callback/' -LoginBaseUri 'http://login.example.test' } }
        $run.Output.Count | Should -Be 2
        $warnings = @($run.Records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warnings.Count | Should -Be 2 -Because 'each invocation warns once'
        $warnings[0].Message | Should -Match 'LoginBaseUri'
        $warnings[0].Message | Should -Match 'https'

        $piped = Invoke-AllStreams { [pscustomobject]@{ AppId = '1234567890'; RedirectUri = 'http://localhost:8765/callback/' }, [pscustomobject]@{ AppId = '1234567890'; RedirectUri = 'http://localhost:8765/other/' } | Get-FacebookAuthUrl -LoginBaseUri 'http://login.example.test' }
        $piped.Output.Count | Should -Be 2
        @($piped.Records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 1 -Because 'piped input repeats no warning'

        $quiet = Invoke-AllStreams { Get-FacebookAuthUrl -AppId 1234567890 -RedirectUri 'http://localhost:8765/callback/' -LoginBaseUri $emu.Uri }
        @($quiet.Records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count | Should -Be 0
    }
}

Describe 'Secrets a server echoes back (12.4)' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    AfterEach {
        Invoke-EmulatorControl $emu -Method Delete -Path 'faults' | Out-Null
    }

    It 'masks secrets echoed in <EchoIn> on the long-lived exchange' -ForEach @(
        @{ EchoIn = 'html' }
        @{ EchoIn = 'errorType' }
        @{ EchoIn = 'fbtraceId' }
        @{ EchoIn = 'headers' }
        @{ EchoIn = 'message' }
    ) {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'echoSecrets'; echoIn = $EchoIn; count = -1 } | Out-Null
        $run = Invoke-AllStreams { $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -TimeoutSec 10 }
        $run.Terminating | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        @($run.Records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0 -Because 'the Debug line with the headers must have been searched'
        if ($EchoIn -eq 'html') { $run.Errors[0].Exception.Message | Should -Match '\*\*\*\(' -Because 'the excerpt shows the secret hidden' }
        Assert-NoSecretPart -Text (Get-AllText $run) -Secret @($emu.AppSecretPlain, $token)
    }

    It 'masks the code and secret echoed in an HTML page on the code exchange' {
        $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ appId = $emu.AppId; redirectUri = 'http://localhost:8765/callback/' }).code
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'echoSecrets'; echoIn = 'html'; count = -1 } | Out-Null
        $run = Invoke-AllStreams { Invoke-FacebookCodeExchange -AppId $emu.AppId -AppSecret $emu.AppSecret -RedirectUri 'http://localhost:8765/callback/' -Code $code -GraphBaseUri $emu.Uri -TimeoutSec 10 }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedResponse,*'
        Assert-NoSecretPart -Text (Get-AllText $run) -Secret @($emu.AppSecretPlain, $code)
    }

    It 'masks APPID|SECRET echoed in debug_token''s data.error.message: output object, JSON and Verbose' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'long' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'echoSecrets'; echoIn = 'debugTokenError'; count = -1 } | Out-Null
        $run = Invoke-AllStreams { $token | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri }
        $run.Errors.Count | Should -Be 0
        $run.Output.Count | Should -Be 1
        $run.Output[0].IsValid | Should -BeFalse
        $run.Output[0].Error.Message | Should -Match ([regex]::Escape("$($emu.AppId)|***("))
        Assert-NoSecretPart -Text (Get-AllText $run) -Secret @($emu.AppSecretPlain, $token)
    }

    It 'masks the token echoed in an HTML page on self-inspection' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'long' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'echoSecrets'; echoIn = 'html'; count = -1 } | Out-Null
        $run = Invoke-AllStreams { $token | Get-FacebookTokenInfo -GraphBaseUri $emu.Uri -TimeoutSec 10 }
        $run.Errors.Count | Should -Be 1
        Assert-NoSecretPart -Text (Get-AllText $run) -Secret @($token)
    }
}

Describe 'The app secret is checked alike on every path (12.9)' {
    It 'a secret with <What> is one InvalidAppSecretParameter per piped token on debug_token, and the pipeline goes on' -ForEach @(
        @{ What = 'CR/LF'; Plain = "emulator-app-secret`r`nX-Injected: 1" }
        @{ What = 'a space'; Plain = 'emulator-app secret-5f4dcc3b5aa765d6' }
    ) {
        $bad = ConvertTo-SecureString $Plain -AsPlainText -Force
        foreach ($by in 'AppSecret', 'Credential') {
            $params = if ($by -eq 'AppSecret') { @{ AppId = $emu.AppId; AppSecret = $bad } } else { @{ Credential = [pscredential]::new($emu.AppId, $bad) } }
            $run = Invoke-AllStreams { 'EAAGbadsecret00000000000001', 'EAAGbadsecret00000000000002', 'EAAGbadsecret00000000000003' | Get-FacebookTokenInfo @params -GraphBaseUri $emu.Uri }
            $run.Terminating | Should -BeNullOrEmpty
            $run.Errors.Count | Should -Be 3
            foreach ($err in $run.Errors) {
                $err.FullyQualifiedErrorId | Should -Be 'InvalidAppSecretParameter,FacebookToken.Module.Commands.GetFacebookTokenInfoCommand'
                $err.Exception | Should -BeOfType ([FacebookToken.FacebookInputException])
                $err.Exception.Message | Should -Match 'spaces or control characters'
            }
        }
    }

    It 'a secret with a space is refused by <Command> before any request or sign-in' -ForEach @(
        @{ Command = 'Invoke-FacebookCodeExchange'; Run = { Invoke-FacebookCodeExchange -AppId $emu.AppId -AppSecret $bad -RedirectUri 'http://localhost:8765/callback/' -Code 'AQspacedsecret000000' -GraphBaseUri $emu.Uri } }
        @{ Command = 'ConvertTo-LongLivedToken'; Run = { ConvertTo-LongLivedToken -AccessToken 'EAAGspacedsecret000000000' -AppId $emu.AppId -AppSecret $bad -GraphBaseUri $emu.Uri } }
        @{ Command = 'Invoke-FacebookLogin'; Run = { Invoke-FacebookLogin -AppId $emu.AppId -AppSecret $bad -RedirectUri (New-LoopbackRedirect $emu) -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -NoBrowser -TimeoutSec 30 } }
    ) {
        $bad = ConvertTo-SecureString 'emulator-app secret-5f4dcc3b5aa765d6' -AsPlainText -Force
        Invoke-EmulatorControl $emu -Method Delete -Path 'requests' | Out-Null
        $run = Invoke-AllStreams $Run
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAppSecretParameter,*'
        @($run.Records | Where-Object { $_ -is [System.Management.Automation.InformationRecord] -and "$($_.MessageData)" -match 'Waiting up to' }).Count | Should -Be 0 -Because 'no sign-in starts with a secret that cannot work'
        @(Invoke-EmulatorControl $emu -Method Get -Path 'requests' | Where-Object { $_ }).Count | Should -Be 0
    }
}

Describe 'Callback text with control characters (12.10)' {
    It 'strips CR/LF from error_description before it reaches the LoginDenied message' {
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri 'https://www.facebook.com/connect/login_success.html'
        $final = 'https://www.facebook.com/connect/login_success.html?error=access_denied&error_reason=user_denied&error_description=Denied%0D%0AWARNING%3A+run+evil.ps1%1B%5B2K&state=' + $req.State + '#_=_'
        $run = Invoke-AllStreams { $req | Receive-FacebookAuthCode -CallbackUri $final }
        $run.Errors.Count | Should -Be 1
        $err = $run.Errors[0]
        $err.FullyQualifiedErrorId | Should -BeLike 'LoginDenied,*'
        $err.Exception.Message | Should -Match 'DeniedWARNING: run evil\.ps1\[2K'
        foreach ($text in $err.Exception.Message, $err.Exception.ErrorDescription, $err.ToString()) {
            $text | Should -Not -Match "[`r`n`e]"
        }
    }
}
