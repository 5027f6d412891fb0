# MSAL loads only on first cache use, and in isolation: beside another module's older Microsoft.Identity.Client.
# Needs the staged module with its storage folders (bin/<tfm>/storage/, staged by build.ps1) and NuGet, from which
# build/msal-old.proj downloads the old MSAL.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    function ConvertTo-PSLiteral {
        # A single-quoted PowerShell string literal for a path embedded in a child's command text.
        param([Parameter(Mandatory)][string]$Text)
        "'" + $Text.Replace("'", "''") + "'"
    }

    $oldMsalVersion = '4.61.3'
    $oldAbstractionsVersion = '6.35.0'
    $proj = Join-Path $RepoRoot 'build/msal-old.proj'
    $restoreOutput = & (Get-DotnetPath) restore $proj "-p:MsalOldVersion=$oldMsalVersion" "-p:IdentityModelAbstractionsOldVersion=$oldAbstractionsVersion" --nologo -v:q 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet restore $proj failed with exit code ${LASTEXITCODE}: $($restoreOutput -join [Environment]::NewLine)"
    }
    # The restore records the packages folder it used (NUGET_PACKAGES, nuget.config or the default).
    $assets = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'build/obj/msal-old/project.assets.json') | ConvertFrom-Json
    $packagesFolder = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $OldMsalPath = Join-Path $packagesFolder "microsoft.identity.client/$oldMsalVersion/lib/net6.0/Microsoft.Identity.Client.dll"
    $OldAbstractionsPath = Join-Path $packagesFolder "microsoft.identitymodel.abstractions/$oldAbstractionsVersion/lib/net6.0/Microsoft.IdentityModel.Abstractions.dll"
    foreach ($path in $OldMsalPath, $OldAbstractionsPath) {
        if (-not (Test-Path -LiteralPath $path)) {
            throw "build/msal-old.proj was restored but $path does not exist."
        }
    }

    $LockDirectory = Join-Path ([IO.Path]::GetTempPath()) ("fbt-msal-" + [Guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $LockDirectory

    # Run in the child: prints one "name|version|load context" line per Microsoft.Identity.* assembly loaded.
    $ListIdentityAssemblies = @'
[AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { $_.GetName().Name -like 'Microsoft.Identity*' } |
    ForEach-Object { 'ASM|{0}|{1}|{2}' -f $_.GetName().Name, $_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
'@
}

AfterAll {
    if ($LockDirectory -and (Test-Path -LiteralPath $LockDirectory)) {
        Remove-Item -LiteralPath $LockDirectory -Recurse -Force
    }
}

Describe 'MSAL isolation' {
    It 'loads no Microsoft.Identity assembly at Import-Module' {
        $output = Invoke-ChildPwsh -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name $(ConvertTo-PSLiteral $ModuleManifestPath)
'COMMANDS|' + @(Get-Command -Module FacebookToken).Count
[AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { `$_.GetName().Name -like 'Microsoft.Identity*' -or `$_.GetName().Name -eq 'FacebookToken.Storage' } |
    ForEach-Object { 'LOADED|' + `$_.GetName().Name }
"@

        [int](($output | Where-Object { $_ -like 'COMMANDS|*' }) -replace '^COMMANDS\|') | Should -BeGreaterThan 0
        $output | Where-Object { $_ -like 'LOADED|*' } | Should -BeNullOrEmpty
    }

    It 'uses the cache lock after an older Microsoft.Identity.Client was loaded, and both keep working' {
        $lockPath = Join-Path $LockDirectory 'tokens.lock'
        $output = Invoke-ChildPwsh -Command @"
`$ErrorActionPreference = 'Stop'
# As Az.Accounts or MSAL.PS would: an older MSAL in the default context, in use.
Add-Type -Path $(ConvertTo-PSLiteral $OldAbstractionsPath)
Add-Type -Path $(ConvertTo-PSLiteral $OldMsalPath)
`$null = [Microsoft.Identity.Client.PublicClientApplicationBuilder]::Create('00000000-0000-0000-0000-000000000001').Build()

Import-Module -Name $(ConvertTo-PSLiteral $ModuleManifestPath)
# Core loads when a cmdlet first needs it; load it now, from where the runtime would (next to the cmdlet assembly).
`$moduleAssembly = (Get-Command -Module FacebookToken | Select-Object -First 1).ImplementingType.Assembly
`$core = [System.Reflection.Assembly]::LoadFrom([IO.Path]::Combine([IO.Path]::GetDirectoryName(`$moduleAssembly.Location), 'FacebookToken.dll'))
# StorageLoader is internal (users never need it); reach it the way the cmdlets do, through core's own type.
`$factory = `$core.GetType('FacebookToken.Cache.StorageLoader', `$true).GetMethod('GetFactory', [System.Reflection.BindingFlags]'Static,Public,NonPublic').Invoke(`$null, @())
`$lock = `$factory.AcquireLock($(ConvertTo-PSLiteral $lockPath), [TimeSpan]::FromSeconds(10))
`$lock.Dispose()

# Reach our MSAL the way MSAL Extensions does (through a type in its signatures), not by name from here.
`$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$factory.GetType().Assembly)
`$extensions = `$context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Identity.Client.Extensions.Msal'))
`$null = `$extensions.GetType('Microsoft.Identity.Client.Extensions.Msal.MsalCacheHelper', `$true).GetMethod('RegisterCache').GetParameters()[0].ParameterType

# The old one is still the one PowerShell binds by name, and still works.
'BOUND|' + [Microsoft.Identity.Client.PublicClientApplication].Assembly.GetName().Version
`$null = [Microsoft.Identity.Client.PublicClientApplicationBuilder]::Create('00000000-0000-0000-0000-000000000002').Build()
$ListIdentityAssemblies
'DONE'
"@

        $output | Should -Contain 'DONE'
        $msal = @($output | Where-Object { $_ -like 'ASM|Microsoft.Identity.Client|*' })
        $msal | Should -HaveCount 2
        $msal | Should -Contain "ASM|Microsoft.Identity.Client|$oldMsalVersion.0|Default"
        $msal | Should -Contain 'ASM|Microsoft.Identity.Client|4.92.0.0|FacebookToken.Storage'
        $output | Should -Contain 'ASM|Microsoft.Identity.Client.Extensions.Msal|4.92.0.0|FacebookToken.Storage'
        $output | Should -Contain "BOUND|$oldMsalVersion.0"
        Test-Path -LiteralPath $lockPath | Should -BeFalse -Because 'the lock file goes when the lock is released'
    }

    It 'ships its storage folder next to each build of the core assembly' {
        foreach ($framework in Get-ChildItem -LiteralPath (Join-Path $StagedModulePath 'bin') -Directory) {
            $storage = Join-Path $framework.FullName 'storage'
            foreach ($file in 'FacebookToken.Storage.dll', 'Microsoft.Identity.Client.dll', 'Microsoft.Identity.Client.Extensions.Msal.dll') {
                Join-Path $storage $file | Should -Exist -Because "bin/$($framework.Name) loads the cache storage from there"
            }
            Join-Path $storage 'FacebookToken.dll' | Should -Not -Exist -Because 'core must come from bin/, once'
        }
    }
}
