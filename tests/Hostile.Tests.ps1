# Hostile input: every case must end in an ErrorRecord with a stable id, never an unhandled exception,
# and no error (message, details, target, ToString) nor any other stream may contain a secret the case used.
BeforeDiscovery {
    $mb = 'x' * 1MB
    $script:inputCases = @(
        @{ Name = 'Get-FacebookAuthUrl: empty AppId'; Run = { Get-FacebookAuthUrl -AppId '' -RedirectUri 'http://localhost:8765/callback/' }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'Get-FacebookAuthUrl: whitespace AppId'; Run = { Get-FacebookAuthUrl -AppId '   ' -RedirectUri 'http://localhost:8765/callback/' }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'Get-FacebookAuthUrl: 1 MB AppId'; Run = { Get-FacebookAuthUrl -AppId ('1' * 1MB) -RedirectUri 'http://localhost:8765/callback/' }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'Get-FacebookAuthUrl: control characters in AppId'; Run = { Get-FacebookAuthUrl -AppId "12`u{0}34" -RedirectUri 'http://localhost:8765/callback/' }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'Get-FacebookAuthUrl: empty RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri '' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: whitespace RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri '  ' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: relative RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'callback/' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: ftp RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'ftp://example.com/cb' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: javascript RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'javascript:alert(1)' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: userinfo RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'https://user:pw@example.com/cb' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: fragment RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'https://example.com/cb#x' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: 1 MB RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri ('https://example.com/' + ('a' * 1MB)) }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: header injection in RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri "https://example.com/cb`r`nX-Evil: 1" }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: ApiVersion latest'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -ApiVersion latest }; Id = 'InvalidApiVersion' }
        @{ Name = 'Get-FacebookAuthUrl: ApiVersion without minor'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -ApiVersion v25 }; Id = 'InvalidApiVersion' }
        @{ Name = 'Get-FacebookAuthUrl: ApiVersion path traversal'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -ApiVersion '../v25.0' }; Id = 'InvalidApiVersion' }
        @{ Name = 'Get-FacebookAuthUrl: scope with URL syntax'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -Scope 'email&redirect_uri=x' }; Id = 'InvalidScope' }
        @{ Name = 'Get-FacebookAuthUrl: 1 MB scope'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -Scope ('a' * 1MB) }; Id = 'InvalidScope' }
        @{ Name = 'Get-FacebookAuthUrl: state with spaces'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -State 'a b' }; Id = 'InvalidState' }
        @{ Name = 'Get-FacebookAuthUrl: non-numeric ConfigId'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -ConfigId 'abc' }; Id = 'InvalidConfigId' }
        @{ Name = 'Invoke-FacebookCodeExchange: empty code'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri 'http://localhost:8765/callback/' -Code '' -GraphBaseUri $graph }; Id = 'InvalidCode' }
        @{ Name = 'Invoke-FacebookCodeExchange: whitespace code'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri 'http://localhost:8765/callback/' -Code '   ' -GraphBaseUri $graph }; Id = 'InvalidCode' }
        @{ Name = 'Invoke-FacebookCodeExchange: 1 MB code'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri 'http://localhost:8765/callback/' -Code ('AQhostile' + 'A' * 1MB) -GraphBaseUri $graph }; Id = 'ParameterArgumentTransformationError' }
        @{ Name = 'Invoke-FacebookCodeExchange: control characters in code'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri 'http://localhost:8765/callback/' -Code "AQhostile`u{7}code" -GraphBaseUri $graph }; Id = 'InvalidCode' }
        @{ Name = 'Invoke-FacebookCodeExchange: relative RedirectUri'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri '/cb' -Code 'AQhostilecode0001' -GraphBaseUri $graph }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Invoke-FacebookCodeExchange: empty secret'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret ([securestring]::new()) -RedirectUri 'http://localhost:8765/callback/' -Code 'AQhostilecode0001' -GraphBaseUri $graph }; Id = 'InvalidAppSecretParameter' }
        @{ Name = 'ConvertTo-LongLivedToken: empty token'; Run = { ConvertTo-LongLivedToken -AccessToken '' -AppId 1 -AppSecret $secret -GraphBaseUri $graph }; Id = 'InvalidAccessTokenParameter' }
        @{ Name = 'ConvertTo-LongLivedToken: token with a newline'; Run = { ConvertTo-LongLivedToken -AccessToken "EAAGhostile`nnewline" -AppId 1 -AppSecret $secret -GraphBaseUri $graph }; Id = 'InvalidAccessTokenParameter' }
        @{ Name = 'ConvertTo-LongLivedToken: non-numeric AppId'; Run = { ConvertTo-LongLivedToken -AccessToken 'EAAGhostiletoken0000000000' -AppId 'my-app' -AppSecret $secret -GraphBaseUri $graph }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'ConvertTo-LongLivedToken: piped object of the wrong type'; Run = { [pscustomobject]@{ Foo = 1 } | ConvertTo-LongLivedToken -AppId 1 -AppSecret $secret -GraphBaseUri $graph }; Id = 'ParameterArgumentTransformationError|InputObjectNotBound' }
        @{ Name = 'ConvertTo-LongLivedToken: piped integer'; Run = { 42 | ConvertTo-LongLivedToken -AppId 1 -AppSecret $secret -GraphBaseUri $graph }; Id = 'ParameterArgumentTransformationError|InputObjectNotBound' }
        @{ Name = 'ConvertTo-LongLivedToken: malformed ApiVersion'; Run = { ConvertTo-LongLivedToken -AccessToken 'EAAGhostiletoken0000000000' -AppId 1 -AppSecret $secret -GraphBaseUri $graph -ApiVersion 'v25.0;drop' }; Id = 'InvalidApiVersion' }
        @{ Name = 'ConvertTo-LongLivedToken: GraphBaseUri with a query'; Run = { ConvertTo-LongLivedToken -AccessToken 'EAAGhostiletoken0000000000' -AppId 1 -AppSecret $secret -GraphBaseUri 'http://127.0.0.1:1/?x=1' }; Id = 'InvalidBaseUri' }
        @{ Name = 'Get-FacebookTokenInfo: 1 MB token'; Run = { Get-FacebookTokenInfo -AccessToken ('EAAGhostile' + $mb) -GraphBaseUri $graph }; Id = 'ParameterArgumentTransformationError' }
        @{ Name = 'Get-FacebookTokenInfo: whitespace token'; Run = { Get-FacebookTokenInfo -AccessToken '  ' -GraphBaseUri $graph }; Id = 'InvalidAccessTokenParameter' }
        @{ Name = 'Receive-FacebookAuthCode: garbage callback'; Run = { Get-FacebookAuthUrl 1 'https://www.facebook.com/connect/login_success.html' | Receive-FacebookAuthCode -CallbackUri 'not a url at all' }; Id = 'StateMismatch' }
        @{ Name = 'Receive-FacebookAuthCode: 1 MB callback'; Run = { Get-FacebookAuthUrl 1 'https://www.facebook.com/connect/login_success.html' | Receive-FacebookAuthCode -CallbackUri ('https://x/?state=' + $mb) }; Id = 'StateMismatch' }
        @{ Name = 'Receive-FacebookAuthCode: right state, code with spaces'; Run = { Get-FacebookAuthUrl 1 'https://www.facebook.com/connect/login_success.html' -State s1 | Receive-FacebookAuthCode -CallbackUri 'https://x/?state=s1&code=AQhostile%20code' }; Id = 'InvalidCallback' }
        @{ Name = 'Receive-FacebookAuthCode: piped string'; Run = { 'http://localhost:8765/callback/' | Receive-FacebookAuthCode -CallbackUri 'x' }; Id = 'InputObjectNotBound|ParameterArgumentTransformationError' }
        @{ Name = 'Save-FacebookToken: empty name'; Run = { Save-FacebookToken -Name '' -AccessToken 'EAAGhostiletoken0000000000' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidTokenName' }
        @{ Name = 'Save-FacebookToken: wildcard name'; Run = { Save-FacebookToken -Name 'wa-*' -AccessToken 'EAAGhostiletoken0000000000' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidTokenName' }
        @{ Name = 'Save-FacebookToken: control characters in name'; Run = { Save-FacebookToken -Name "a`u{1}b" -AccessToken 'EAAGhostiletoken0000000000' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidTokenName' }
        @{ Name = 'Save-FacebookToken: 1 MB name'; Run = { Save-FacebookToken -Name $mb -AccessToken 'EAAGhostiletoken0000000000' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidTokenName' }
        @{ Name = 'Save-FacebookToken: token text with spaces'; Run = { Save-FacebookToken -Name ok -AccessToken 'EAAGhostile token' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidAccessTokenParameter' }
        @{ Name = 'Get-FacebookToken: unknown name'; Run = { Get-FacebookToken 'no-such-token' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'CachedTokenNotFound' }
        @{ Name = 'Get-FacebookToken: cache path is a file'; Run = { Get-FacebookToken -CachePath $fileNotDir -CacheKey $cacheKey }; Id = 'CacheUnavailable' }
        @{ Name = 'Remove-FacebookToken: unknown name'; Run = { Remove-FacebookToken 'no-such-token' -CachePath $cacheDir -CacheKey $cacheKey -Confirm:$false }; Id = 'CachedTokenNotFound' }
    )
    # Sent: tokens the emulator's faulty answer carries (FaultMiddleware), which no error may repeat either.
    $script:answerCases = @(
        @{ Mode = 'html502'; Id = 'UnexpectedResponse'; Text = 'HTTP 502'; Sent = @() }
        @{ Mode = 'empty'; Id = 'UnexpectedResponse'; Text = 'empty body'; Sent = @() }
        @{ Mode = 'truncatedJson'; Id = 'UnexpectedResponse'; Text = 'truncated'; Sent = @('EAAG12') }
        @{ Mode = 'noAccessToken'; Id = 'UnexpectedResponse'; Text = 'without an access_token'; Sent = @() }
        @{ Mode = 'redirect'; Id = 'UnexpectedResponse'; Text = 'HTTP 302'; Sent = @() }
        @{ Mode = 'textPlain'; Id = 'UnexpectedResponse'; Text = 'text/plain'; Sent = @() }
        @{ Mode = 'huge'; Id = 'UnexpectedResponse'; Text = 'not a Facebook token'; Sent = @('EAAG' + 'A' * 60) }
        @{ Mode = 'slowDrip'; Id = 'RequestTimedOut'; Text = 'TimeoutSec'; Sent = @('EAAGslowdrip') }
        @{ Mode = 'hang'; Id = 'RequestTimedOut'; Text = 'TimeoutSec'; Sent = @() }
        @{ Mode = 'serviceError1'; Id = 'ServiceError'; Text = 'code 1'; Sent = @() }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    function Get-ErrorText {
        # Every place an error record carries text a user or a log can see.
        param([Parameter(Mandatory)][System.Management.Automation.ErrorRecord]$Record)
        $Record.Exception.Message
        $Record.Exception.ToString()
        $Record.ToString()
        "$($Record.ErrorDetails.Message)"
        "$($Record.ErrorDetails.RecommendedAction)"
        "$($Record.TargetObject)"
        ($Record.TargetObject | Out-String)
        "$($Record.CategoryInfo)"
    }

    function Get-StreamText {
        # The text of everything else the command wrote: Verbose, Debug, Warning, Information.
        param([object[]]$Records)
        foreach ($record in $Records) {
            switch ($record) {
                { $_ -is [System.Management.Automation.InformationRecord] } { "$($_.MessageData)"; break }
                { $_ -is [System.Management.Automation.InformationalRecord] } { $_.Message; break }
                default { "$_" }
            }
        }
    }

    function Assert-NoSecret {
        param([string[]]$Text, [string[]]$Secret)
        $all = $Text -join [Environment]::NewLine
        foreach ($value in $Secret) {
            $value.Length | Should -BeGreaterThan 5 -Because 'a secret searched for must be distinctive'
            $all.Contains($value) | Should -BeFalse -Because "no error or stream may hold the secret '$($value.Substring(0, 6))...'"
        }
    }

    $script:emu = Start-FacebookEmulator
    $script:graph = $emu.Uri
    $script:secret = $emu.AppSecret
    $script:mb = 'x' * 1MB
    $script:cacheDir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-hostile-' + [guid]::NewGuid().ToString('N'))
    $script:cacheKeyPlain = 'hostile-suite-key-0123456789'
    $script:cacheKey = ConvertTo-SecureString $cacheKeyPlain -AsPlainText -Force
    $script:fileNotDir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-file-' + [guid]::NewGuid().ToString('N'))
    Set-Content -LiteralPath $fileNotDir -Value 'a file, not a folder'
}

AfterAll {
    Stop-FacebookEmulator $script:emu
    Remove-Item -LiteralPath $script:cacheDir -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $script:fileNotDir -Force -ErrorAction SilentlyContinue
}

Describe 'Hostile input' {
    It '<Name> gives <Id>' -ForEach $inputCases {
        $errs = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        $records = [System.Collections.Generic.List[object]]::new()
        & {
            # Every stream on, so whatever the command would tell a user is searched for secrets too.
            $ErrorActionPreference = 'Stop'
            $VerbosePreference = 'Continue'
            $DebugPreference = 'Continue'
            $WarningPreference = 'Continue'
            $InformationPreference = 'Continue'
            try {
                & $Run *>&1 | ForEach-Object { $records.Add($_) }
            }
            catch {
                $errs.Add($_)
            }
        }
        $records.Where({ $_ -isnot [System.Management.Automation.InformationalRecord] -and $_ -isnot [System.Management.Automation.InformationRecord] }) | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match "^($Id),"
        $errs[0].Exception | Should -Not -BeOfType ([NullReferenceException])
        $errs[0].Exception.Message.Length | Should -BeLessThan 1000
        # Every secret the cases use: the app secret, the cache key, and each token and code (all marked 'hostile').
        $secrets = @($emu.AppSecretPlain, $cacheKeyPlain, 'EAAGhostile', 'AQhostile')
        Assert-NoSecret -Text @((Get-ErrorText $errs[0]) + (Get-StreamText $records)) -Secret $secrets
    }
}

Describe 'Hostile answers from the endpoint' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It '<Mode> gives <Id> naming what happened' -ForEach $answerCases {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = $Mode; count = -1 } | Out-Null
        # In a watchdog: with a -TimeoutSec that stopped working, hang and slowDrip fail instead of hanging the run.
        $run = Invoke-WithWatchdog -Variables @{ token = $token; emu = $emu } -ScriptBlock {
            $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -TimeoutSec 3 -Verbose -Debug
        }
        $run.Reason | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        $err = $run.Error
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "$Id,FacebookToken.Module.Commands.ConvertToLongLivedTokenCommand"
        $err[0].Exception.Message | Should -Match ([regex]::Escape($Text))
        $run.Verbose.Count | Should -BeGreaterThan 0 -Because 'the streams searched below must have been on'
        $secrets = @($emu.AppSecretPlain, $token) + $Sent
        Assert-NoSecret -Text @((Get-ErrorText $err[0]) + (Get-StreamText (@($run.Verbose) + @($run.Debug) + @($run.Warning) + @($run.Information)))) -Secret $secrets
    }
}
