# The README as a newcomer meets it: at most 300 lines, what the module does for each token kind and the two set-up
# commands on its first screen, links that lead somewhere, and every PowerShell example run as written.
#
# Every ```powershell fence in README.md is marked with <!-- EXAMPLE: name --> on the line above. Each one runs here,
# verbatim, in a fresh pwsh against the Facebook emulator, in README order, sharing one emulator and one key-file
# cache (the quick starts build on each other as a reader's would). What the reader's world gives an example is set
# up around it, never edited into it:
#   - "your app" is app 1234567890 in the emulator's apps file, with http://localhost:8765/callback/ registered;
#   - every -GraphBaseUri / -LoginBaseUri defaults to the emulator ($PSDefaultParameterValues), the way a test
#     points a runbook elsewhere without changing it;
#   - the person at the prompt: Get-Credential answers with that app's id and secret, Read-Host -AsSecureString
#     with an admin system user's token the emulator minted, and the browser ($BROWSER) is
#     tests/assets/fake-browser.sh, which follows the emulator's auto-approved login dialog;
#   - a runbook's environment: FB_APP_ID, FB_APP_SECRET, FACEBOOK_TOKEN_CACHE_PATH and FACEBOOK_TOKEN_CACHE_KEY;
#   - Embedded Signup's $code (a fresh code from the emulator, as FB.login's callback would hand it over) and $app.
# The install example builds a package, so tests/Package.Tests.ps1 runs it, against the package it tests.

BeforeDiscovery {
    $readmeText = Get-Content -Raw -LiteralPath (Join-Path (Split-Path -Parent $PSScriptRoot) 'README.md')
    $script:examples = @([regex]::Matches($readmeText, '(?s)<!-- EXAMPLE: (?<name>[\w.-]+) -->\r?\n```powershell\r?\n(?<code>.*?)\r?\n```') |
            ForEach-Object { @{ Name = $_.Groups['name'].Value } } | Where-Object Name -NE 'install')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:readmePath = Join-Path $RepoRoot 'README.md'
    $script:readme = Get-Content -Raw -LiteralPath $readmePath
    $script:readmeLines = [IO.File]::ReadAllLines($readmePath)
    $script:fencePattern = '(?s)<!-- EXAMPLE: (?<name>[\w.-]+) -->\r?\n```powershell\r?\n(?<code>.*?)\r?\n```'

    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-readme-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    $script:appId = '1234567890'
    $script:appSecret = 'readme-app-secret-0123456789'
    $appsFile = Join-Path $work 'apps.json'
    Set-Content -LiteralPath $appsFile -Value (@{ apps = @(@{ appId = $appId; appSecret = $appSecret; name = 'README App'; redirectUris = @('http://localhost:8765/callback/'); default = $true }) } | ConvertTo-Json -Depth 5)
    $script:emu = Start-FacebookEmulator -AppsFile $appsFile
    $null = Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' }

    $script:cachePath = Join-Path $work 'cache'
    $script:cacheKey = 'readme-cache-key-0123456789'
    $script:cacheArgs = @{ CachePath = $cachePath; CacheKey = (ConvertTo-SecureString $cacheKey -AsPlainText -Force) }
    $script:environment = @{
        FACEBOOK_TOKEN_CACHE_PATH = $cachePath
        FACEBOOK_TOKEN_CACHE_KEY  = $cacheKey
        FB_APP_ID                 = $appId
        FB_APP_SECRET             = $appSecret
        BROWSER                   = Join-Path $PSScriptRoot 'assets/fake-browser.sh'
        FBT_BROWSER_LOG           = Join-Path $work 'browser.log'
    }

    function ConvertTo-Literal([string]$Text) { "'" + $Text.Replace("'", "''") + "'" }

    function Get-Example([string]$Name) {
        $found = @([regex]::Matches($readme, $fencePattern) | Where-Object { $_.Groups['name'].Value -eq $Name })
        $found.Count | Should -Be 1 -Because "README.md has one example named $Name"
        $found[0].Groups['code'].Value
    }

    function Invoke-ReadmeExample {
        # Runs the named README example verbatim in a fresh pwsh with the reader's world around it (see the top).
        param([Parameter(Mandatory)][string]$Name, [string]$Prelude = '')

        $uri = ConvertTo-Literal $emu.Uri
        $command = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
Import-Module $(ConvertTo-Literal $ModuleManifestPath)
`$PSDefaultParameterValues['*:GraphBaseUri'] = $uri
`$PSDefaultParameterValues['*:LoginBaseUri'] = $uri
function Get-Credential { [pscredential]::new($(ConvertTo-Literal $appId), (ConvertTo-SecureString $(ConvertTo-Literal $appSecret) -AsPlainText -Force)) }
function Read-Host { param([Parameter(Position = 0)][object]`$Prompt, [switch]`$AsSecureString) ConvertTo-SecureString `$env:FBT_README_PROMPT_ANSWER -AsPlainText -Force }
$Prelude
# --- README example: $Name ---
$(Get-Example $Name)
"@
        $output = Invoke-ChildPwsh -Command $command -Environment $environment
        $output | Out-Host
        $output
    }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
    Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'README.md' {
    It 'has at most 300 lines' {
        $readmeLines.Count | Should -BeLessOrEqual 300
    }

    It 'says on its first screen what the module does for every token kind, and names the request cmdlet and the emulator' {
        $firstScreen = ($readmeLines | Select-Object -First 25) -join "`n"

        foreach ($kind in 'System-user tokens', 'user tokens', 'Embedded Signup business tokens', 'App tokens') {
            $firstScreen | Should -Match ([regex]::Escape($kind))
        }
        foreach ($name in 'Invoke-FacebookGraphRequest', 'New-FacebookSystemUserToken', 'Invoke-FacebookLogin', 'Invoke-FacebookCodeExchange', 'Start-FacebookEmulator', 'WhatsApp Cloud API') {
            $firstScreen | Should -Match ([regex]::Escape($name))
        }
    }

    It 'gives the two set-up commands right after the first screen' {
        $setUp = ($readmeLines | Select-Object -First 35) -join "`n"

        $setUp | Should -Match ([regex]::Escape('dotnet tool restore && dotnet pwsh ./build.ps1 -Task Demo'))
        $setUp | Should -Match ([regex]::Escape('dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test'))
    }

    It 'keeps the order a newcomer needs: set up, install, three quick starts, which token, cmdlets, more' {
        $headings = @($readmeLines | Where-Object { $_ -match '^## ' })
        $wanted = @('## Set up', '## Install', '## Quick start: a person', '## Quick start: a system-user token', '## Quick start: Embedded Signup', '## Which token?', '## Cmdlets', '## More')
        $positions = foreach ($heading in $wanted) {
            $index = [array]::FindIndex([string[]]$headings, [Predicate[string]] { param($h) $h.StartsWith($heading) })
            $index | Should -BeGreaterOrEqual 0 -Because "the README has a '$heading' section"
            $index
        }
        $positions | Should -Be ($positions | Sort-Object)
    }

    It 'marks every powershell example with a unique name, so each one runs' {
        $fences = @($readmeLines | Where-Object { $_ -match '^\s*```\s*(powershell|pwsh|ps1)\s*$' })
        $marked = @([regex]::Matches($readme, $fencePattern) | ForEach-Object { $_.Groups['name'].Value })

        $marked.Count | Should -Be $fences.Count -Because 'every powershell fence has an <!-- EXAMPLE: name --> line above it'
        $marked | Should -Be ($marked | Select-Object -Unique)
        $marked | Should -Contain 'install'
    }

    It 'links only to files that exist' {
        $links = @([regex]::Matches($readme, '\]\((?<target>[^)#\s]+)(#[^)]*)?\)') | ForEach-Object { $_.Groups['target'].Value } | Where-Object { $_ -notmatch '^[a-z]+:' })
        $links.Count | Should -BeGreaterThan 0
        foreach ($link in $links) {
            Join-Path $RepoRoot $link | Should -Exist -Because "README.md links to $link"
        }
    }

    It 'points at every about_ topic the module ships' {
        foreach ($topic in Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'docs/en-US') -Filter 'about_*.md') {
            $readme | Should -Match ([regex]::Escape("Get-Help $($topic.BaseName)"))
        }
    }
}

Describe 'Every README example, run as written against the emulator' {
    It 'runs <Name>' -ForEach $examples {
        if ($IsWindows -and $Name -eq 'quickstart-person') {
            # The stand-in browser is a bash script; tests/skip-allowlist.txt says so for Windows.
            Set-ItResult -Skipped -Because 'the stand-in browser (tests/assets/fake-browser.sh) needs bash and curl'
            return
        }
        $prelude = ''
        $environment.FBT_README_PROMPT_ANSWER = $null
        switch ($Name) {
            'quickstart-runbook-mint' {
                # The admin system user's token the reader generated in Business settings.
                $environment.FBT_README_PROMPT_ANSWER = (Invoke-EmulatorControl $emu -Method Post -Path 'systemusers/tokens' -Body @{ systemUserId = '61550000000000002' }).access_token
            }
            'webhook-131047' {
                # The reader installed the emulator tool (dotnet tool install FacebookToken.Emulator): here, this build's.
                $prelude = "`$PSDefaultParameterValues['Start-FacebookEmulator:Path'] = $(ConvertTo-Literal (Split-Path -Parent $EmulatorDllPath))"
            }
            'fleet-vault' {
                # The reader's world: a vault named fleet (SecretStore here, Azure Key Vault for the reader) holding the app
                # secret and a 60-day system-user token with 10 days left, saved there by an earlier job.
                $modules = Find-SecretManagementModules
                if ($null -eq $modules) { Set-ItResult -Skipped -Because 'neither an installed SecretManagement nor ../shared/psmodules is here'; return }
                $vaultEnvironment = New-SecretStoreHome -Path (Join-Path $work 'vault-home') -Modules $modules -VaultName fleet
                foreach ($key in $vaultEnvironment.Keys) { $environment[$key] = $vaultEnvironment[$key] }
                $script:fleetToken = (Invoke-EmulatorControl $emu -Method Post -Path 'systemusers/tokens' -Body @{ systemUserId = '61550000000000002'; expiresIn60Days = $true }).access_token
                $prelude = @"
Set-Secret -Vault fleet -Name wa-app-secret -Secret (ConvertTo-SecureString `$env:FB_APP_SECRET -AsPlainText -Force)
Save-FacebookToken -Vault fleet -Name wa-prod -AccessToken '$fleetToken' -Kind SystemUser -AppId `$env:FB_APP_ID -ExpiresOn ([DateTimeOffset]::UtcNow.AddDays(10))
"@
            }
            'quickstart-embedded-signup' {
                $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ embeddedSignup = $true; targetIds = @('102290129340398') }).code
                $prelude = "`$code = $(ConvertTo-Literal $code)`n`$app = Get-Credential"
            }
        }
        if ($Name -eq 'quickstart-person') {
            # The README's redirect port is fixed (Facebook matches redirect URIs exactly), and another run on this
            # machine (a Demo, a second suite) may hold it for a moment: wait until it is free, within a bound.
            $bound = [DateTime]::UtcNow.AddMinutes(2)
            while (-not (Test-TcpPortFree 8765) -and [DateTime]::UtcNow -lt $bound) { Start-Sleep -Milliseconds 500 }
        }
        $messagesBefore = @((Get-FacebookEmulatorLog -BaseUri $emu.BaseUri).Messages).Count

        $output = @(Invoke-ReadmeExample -Name $Name -Prelude $prelude)

        # What each example promises its reader, checked from outside: the cache and the emulator's log.
        switch ($Name) {
            'quickstart-person' {
                $token = Get-FacebookToken wa-me @cacheArgs
                $token.Kind | Should -Be 'LongLivedUser'
                $token.AppId | Should -Be $appId
                ($output -join "`n") | Should -Match 'IsValid\s*:\s*True'
            }
            'quickstart-runbook-mint' {
                $token = Get-FacebookToken wa-prod @cacheArgs
                $token.Kind | Should -Be 'SystemUser'
                $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(59))
            }
            'quickstart-runbook-send' {
                $messages = @((Get-FacebookEmulatorLog -BaseUri $emu.BaseUri).Messages)
                $messages.Count | Should -Be ($messagesBefore + 1) -Because 'the runbook sends exactly one message'
                $messages[-1].To | Should -Be '15550100002'
                $messages[-1].TemplateName | Should -Be 'hello_world'
                $output[-1] | Should -Match '^wamid\.'
            }
            'fleet-vault' {
                # Renewed in the vault (and nothing in the local cache under that name changed).
                $after = Invoke-ChildPwsh -Environment $environment -Command @"
Import-Module $(ConvertTo-Literal $ModuleManifestPath)
`$t = Get-FacebookToken wa-prod -Vault fleet
'DAYS=' + [math]::Round((`$t.ExpiresOn - [DateTimeOffset]::UtcNow).TotalDays)
'SAME=' + ([Net.NetworkCredential]::new('', `$t.AccessToken).Password -eq '$fleetToken')
"@
                foreach ($key in 'HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'PSModulePath') { $environment.Remove($key) }
                ($output -join "`n") | Should -Match 'Renewed'
                $after | Should -Contain 'DAYS=60'
                $after | Should -Contain 'SAME=False'
            }
            'quickstart-embedded-signup' {
                $token = Get-FacebookToken customer-acme @cacheArgs
                $token.Kind | Should -Be 'SystemUser'
                $token.ExpiresOn | Should -BeNullOrEmpty
                ($output -join "`n") | Should -Match '102290129340398'
            }
            'webhook-131047' {
                # The send was accepted with a wamid, and the webhook said that very message failed with 131047.
                $output[-1] | Should -Match '^True failed 131047: .*template'
            }
            default {
                throw "README example '$Name' has no check here: add what it promises its reader to tests/Readme.Tests.ps1."
            }
        }
        ($output -join "`n") | Should -Not -Match ([regex]::Escape($appSecret))
    }
}
