# -Vault: tokens kept in a SecretManagement vault (issue 23), against the real SecretManagement and SecretStore and
# against PlainFileVault (tests/assets), a vault extension written here with no metadata support.
#
# SecretManagement: an installation on PSModulePath first, else FACEBOOK_TOKEN_TEST_PSMODULES, else ../shared/psmodules
# beside the repository (both modules built from their public sources; PSGallery is not reachable everywhere).
# Every vault call runs in a fresh pwsh with its own HOME (SecretStore and the vault registry live there), as the
# workers of a fleet would: one process saves, another reads and renews.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:vaultModules = Find-SecretManagementModules
    $script:noSecretManagement = $null -eq $vaultModules
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:modules = Find-SecretManagementModules
    if ($null -eq $modules) { return }

    $script:emu = Start-FacebookEmulator
    $script:adminSystemUser = '61550000000000002'
    $script:root = Join-Path ([IO.Path]::GetTempPath()) ('fbt-vault-' + [guid]::NewGuid().ToString('N'))
    $script:localCache = Join-Path $root 'local-cache'
    $null = New-Item -ItemType Directory -Path (Join-Path $root 'home') -Force
    $modulePath = if ($modules) { $modules + [IO.Path]::PathSeparator + $env:PSModulePath } else { $env:PSModulePath }
    $script:childEnvironment = @{
        HOME                       = Join-Path $root 'home'
        XDG_DATA_HOME              = $null
        XDG_CONFIG_HOME            = $null
        PSModulePath               = $modulePath
        # Where a local cache would go: the tests prove nothing is written there while a vault is named.
        FACEBOOK_TOKEN_CACHE_PATH  = $localCache
        FACEBOOK_TOKEN_CACHE_KEY   = 'vault-tests-local-cache-key-0123456789'
        FACEBOOK_TOKEN_VAULT       = $null
        FBT_TEST_MANIFEST          = $ModuleManifestPath
        FBT_TEST_EMULATOR          = $emu.Uri
        FBT_TEST_APP_ID            = $emu.AppId
        FBT_TEST_APP_SECRET        = $emu.AppSecretPlain
        FBT_TEST_PLAIN_VAULT       = Join-Path $PSScriptRoot 'assets/PlainFileVault'
        FBT_TEST_PLAIN_VAULT_PATH  = Join-Path $root 'plain-vault'
    }

    # The prelude of every child: the staged module, the emulator's app, and a RESULT: line for the test to read.
    $script:prelude = @'
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $env:FBT_TEST_MANIFEST
$emu = $env:FBT_TEST_EMULATOR
$cred = [pscredential]::new($env:FBT_TEST_APP_ID, (ConvertTo-SecureString $env:FBT_TEST_APP_SECRET -AsPlainText -Force))
function Out-Result { param($Value) 'RESULT:' + (ConvertTo-Json -InputObject $Value -Depth 8 -Compress) }
function Get-Plain { param($Secure) [Net.NetworkCredential]::new('', $Secure).Password }
function Clear-Vaults { foreach ($v in 'store', 'plain') { Get-SecretInfo -Vault $v -Name 'FacebookToken-*' | ForEach-Object { Remove-Secret -Name $_.Name -Vault $v } } }
function Errors { param($List) @($List | ForEach-Object { [ordered]@{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Target = "$($_.TargetObject)"; Category = "$($_.CategoryInfo.Category)" } }) }

'@

    function Invoke-VaultChild {
        # Runs $Script after the prelude in a fresh pwsh with the test HOME; returns {Result, Output}.
        param([Parameter(Mandatory)][string]$Script, [hashtable]$Environment = @{})
        $merged = $childEnvironment.Clone()
        foreach ($key in $Environment.Keys) { $merged[$key] = $Environment[$key] }
        $output = @(Invoke-ChildPwsh -Command ($prelude + $Script) -Environment $merged)
        $line = $output | Where-Object { $_ -like 'RESULT:*' } | Select-Object -Last 1
        [pscustomobject]@{
            Result = if ($line) { $line.Substring(7) | ConvertFrom-Json } else { $null }
            Output = $output -join "`n"
        }
    }

    function New-SystemUserToken {
        param([switch]$ExpiresIn60Days)
        (Invoke-EmulatorControl $emu -Path 'systemusers/tokens' -Body @{ systemUserId = $adminSystemUser; expiresIn60Days = [bool]$ExpiresIn60Days }).access_token
    }

    function Get-Requests {
        param([string]$Endpoint)
        @((Invoke-EmulatorControl $emu -Method Get -Path 'requests') | ForEach-Object { $_ } | Where-Object { $_.endpoint -like $Endpoint })
    }

    # Two vaults for this HOME: SecretStore with no password (metadata supported), and PlainFileVault (none).
    $null = Invoke-VaultChild @'
$pw = ConvertTo-SecureString 'vault-tests-store-password' -AsPlainText -Force
Set-SecretStoreConfiguration -Scope CurrentUser -Authentication None -Interaction None -Password $pw -Confirm:$false
Register-SecretVault -Name store -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault
Register-SecretVault -Name plain -ModuleName $env:FBT_TEST_PLAIN_VAULT -VaultParameters @{ Path = $env:FBT_TEST_PLAIN_VAULT_PATH }
Out-Result @{ Vaults = @(Get-SecretVault | ForEach-Object Name) }
'@
}

AfterAll {
    if ($null -eq $modules) { return }
    Stop-FacebookEmulator $script:emu
    Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Tokens in a SecretManagement vault' -Skip:$noSecretManagement {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    Context 'in <Vault> (<Kind>)' -ForEach @(
        @{ Vault = 'store'; Kind = 'SecretStore: metadata in the vault'; KeepsMetadata = $true }
        @{ Vault = 'plain'; Kind = 'no metadata support: metadata inside the secret'; KeepsMetadata = $false }
    ) {
        It 'saves in one process; another lists with wildcards, honours expiry, reads the token and writes nothing locally' {
            $token = New-SystemUserToken -ExpiresIn60Days
            $saved = Invoke-VaultChild -Environment @{ FBT_TEST_VAULT = $Vault; FBT_TEST_TOKEN = $token } @'
Clear-Vaults
$t = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString $env:FBT_TEST_TOKEN -AsPlainText -Force), 'SystemUser', $env:FBT_TEST_APP_ID)
$t.ExpiresOn = [DateTimeOffset]::UtcNow.AddDays(60)
$t.Scopes = 'whatsapp_business_management', 'whatsapp_business_messaging'
$t.GranularScopes = [FacebookToken.FacebookGranularScope]::new('whatsapp_business_messaging', [string[]]@('102290129340398'))
$t | Save-FacebookToken -Name wa-prod -Vault $env:FBT_TEST_VAULT -Verbose 4>&1 | ForEach-Object { "$_" }
$old = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString 'EAAGexpired0000token' -AsPlainText -Force), 'LongLivedUser', $env:FBT_TEST_APP_ID)
$old.ExpiresOn = [DateTimeOffset]::UtcNow.AddDays(-1)
$old | Save-FacebookToken -Name wa-old -Vault $env:FBT_TEST_VAULT -WarningAction SilentlyContinue
Save-FacebookToken -Name wa-whatif -AccessToken 'EAAGwhatif00token' -Vault $env:FBT_TEST_VAULT -WhatIf
$infos = @(Get-SecretInfo -Vault $env:FBT_TEST_VAULT | Sort-Object Name)
$raw = Get-Secret -Name FacebookToken-wa-prod -Vault $env:FBT_TEST_VAULT
Out-Result @{
    Secrets = @($infos | ForEach-Object Name)
    MetadataKind = if ($infos[1].Metadata) { "$($infos[1].Metadata['Kind'])" }
    MetadataExpires = if ($infos[1].Metadata) { "$($infos[1].Metadata['ExpiresOn'])" }
    RawType = $raw.GetType().Name
    RawIsToken = (Get-Plain $raw) -eq $env:FBT_TEST_TOKEN
}
'@
            $saved.Result.Secrets | Should -Be @('FacebookToken-wa-old', 'FacebookToken-wa-prod')
            $saved.Result.RawType | Should -Be 'SecureString'
            if ($KeepsMetadata) {
                # The secret is the token itself, usable by any other tool; the metadata lists without decryption.
                $saved.Result.RawIsToken | Should -BeTrue
                $saved.Result.MetadataKind | Should -Be 'SystemUser'
                $saved.Result.MetadataExpires | Should -Not -BeNullOrEmpty
            }
            else {
                $saved.Result.RawIsToken | Should -BeFalse
                $saved.Result.MetadataKind | Should -BeNullOrEmpty
            }
            $saved.Output | Should -Match "Saved the cached token 'wa-prod'"
            $saved.Output | Should -Not -Match ([regex]::Escape($token))

            $read = Invoke-VaultChild -Environment @{ FBT_TEST_VAULT = $Vault; FBT_TEST_TOKEN = $token } @'
$all = @(Get-FacebookToken -Vault $env:FBT_TEST_VAULT -ErrorVariable listErrors -ErrorAction SilentlyContinue)
$one = Get-FacebookToken 'WA-P*' -Vault $env:FBT_TEST_VAULT
$expired = Get-FacebookToken wa-old -Vault $env:FBT_TEST_VAULT -ErrorVariable expiredErrors -ErrorAction SilentlyContinue
$included = Get-FacebookToken wa-old -Vault $env:FBT_TEST_VAULT -IncludeExpired
$tooShort = Get-FacebookToken wa-prod -Vault $env:FBT_TEST_VAULT -MinimumValidity 90.00:00:00 -ErrorVariable shortErrors -ErrorAction SilentlyContinue
Get-FacebookToken nope -Vault $env:FBT_TEST_VAULT -ErrorVariable missingErrors -ErrorAction SilentlyContinue
$check = Test-FacebookToken -Name wa-prod -Vault $env:FBT_TEST_VAULT -Credential $cred -GraphBaseUri $emu
$info = Get-FacebookTokenCacheInfo -Vault $env:FBT_TEST_VAULT
Out-Result @{
    Listed = @($all | ForEach-Object Name)
    ListErrors = Errors $listErrors
    One = $one.Name
    OneKind = "$($one.Kind)"
    OneIsToken = (Get-Plain $one.AccessToken) -eq $env:FBT_TEST_TOKEN
    OneScopes = @($one.Scopes)
    OneGranular = @($one.GranularScopes | ForEach-Object { $_.Scope + '=' + ($_.TargetIds -join ',') })
    OneExpiresInDays = [math]::Round(($one.ExpiresOn - [DateTimeOffset]::UtcNow).TotalDays)
    OneSavedOn = $null -ne $one.SavedOn
    Expired = $null -ne $expired
    ExpiredErrors = Errors $expiredErrors
    Included = $included.Name
    TooShort = $null -ne $tooShort
    ShortErrors = Errors $shortErrors
    MissingErrors = Errors $missingErrors
    Check = $check
    Backend = $info.Backend
    Location = $info.Location
    Reason = $info.Reason
    Count = $info.TokenCount
}
'@
            $r = $read.Result
            $r.Listed | Should -Be @('wa-prod')
            $r.ListErrors.Id | Should -Be @('CachedTokenExpired,FacebookToken.Module.Commands.GetFacebookTokenCommand')
            $r.One | Should -Be 'wa-prod'
            $r.OneKind | Should -Be 'SystemUser'
            $r.OneIsToken | Should -BeTrue
            $r.OneScopes | Should -Be @('whatsapp_business_management', 'whatsapp_business_messaging')
            $r.OneGranular | Should -Be @('whatsapp_business_messaging=102290129340398')
            $r.OneExpiresInDays | Should -Be 60
            $r.OneSavedOn | Should -BeTrue
            $r.Expired | Should -BeFalse
            $r.ExpiredErrors[0].Message | Should -Match 'expired on'
            $r.Included | Should -Be 'wa-old'
            $r.TooShort | Should -BeFalse
            $r.ShortErrors[0].Message | Should -Match 'MinimumValidity'
            $r.MissingErrors[0].Id | Should -BeLike 'CachedTokenNotFound,*'
            $r.Check | Should -BeTrue
            $r.Backend | Should -Be 'SecretManagement'
            $r.Location | Should -Be $Vault
            $r.Reason | Should -Match '-Vault'
            $r.Reason | Should -Match $(if ($KeepsMetadata) { 'keeps metadata' } else { 'keeps no metadata' })
            $r.Count | Should -Be 2
            $read.Output | Should -Not -Match ([regex]::Escape($token))
            # Nothing reached the local cache.
            Test-Path -LiteralPath $localCache | Should -BeFalse

            $removed = Invoke-VaultChild -Environment @{ FBT_TEST_VAULT = $Vault } @'
Remove-FacebookToken 'wa-*' -Vault $env:FBT_TEST_VAULT -WhatIf
$afterWhatIf = @(Get-SecretInfo -Vault $env:FBT_TEST_VAULT | ForEach-Object Name)
Get-FacebookToken -Vault $env:FBT_TEST_VAULT -IncludeExpired | Remove-FacebookToken -Vault $env:FBT_TEST_VAULT
Out-Result @{ AfterWhatIf = $afterWhatIf; After = @(Get-SecretInfo -Vault $env:FBT_TEST_VAULT | ForEach-Object Name) }
'@
            @($removed.Result.AfterWhatIf).Count | Should -Be 2
            $removed.Result.After | Should -BeNullOrEmpty
        }

        It 'renews in another process, writing back only what debug_token vouched for; Revoke removes the secret' {
            $old = New-SystemUserToken -ExpiresIn60Days
            $null = Invoke-VaultChild -Environment @{ FBT_TEST_VAULT = $Vault; FBT_TEST_TOKEN = $old } @'
Clear-Vaults
Save-FacebookToken -Name wa-renew -AccessToken $env:FBT_TEST_TOKEN -Kind SystemUser -AppId $env:FBT_TEST_APP_ID -ExpiresOn ([DateTimeOffset]::UtcNow.AddDays(60)) -Vault $env:FBT_TEST_VAULT
'@
            Invoke-EmulatorControl $emu -Path 'clock' -Body @{ days = 10 } | Out-Null

            $renewed = Invoke-VaultChild -Environment @{ FACEBOOK_TOKEN_VAULT = $Vault; FBT_TEST_TOKEN = $old } @'
# FACEBOOK_TOKEN_VAULT names the vault: no -Vault anywhere here.
$r = Update-FacebookToken wa-renew -Credential $cred -MinimumValidity 61.00:00:00 -GraphBaseUri $emu
$now = Get-FacebookToken wa-renew
Out-Result @{ Action = "$($r.Action)"; ExpiresOn = $r.ExpiresOn; Kind = "$($now.Kind)"; Changed = (Get-Plain $now.AccessToken) -ne $env:FBT_TEST_TOKEN; SameExpiry = $now.ExpiresOn -eq $r.ExpiresOn }
'@
            $renewed.Result.Action | Should -Be 'Renewed'
            $renewed.Result.Changed | Should -BeTrue
            $renewed.Result.Kind | Should -Be 'SystemUser'
            $renewed.Result.SameExpiry | Should -BeTrue
            (Get-Requests '/debug_token').Count | Should -BeGreaterThan 0
            Test-Path -LiteralPath $localCache | Should -BeFalse

            $revoked = Invoke-VaultChild -Environment @{ FBT_TEST_VAULT = $Vault } @'
Revoke-FacebookToken -Name wa-renew -Vault $env:FBT_TEST_VAULT -Credential $cred -GraphBaseUri $emu -Confirm:$false
Out-Result @{ After = @(Get-SecretInfo -Vault $env:FBT_TEST_VAULT -Name 'FacebookToken-*' | ForEach-Object Name) }
'@
            $revoked.Result.After | Should -BeNullOrEmpty
            (Get-Requests '/oauth/revoke').Count | Should -Be 1
        }

        It 'keeps the newer token when another worker saved the name during the renewal (Action Conflict)' {
            $old = New-SystemUserToken -ExpiresIn60Days
            $newer = New-SystemUserToken -ExpiresIn60Days
            Invoke-EmulatorControl $emu -Path 'clock' -Body @{ days = 10 } | Out-Null
            # debug_token answers after 8 s: time enough for the other worker to save while the renewal waits.
            Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ latencyMs = 8000; pathContains = 'debug_token' } | Out-Null
            $race = Invoke-VaultChild -Environment @{ FBT_TEST_VAULT = $Vault; FBT_TEST_TOKEN = $old; FBT_TEST_NEWER = $newer } @'
Clear-Vaults
Save-FacebookToken -Name wa-race -AccessToken $env:FBT_TEST_TOKEN -Kind SystemUser -AppId $env:FBT_TEST_APP_ID -ExpiresOn ([DateTimeOffset]::UtcNow.AddDays(60)) -Vault $env:FBT_TEST_VAULT
# The renewing worker: its own runspace, started now.
$renewer = [powershell]::Create()
$null = $renewer.AddScript({
    param($Manifest, $Vault, $Credential, $Graph)
    Import-Module $Manifest
    Update-FacebookToken wa-race -Vault $Vault -Credential $Credential -MinimumValidity 61.00:00:00 -GraphBaseUri $Graph -WarningAction SilentlyContinue
}).AddArgument($env:FBT_TEST_MANIFEST).AddArgument($env:FBT_TEST_VAULT).AddArgument($cred).AddArgument($emu)
$pending = $renewer.BeginInvoke()
# The other worker saves once the renewal is waiting for debug_token.
$deadline = [DateTime]::UtcNow.AddSeconds(60)
while ([DateTime]::UtcNow -lt $deadline -and -not (@(Invoke-RestMethod "$emu/_emulator/requests") | ForEach-Object { $_ } | Where-Object endpoint -like '/oauth/access_token')) { Start-Sleep -Milliseconds 100 }
Save-FacebookToken -Name wa-race -AccessToken $env:FBT_TEST_NEWER -Kind SystemUser -AppId $env:FBT_TEST_APP_ID -ExpiresOn ([DateTimeOffset]::UtcNow.AddDays(60)) -Vault $env:FBT_TEST_VAULT
$r = $renewer.EndInvoke($pending)
$now = Get-FacebookToken wa-race -Vault $env:FBT_TEST_VAULT
Out-Result @{ Action = "$($r.Action)"; Reason = $r.Reason; KeptNewer = (Get-Plain $now.AccessToken) -eq $env:FBT_TEST_NEWER; Errors = Errors $renewer.Streams.Error }
'@
            $race.Result.Action | Should -Be 'Conflict'
            $race.Result.KeptNewer | Should -BeTrue
            $race.Result.Reason | Should -Match 'kept'
            # The token the renewal minted is held by nobody: revoked at Facebook (a system-user token can be).
            (Get-Requests '/oauth/revoke').Count | Should -Be 1
            $race.Output | Should -Not -Match ([regex]::Escape($old))
            $race.Output | Should -Not -Match ([regex]::Escape($newer))
        }

        It 'leaves a secret that is not a FacebookToken entry alone: reported when listed, never overwritten' {
            $foreign = Invoke-VaultChild -Environment @{ FBT_TEST_VAULT = $Vault } @'
Clear-Vaults
Set-Secret -Name FacebookToken-db-password -Secret (ConvertTo-SecureString 'not-a-token-at-all' -AsPlainText -Force) -Vault $env:FBT_TEST_VAULT
$listed = @(Get-FacebookToken -Vault $env:FBT_TEST_VAULT -WarningVariable listWarnings -WarningAction SilentlyContinue)
Save-FacebookToken -Name db-password -AccessToken 'EAAGoverwrite0token' -Vault $env:FBT_TEST_VAULT -ErrorVariable saveErrors -ErrorAction SilentlyContinue
Remove-FacebookToken db-password -Vault $env:FBT_TEST_VAULT -ErrorVariable removeErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
$still = Get-Plain (Get-Secret -Name FacebookToken-db-password -Vault $env:FBT_TEST_VAULT)
Remove-Secret -Name FacebookToken-db-password -Vault $env:FBT_TEST_VAULT
Out-Result @{ Listed = $listed.Count; Warnings = @($listWarnings | ForEach-Object { "$_" }); SaveErrors = Errors $saveErrors; RemoveErrors = Errors $removeErrors; Still = $still }
'@
            $r = $foreign.Result
            $r.Listed | Should -Be 0
            $r.Warnings[0] | Should -Match "FacebookToken-db-password.*not a FacebookToken entry.*left alone"
            $r.SaveErrors[0].Id | Should -BeLike 'ForeignVaultSecret,*'
            $r.SaveErrors[0].Message | Should -Match 'did not overwrite'
            $r.RemoveErrors[0].Id | Should -BeLike 'CachedTokenNotFound,*'
            $r.Still | Should -Be 'not-a-token-at-all'
        }
    }

    It 'refuses clearly: a name no vault can keep, an unregistered vault, a locked vault, -Vault with -CachePath; FACEBOOK_TOKEN_VAULT yields to -CachePath' {
        $errors = Invoke-VaultChild @'
Clear-Vaults
Save-FacebookToken -Name 'wa.prod' -AccessToken 'EAAGsome0token' -Vault store -ErrorVariable nameErrors -ErrorAction SilentlyContinue
Save-FacebookToken -Name ('a' * 114) -AccessToken 'EAAGsome0token' -Vault store -ErrorVariable longErrors -ErrorAction SilentlyContinue
# A store that cannot be opened ends Get-FacebookToken (a terminating error), as the local cache's does.
try { Get-FacebookToken -Vault no-such-vault } catch { $vaultErrors = @($_) }
try { Get-FacebookToken -Vault store -CachePath /tmp } catch { $bothErrors = @($_) }
$null = New-Item -ItemType File -Path (Join-Path $env:FBT_TEST_PLAIN_VAULT_PATH 'locked') -Force
try { Get-FacebookToken -Vault plain } catch { $lockedErrors = @($_) } finally { Remove-Item (Join-Path $env:FBT_TEST_PLAIN_VAULT_PATH 'locked') }
# Rows piped in: a name the vault cannot take is that row's error; the other rows are saved.
$rows = @(
    [pscustomobject]@{ Name = 'row-a'; AccessToken = 'EAAGrowa0token'; Kind = 'SystemUser' }
    [pscustomobject]@{ Name = 'row.b'; AccessToken = 'EAAGrowb0token'; Kind = 'SystemUser' }
    [pscustomobject]@{ Name = 'row-c'; AccessToken = 'EAAGrowc0token'; Kind = 'SystemUser' }
)
$rows | Save-FacebookToken -Vault store -ErrorVariable rowErrors -ErrorAction SilentlyContinue
$rowSecrets = @(Get-SecretInfo -Vault store -Name 'FacebookToken-row*' | ForEach-Object Name | Sort-Object)
Remove-FacebookToken 'row-*' -Vault store
# FACEBOOK_TOKEN_VAULT names the vault; an explicit -CachePath still means the local cache.
$env:FACEBOOK_TOKEN_VAULT = 'store'
$fromEnvironment = Get-FacebookTokenCacheInfo
$explicitLocal = Get-FacebookTokenCacheInfo -CachePath (Join-Path $env:HOME 'explicit-local')
$env:FACEBOOK_TOKEN_VAULT = $null
Out-Result @{ RowErrors = Errors $rowErrors; RowSecrets = $rowSecrets; EnvBackend = $fromEnvironment.Backend; EnvReason = $fromEnvironment.Reason; LocalBackend = $explicitLocal.Backend; Name = Errors $nameErrors; Long = Errors $longErrors; Vault = Errors $vaultErrors; Both = Errors $bothErrors; Locked = Errors $lockedErrors; Secrets = @(Get-SecretInfo -Vault store | ForEach-Object Name) }
'@
        $r = $errors.Result
        $r.Name[0].Id | Should -BeLike 'InvalidVaultTokenName,*'
        $r.Name[0].Message | Should -Match 'letters, digits and dashes'
        $r.Long[0].Id | Should -BeLike 'InvalidVaultTokenName,*'
        $r.Vault[0].Id | Should -BeLike 'VaultNotRegistered,*'
        $r.Vault[0].Message | Should -Match 'no-such-vault'
        $r.Vault[0].Message | Should -Match 'Register-SecretVault'
        $r.Vault[0].Message | Should -Match 'Get-SecretVault'
        $r.Vault[0].Message | Should -Match 'registered: plain, store'
        $r.Both[0].Id | Should -BeLike 'VaultWithLocalCache,*'
        $r.Locked[0].Id | Should -BeLike 'VaultLocked,*'
        $r.Locked[0].Message | Should -Match 'Unlock-SecretVault -Name plain'
        $r.Secrets | Should -BeNullOrEmpty
        @($r.RowErrors).Count | Should -Be 1
        $r.RowErrors[0].Id | Should -BeLike 'InvalidVaultTokenName,*'
        $r.RowSecrets | Should -Be @('FacebookToken-row-a', 'FacebookToken-row-c')
        $r.EnvBackend | Should -Be 'SecretManagement'
        $r.EnvReason | Should -Match 'FACEBOOK_TOKEN_VAULT is set'
        $r.LocalBackend | Should -Be 'KeyFile'
    }

    It 'names Install-PSResource when SecretManagement is not installed, and writes nothing' {
        $missing = Invoke-VaultChild -Environment @{ PSModulePath = (Join-Path $root 'no-modules') } @'
Save-FacebookToken -Name wa-prod -AccessToken 'EAAGsome0token' -Vault store -ErrorVariable saveErrors -ErrorAction SilentlyContinue
Out-Result @{ Errors = Errors $saveErrors }
'@
        $missing.Result.Errors[0].Id | Should -BeLike 'VaultUnavailable,*'
        $missing.Result.Errors[0].Message | Should -Match 'Install-PSResource Microsoft.PowerShell.SecretManagement'
        Test-Path -LiteralPath $localCache | Should -BeFalse
    }

    It 'completes -Vault with the registered vaults and -Name from the vault; -CacheName saves a new token there' {
        $completion = Invoke-VaultChild @'
Clear-Vaults
Save-FacebookToken -Name wa-complete -AccessToken 'EAAGcomplete0token' -Vault store
$vaults = (TabExpansion2 -inputScript 'Get-FacebookToken -Vault ' -cursorColumn 25).CompletionMatches.CompletionText
$names = (TabExpansion2 -inputScript 'Get-FacebookToken -Vault store -Name wa-c' -cursorColumn 41).CompletionMatches.CompletionText
$admin = Invoke-RestMethod -Method Post -Uri "$emu/_emulator/systemusers/tokens" -ContentType 'application/json' -Body '{"systemUserId":"61550000000000002"}'
$minted = New-FacebookSystemUserToken -SystemUserId 61550000000000001 -AccessToken $admin.access_token -Scope whatsapp_business_messaging -InstallApp -Credential $cred -GraphBaseUri $emu -CacheName wa-minted -Vault store
Out-Result @{ Vaults = @($vaults); Names = @($names); Minted = (Get-FacebookToken wa-minted -Vault store).Kind.ToString(); Cleaned = @(Remove-FacebookToken wa-complete, wa-minted -Vault store) }
'@
        $completion.Result.Vaults | Should -Be @('plain', 'store')
        $completion.Result.Names | Should -Be @('wa-complete')
        $completion.Result.Minted | Should -Be 'SystemUser'
        Test-Path -LiteralPath $localCache | Should -BeFalse
    }
}
