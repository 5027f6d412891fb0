# The Facebook emulator as users get it (issue 16): the FacebookToken.Emulator tool package installs with
# `dotnet tool install` from a local folder, holds the very FacebookEmulator.dll the other suites run, and
# Start-FacebookEmulator / Get-FacebookEmulatorLog drive it from a test the way a runbook author's Pester test would.
#
# Which package is installed: output/FacebookToken.Emulator.<version>.nupkg when it holds the staged emulator
# (Package ran after the last build), otherwise one packed here from the same bin/ output with the same
# `dotnet pack --no-build` the Package task runs. The install uses a nuget.config naming only that folder and a
# scratch NuGet packages folder: offline, and never an older package of the same version from the NuGet cache.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    function Get-ZipEntryHash {
        param([Parameter(Mandatory)][string]$Path, [Parameter(Mandatory)][string]$Entry)
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $item = $zip.Entries | Where-Object FullName -EQ $Entry
            if (-not $item) { return $null }
            $stream = $item.Open()
            try { [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($stream)) } finally { $stream.Dispose() }
        }
        finally {
            $zip.Dispose()
        }
    }

    function Invoke-Dotnet {
        # dotnet with this process's environment plus -Environment; throws with its output when it fails.
        param([Parameter(Mandatory)][string[]]$ArgumentList, [hashtable]$Environment = @{})
        $output = Invoke-WithEnvironment $Environment { & (Get-DotnetPath) @ArgumentList 2>&1 | ForEach-Object { "$_" } }
        if ($LASTEXITCODE -ne 0) {
            throw "dotnet $($ArgumentList -join ' ') failed with exit code ${LASTEXITCODE}: $($output -join [Environment]::NewLine)"
        }
        $output
    }

    $script:version = (Read-ModuleManifestData).ModuleVersion
    $script:stagedDllHash = (Get-FileHash -LiteralPath $EmulatorDllPath -Algorithm SHA256).Hash
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-emutool-' + [guid]::NewGuid().ToString('N'))
    $script:feed = Join-Path $work 'feed'
    $script:toolPath = Join-Path $work 'tools'
    $null = New-Item -ItemType Directory -Path $feed, $toolPath

    $dllEntry = "tools/net10.0/any/FacebookEmulator.dll"
    $outputPackage = Join-Path $RepoRoot "output/FacebookToken.Emulator.$version.nupkg"
    if ((Test-Path -LiteralPath $outputPackage) -and (Get-ZipEntryHash -Path $outputPackage -Entry $dllEntry) -eq $stagedDllHash) {
        Copy-Item -LiteralPath $outputPackage -Destination $feed
        Write-Host "Installing $outputPackage (it holds the staged emulator)."
    }
    else {
        # The bin/ output the staged emulator was published from: the configuration whose dll is the staged one.
        $configuration = @('Release', 'Debug') | Where-Object {
            $dll = Join-Path $RepoRoot "tests/FacebookEmulator/bin/$_/net10.0/FacebookEmulator.dll"
            (Test-Path -LiteralPath $dll) -and (Get-FileHash -LiteralPath $dll -Algorithm SHA256).Hash -eq $stagedDllHash
        } | Select-Object -First 1
        if (-not $configuration) {
            throw "No tests/FacebookEmulator/bin/<configuration> holds the staged emulator; run ./build.ps1 -Task Build."
        }
        Write-Host "output/FacebookToken.Emulator.$version.nupkg is missing or older than the staged emulator; packing one from bin/$configuration."
        $null = Invoke-Dotnet @('pack', (Join-Path $RepoRoot 'tests/FacebookEmulator/FacebookEmulator.csproj'), '-c', $configuration, '--no-build', "-p:Version=$version", '-o', $feed, '--nologo', '-v:q')
    }
    $script:packagePath = Join-Path $feed "FacebookToken.Emulator.$version.nupkg"

    $config = Join-Path $work 'nuget.config'
    Set-Content -LiteralPath $config -Value @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
"@
    $script:installOutput = Invoke-Dotnet -ArgumentList @('tool', 'install', '--tool-path', $toolPath, '--configfile', $config, '--version', $version, 'FacebookToken.Emulator') -Environment @{
        NUGET_PACKAGES = (Join-Path $work 'nuget-packages')
    }

    # The app a runbook author registers for tests (tests/assets/runbook reads nothing else).
    $script:appsFile = Join-Path $work 'apps.json'
    $script:runbookApp = [pscredential]::new('5550001112', (ConvertTo-SecureString 'runbook-app-secret-7f3a9c' -AsPlainText -Force))
    Set-Content -LiteralPath $appsFile -Value (@{
            apps             = @(@{ appId = '5550001112'; appSecret = 'runbook-app-secret-7f3a9c'; name = 'Runbook App'; redirectUris = @('http://localhost:8765/callback/') })
            whatsAppAccounts = @()
        } | ConvertTo-Json -Depth 5)
}

AfterAll {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}

Describe 'The FacebookToken.Emulator tool package' {
    It 'is a .NET tool named facebook-emulator, version {version}, with no package dependencies' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($packagePath)
        try {
            $nuspec = $zip.Entries | Where-Object FullName -EQ 'FacebookToken.Emulator.nuspec'
            $reader = [IO.StreamReader]::new($nuspec.Open())
            try { [xml]$xml = $reader.ReadToEnd() } finally { $reader.Dispose() }
            $licenseEntry = $zip.Entries | Where-Object FullName -EQ 'LICENSE'
            $licenseReader = [IO.StreamReader]::new($licenseEntry.Open())
            try { $license = $licenseReader.ReadToEnd() } finally { $licenseReader.Dispose() }
            $settingsEntry = $zip.Entries | Where-Object FullName -Like 'tools/*/any/DotnetToolSettings.xml'
            $settingsReader = [IO.StreamReader]::new($settingsEntry.Open())
            try { [xml]$settings = $settingsReader.ReadToEnd() } finally { $settingsReader.Dispose() }
        }
        finally {
            $zip.Dispose()
        }
        $xml.package.metadata.id | Should -Be 'FacebookToken.Emulator'
        $xml.package.metadata.version | Should -Be $version
        @($xml.package.metadata.packageTypes.packageType.name) | Should -Contain 'DotnetTool'
        $xml.package.metadata.dependencies.ChildNodes.Count | Should -Be 0 -Because 'a tool that needs other packages would not install offline'
        $settings.DotNetCliTool.Commands.Command.Name | Should -Be 'facebook-emulator'
        $settings.DotNetCliTool.Commands.Command.EntryPoint | Should -Be 'FacebookEmulator.dll'
        # Issue 25: the licence ships in the package, and its links are the module's (one build property sets both).
        $license | Should -Be (Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'LICENSE'))
        $xml.package.metadata.license.type | Should -Be 'expression'
        $xml.package.metadata.license.'#text' | Should -Be 'MIT'
        $manifestLinks = (Read-ModuleManifestData).PrivateData.PSData
        $xml.package.metadata.projectUrl | Should -Be $manifestLinks.ProjectUri
        $xml.package.metadata.repository.url | Should -Be $manifestLinks.ProjectUri
    }

    It 'installs into a --tool-path from a local folder, and holds the FacebookEmulator.dll the suites run' {
        ($installOutput -join "`n") | Should -Match "facebooktoken\.emulator.*$([regex]::Escape($version))"
        $installed = @(Get-ChildItem -LiteralPath (Join-Path $toolPath '.store') -Recurse -Filter 'FacebookEmulator.dll' -File)
        $installed.Count | Should -Be 1
        (Get-FileHash -LiteralPath $installed[0].FullName -Algorithm SHA256).Hash | Should -Be $stagedDllHash
    }

    It 'prints one parseable URL line on 127.0.0.1 and its options with --help' {
        $tool = Join-Path $toolPath ($IsWindows ? 'facebook-emulator.exe' : 'facebook-emulator')
        $help = & $tool --help
        $LASTEXITCODE | Should -Be 0
        ($help -join "`n") | Should -Match '--apps FILE'
        ($help -join "`n") | Should -Match '--fail-after-send'
        ($help -join "`n") | Should -Match '"phoneNumbers": +\[\{"id", "whatsAppAccountId"' -Because '--help documents the apps file'
        $bad = & $tool --port nope 2>&1
        $LASTEXITCODE | Should -Be 2
        ($bad -join "`n") | Should -Match "--port takes a whole number"
    }
}

Describe 'Start-FacebookEmulator with the installed tool' {
    It 'starts the tool from -Path (the --tool-path folder) and returns URIs, the app and Stop()' {
        $emu = FacebookToken\Start-FacebookEmulator -Path $toolPath -ErrorAction Stop
        try {
            $emu | Should -BeOfType ([FacebookToken.Emulator.FacebookEmulator])
            $emu.GraphBaseUri.AbsoluteUri | Should -Match '^http://127\.0\.0\.1:\d+/$'
            $emu.LoginBaseUri | Should -Be $emu.GraphBaseUri
            $emu.AppId | Should -Be '1234567890'
            $emu.AppSecret | Should -BeOfType ([securestring])
            $emu.Version | Should -Be $version
            $emu.Command | Should -BeLike "*$toolPath*"
            (Invoke-RestMethod -Uri "$($emu.BaseUri)_emulator/health" -NoProxy).ok | Should -BeTrue
        }
        finally {
            $emu.Stop()
        }
        $emu.HasExited | Should -BeTrue
        { Invoke-RestMethod -Uri "$($emu.BaseUri)_emulator/health" -NoProxy -TimeoutSec 5 } | Should -Throw
    }

    It 'finds facebook-emulator on PATH without -Path' {
        $savedPath = $env:PATH
        $env:PATH = $toolPath + [IO.Path]::PathSeparator + $env:PATH
        try {
            $emu = FacebookToken\Start-FacebookEmulator -ErrorAction Stop
        }
        finally {
            $env:PATH = $savedPath
        }
        try {
            $emu.Command | Should -BeLike 'facebook-emulator on PATH*'
            $emu.HasExited | Should -BeFalse
        }
        finally {
            $emu.Stop()
        }
    }

    It 'runs the tool a dotnet-tools.json manifest pins, with dotnet tool run, from a folder below it' {
        $repo = Join-Path $work 'repo'
        $below = Join-Path $repo 'runbooks/tests'
        $null = New-Item -ItemType Directory -Path $below -Force
        $savedPackages = $env:NUGET_PACKAGES
        $savedCliHome = $env:DOTNET_CLI_HOME
        # The manifest's tools live in the NuGet packages folder: a scratch one, for the install and the run alike.
        $env:NUGET_PACKAGES = Join-Path $work 'nuget-packages-local'
        # dotnet tool run remembers where it found a tool in $DOTNET_CLI_HOME/.dotnet/toolResolverCache; an earlier run's
        # entry points into its own (deleted) scratch folder, so this test keeps that cache in its scratch folder too.
        $env:DOTNET_CLI_HOME = Join-Path $work 'dotnet-cli-home'
        Push-Location -LiteralPath $repo
        try {
            $null = Invoke-Dotnet -ArgumentList @('new', 'tool-manifest')
            $null = Invoke-Dotnet -ArgumentList @('tool', 'install', '--local', '--configfile', (Join-Path $work 'nuget.config'), '--version', $version, 'FacebookToken.Emulator')
            Set-Location -LiteralPath $below
            $emu = FacebookToken\Start-FacebookEmulator -ErrorAction Stop
        }
        finally {
            Pop-Location
            $env:NUGET_PACKAGES = $savedPackages
            $env:DOTNET_CLI_HOME = $savedCliHome
        }
        try {
            $emu.Command | Should -BeLike "dotnet tool run facebook-emulator ($repo*dotnet-tools.json)"
            $emu.Version | Should -Be $version
            (Invoke-RestMethod -Uri "$($emu.BaseUri)_emulator/health" -NoProxy).ok | Should -BeTrue
        }
        finally {
            $emu.Stop()
        }
        $emu.HasExited | Should -BeTrue
    }

    It 'says how to install the tool when it is nowhere to be found' {
        $empty = Join-Path $work 'empty'
        $null = New-Item -ItemType Directory -Path $empty -Force
        $run = Invoke-WithEnvironment @{ PATH = $empty; HOME = $empty; USERPROFILE = $empty } {
            Push-Location -LiteralPath $empty
            try {
                $result = FacebookToken\Start-FacebookEmulator -ErrorVariable err -ErrorAction SilentlyContinue
                [pscustomobject]@{ Result = $result; Error = $err }
            }
            finally {
                Pop-Location
            }
        }
        $run.Result | Should -BeNullOrEmpty
        $err = $run.Error
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EmulatorNotInstalled,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike "*dotnet tool install --global FacebookToken.Emulator --version $version --add-source <folder>*"
    }

    It 'reports what the emulator said when it refuses an apps file' {
        $bad = Join-Path $work 'bad-apps.json'
        Set-Content -LiteralPath $bad -Value '{"apps": [{"appId": "1", "appSecret": "s"}], "pages": []}'
        $result = FacebookToken\Start-FacebookEmulator -Path $toolPath -AppsFile $bad -ErrorVariable err -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EmulatorStartFailed,*'
        $err[0].Exception.Message | Should -BeLike '*exited with code 2*$.pages is not a section the emulator knows*'
    }

    It 'passes -AppsFile, -RequireAppSecretProof, -ClockOffset and -ArgumentList through' {
        $emu = FacebookToken\Start-FacebookEmulator -Path $toolPath -AppsFile $appsFile -RequireAppSecretProof -ClockOffset (New-TimeSpan -Days 30) -ArgumentList '--transient-errors', '1' -ErrorAction Stop
        try {
            $emu.AppId | Should -Be '5550001112'
            $emu.AppName | Should -Be 'Runbook App'
            [System.Net.NetworkCredential]::new('', $emu.AppSecret).Password | Should -Be 'runbook-app-secret-7f3a9c'
            $emu.RequireAppSecretProof | Should -BeTrue
            (Invoke-RestMethod -Uri "$($emu.BaseUri)_emulator/clock" -NoProxy).offsetSeconds | Should -Be (30 * 86400)
            (Invoke-RestMethod -Uri "$($emu.BaseUri)_emulator/faults" -NoProxy).mode | Should -Be 'transient500'
        }
        finally {
            $emu.Stop()
        }
    }
}

Describe 'A runbook tested offline against the emulator' {
    BeforeAll {
        $script:emu = FacebookToken\Start-FacebookEmulator -Path $toolPath -AppsFile $appsFile -ErrorAction Stop
    }

    AfterAll {
        if ($script:emu) { $script:emu.Stop() }
    }

    BeforeEach {
        $null = Invoke-RestMethod -Method Post -Uri "$($emu.BaseUri)_emulator/reset" -NoProxy
    }

    It 'renews and checks its token; the log shows one exchange, one check, and the tokens, masked' {
        # The token the runbook starts from: what a first interactive login would have left in its vault.
        $minted = Invoke-RestMethod -Method Post -Uri "$($emu.BaseUri)_emulator/tokens" -NoProxy -ContentType 'application/json' -Body (@{
                kind = 'short'; appId = $emu.AppId; scopes = @('whatsapp_business_management', 'whatsapp_business_messaging')
            } | ConvertTo-Json)
        $start = ConvertTo-SecureString $minted.access_token -AsPlainText -Force

        $renewed = & (Join-Path $PSScriptRoot 'assets/runbook/Update-WhatsAppToken.ps1') -AccessToken $start -App $runbookApp -GraphBaseUri $emu.GraphBaseUri

        $renewed.Kind | Should -Be 'LongLivedUser'
        $renewed.AppId | Should -Be '5550001112'
        $log = Get-FacebookEmulatorLog $emu
        $log | Should -BeOfType ([FacebookToken.Emulator.FacebookEmulatorLog])
        $exchanges = @($log.Requests | Where-Object { $_.Endpoint -eq '/oauth/access_token' -and $_.Parameters['grant_type'] -eq 'fb_exchange_token' })
        $exchanges.Count | Should -Be 1
        $exchanges[0].Status | Should -Be 200
        $exchanges[0].Parameters['client_id'] | Should -Be '5550001112'
        $exchanges[0].Parameters['client_secret'] | Should -Be '***(25 chars)'
        @($log.Requests | Where-Object Endpoint -EQ '/debug_token').Count | Should -Be 1
        $log.Tokens.Kind | Should -Be @('ShortLivedUser', 'LongLivedUser')
        $log.Tokens.AppId | Should -Be @('5550001112', '5550001112')
        $log.Tokens.IsRevoked | Should -Be @($false, $false)
        $log.Messages.Count | Should -Be 0 -Because 'this runbook sends nothing'

        $text = $log | ConvertTo-Json -Depth 6
        $text | Should -Not -Match ([regex]::Escape($minted.access_token))
        $text | Should -Not -Match ([regex]::Escape([System.Net.NetworkCredential]::new('', $renewed.AccessToken).Password))
        $text | Should -Not -Match 'runbook-app-secret'
        $log.Tokens[0].MaskedToken | Should -Be ($minted.access_token.Substring(0, 4) + [char]0x2026 + $minted.access_token.Substring($minted.access_token.Length - 3))
    }

    It 'shows a revoked token as revoked, and reads the log by -BaseUri too' {
        $minted = Invoke-RestMethod -Method Post -Uri "$($emu.BaseUri)_emulator/tokens" -NoProxy -ContentType 'application/json' -Body '{"kind": "long"}'
        $null = Invoke-RestMethod -Method Post -Uri "$($emu.BaseUri)_emulator/tokens/revoke" -NoProxy -ContentType 'application/json' -Body (@{ access_token = $minted.access_token } | ConvertTo-Json)

        $log = Get-FacebookEmulatorLog -BaseUri $emu.BaseUri

        $log.Tokens.Count | Should -Be 1
        $log.Tokens[0].IsRevoked | Should -BeTrue
        $log.Tokens[0].Kind | Should -Be 'LongLivedUser'
    }

    It 'refuses a -BaseUri that is not on this machine' {
        $log = Get-FacebookEmulatorLog -BaseUri 'https://graph.facebook.com/' -ErrorVariable err -ErrorAction SilentlyContinue
        $log | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidEmulatorUri,*'
    }

    It 'says ConnectionFailed once the emulator has stopped' {
        $stopped = FacebookToken\Start-FacebookEmulator -Path $toolPath -ErrorAction Stop
        $stopped.Stop()
        $log = Get-FacebookEmulatorLog $stopped -ErrorVariable err -ErrorAction SilentlyContinue
        $log | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionFailed,*'
        $err[0].Exception.Message | Should -BeLike '*does not answer*Start-FacebookEmulator*'
    }

    # HELP EXAMPLE TEST (about_FacebookToken_Emulator, "A runbook tested offline"; the README links to it): the
    # runbook and its Pester test, taken verbatim from the fences marked <!-- EXAMPLE: name -->, run in a fresh pwsh
    # by the Pester this suite runs on, with the tool installed above on PATH (how Start-FacebookEmulator finds a
    # global install) and the staged module on PSModulePath (how `Import-Module FacebookToken` finds an installed
    # one). When the help text breaks, this fails.
    It 'runs the about_FacebookToken_Emulator runbook and its Pester test: exactly one template message went to the number' {
        $page = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'docs/en-US/about_FacebookToken_Emulator.md')
        $section = $page.Substring($page.IndexOf('### A runbook tested offline'))
        $blocks = [regex]::Matches($section, '(?s)<!-- EXAMPLE: (?<name>[\w.-]+) -->\r?\n```powershell\r?\n(?<code>.*?)\r?\n```')
        @($blocks | ForEach-Object { $_.Groups['name'].Value }) | Should -Be @('Send-Reminder.ps1', 'Send-Reminder.Tests.ps1')
        $folder = Join-Path $work 'readme-example'
        $null = New-Item -ItemType Directory -Path $folder -Force
        foreach ($block in $blocks) {
            Set-Content -LiteralPath (Join-Path $folder $block.Groups['name'].Value) -Value $block.Groups['code'].Value
        }
        $testText = $blocks[1].Groups['code'].Value
        $testText | Should -Match 'Get-FacebookEmulatorLog' -Because 'the example test reads what was sent from the emulator log'
        $testText | Should -Match '\.Count \| Should -Be 1' -Because 'the example test asserts exactly one message to the number'

        $pester = (Get-Module Pester).Path
        $results = Join-Path $work 'readme-example-results.json'
        $command = @"
Import-Module '$($pester -replace "'", "''")' -ErrorAction Stop
`$config = New-PesterConfiguration
`$config.Run.Path = '$($folder -replace "'", "''")'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$run = Invoke-Pester -Configuration `$config
@(`$run.Tests | ForEach-Object { @{ Name = `$_.ExpandedName; Result = "`$(`$_.Result)"; Error = "`$(`$_.ErrorRecord)" } }) | ConvertTo-Json -AsArray | Set-Content -LiteralPath '$($results -replace "'", "''")'
exit `$run.FailedCount + `$run.FailedBlocksCount + `$run.FailedContainersCount
"@
        $null = Invoke-ChildPwsh -Command $command -Environment @{
            PATH                      = $toolPath + [IO.Path]::PathSeparator + $env:PATH
            PSModulePath              = (Split-Path -Parent $StagedModulePath) + [IO.Path]::PathSeparator + $env:PSModulePath
            FACEBOOK_TOKEN_CACHE_PATH = $null
            FACEBOOK_TOKEN_CACHE_KEY  = $null
        }

        $tests = @(Get-Content -Raw -LiteralPath $results | ConvertFrom-Json)
        $tests.Name | Should -Be @('sends exactly one hello_world to the number', 'marks the customer''s reply read', 'fails before sending when the token has expired')
        $tests.Result | Should -Be @('Passed', 'Passed', 'Passed')
    }
}

Describe 'Secrets around Start-FacebookEmulator and Get-FacebookEmulatorLog' {
    It 'keeps the app secret and tokens out of the transcript, the streams and the views' {
        $transcript = Join-Path $work 'transcript.txt'
        $null = Start-Transcript -LiteralPath $transcript -Force
        try {
            $emu = FacebookToken\Start-FacebookEmulator -Path $toolPath -AppsFile $appsFile -Verbose -Debug -ErrorAction Stop 4>&1 5>&1 6>&1 | Tee-Object -Variable streamed
            $streamed | Out-Host
            $emu = @($streamed | Where-Object { $_ -is [FacebookToken.Emulator.FacebookEmulator] })[0]
            $minted = Invoke-RestMethod -Method Post -Uri "$($emu.BaseUri)_emulator/tokens" -NoProxy -ContentType 'application/json' -Body '{"kind": "long"}'
            $null = Invoke-RestMethod -Uri "$($emu.BaseUri)v25.0/me?access_token=$($minted.access_token)" -NoProxy
            $emu | Format-List * | Out-Host
            $emu | Format-Table | Out-Host
            $log = Get-FacebookEmulatorLog $emu -Verbose -Debug 4>&1 5>&1 6>&1 | Tee-Object -Variable logStreamed
            $logStreamed | Out-Host
            $log = @($logStreamed | Where-Object { $_ -is [FacebookToken.Emulator.FacebookEmulatorLog] })[0]
            $log.Requests | Format-List * | Out-Host
            $log.Tokens | Format-Table | Out-Host
        }
        finally {
            $null = Stop-Transcript
            if ($emu) { $emu.Stop() }
        }
        $text = Get-Content -Raw -LiteralPath $transcript
        $text | Should -Match 'Starting the Facebook emulator' -Because 'the transcript caught the Verbose stream'
        $text | Should -Match '/me' -Because 'the transcript caught the request log'
        $text | Should -Not -Match 'runbook-app-secret'
        $text | Should -Not -Match ([regex]::Escape($minted.access_token))
        ($streamed + $logStreamed | Out-String) | Should -Not -Match 'runbook-app-secret'
    }
}
