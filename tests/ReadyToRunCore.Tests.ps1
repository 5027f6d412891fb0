# Core's ReadyToRun image on PowerShell 7 (issue 24): the build compiles core ahead of time for the platform at hand
# (bin/net8.0/r2r/<os>-<arch>-net<major>/FacebookToken.dll) and FacebookToken.Loader, a nested module, makes the
# runtime take it instead of the IL core; with no image for the process, core loads as IL. Each case runs in a fresh
# pwsh, since which core a process has is settled by its first import.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    $script:platform = [FacebookToken.Loader.ReadyToRunCoreResolver]::PlatformFolder
    $script:imagePath = Join-Path $StagedModulePath "bin/net8.0/r2r/$platform/FacebookToken.dll"
    $script:ilCorePath = Join-Path $StagedModulePath 'bin/net8.0/FacebookToken.dll'

    function Get-NativeHeaderSize([string]$Path) {
        # A ReadyToRun image carries a ManagedNativeHeader in its CLI header; an IL-only assembly has none.
        $stream = [IO.File]::OpenRead($Path)
        try {
            $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size
        }
        finally {
            $stream.Dispose()
        }
    }

    function Copy-StagedModule([string]$Name) {
        # A copy of the staged module (net8.0 only) under a temp folder named FacebookToken, returning its manifest.
        $root = Join-Path ([IO.Path]::GetTempPath()) ("fbt-r2r-$Name-" + [guid]::NewGuid().ToString('N'))
        $target = Join-Path $root 'FacebookToken'
        Copy-Item -LiteralPath $StagedModulePath -Destination $target -Recurse
        Remove-Item -LiteralPath (Join-Path $target 'bin/net472') -Recurse -Force
        Join-Path $target 'FacebookToken.psd1'
    }

    # In a fresh pwsh: which file core came from, how many methods the JIT compiled on this thread for a first cmdlet
    # call (this thread only: tiering and start-up profile threads compile at their own pace), and the storage folder
    # the token cache would load MSAL from.
    function Invoke-FreshImport([string]$Manifest) {
        $quoted = $Manifest.Replace("'", "''")
        $lines = Invoke-ChildPwsh -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module '$quoted'
`$before = [System.Runtime.JitInfo]::GetCompiledMethodCount(`$true)
`$null = Get-FacebookAuthUrl -AppId 1234567890 -RedirectUri 'http://localhost:8400/callback' -State fixed-state
'JIT=' + ([System.Runtime.JitInfo]::GetCompiledMethodCount(`$true) - `$before)
'CORE=' + [FacebookToken.FacebookAccessToken].Assembly.Location
'STORAGE=' + [FacebookToken.FacebookAccessToken].Assembly.GetType('FacebookToken.Cache.StorageLoader').GetMethod('GetStorageDirectory').Invoke(`$null, @())
"@
        $result = @{}
        foreach ($line in $lines) {
            if ($line -match '^(JIT|CORE|STORAGE)=(.*)$') { $result[$Matches[1]] = $Matches[2] }
        }
        $result
    }
}

Describe 'Core on PowerShell 7: its ReadyToRun image when the module has one for this platform' {
    It 'the build made an image for this platform, and it is ReadyToRun code for it while bin/net8.0 stays IL' {
        $platform | Should -Match '^(win|linux|osx)-[a-z0-9]+-net\d+$'
        $imagePath | Should -Exist
        Get-NativeHeaderSize $imagePath | Should -BeGreaterThan 0
        Get-NativeHeaderSize $ilCorePath | Should -Be 0
        # The same assembly: a different identity would not bind for the cmdlet assembly.
        [Reflection.AssemblyName]::GetAssemblyName($imagePath).FullName | Should -Be ([Reflection.AssemblyName]::GetAssemblyName($ilCorePath).FullName)
    }

    It 'loads core from the image, compiles fewer methods than with the IL core, and finds the storage folder beside the IL core' {
        $staged = Invoke-FreshImport $ModuleManifestPath
        $ilOnly = Copy-StagedModule 'il'
        $ilFolder = Split-Path -Parent $ilOnly
        try {
            Remove-Item -LiteralPath (Join-Path $ilFolder 'bin/net8.0/r2r') -Recurse -Force
            $il = Invoke-FreshImport $ilOnly
        }
        finally {
            Remove-Item -LiteralPath (Split-Path -Parent (Split-Path -Parent $ilOnly)) -Recurse -Force
        }

        $staged.CORE | Should -Be $imagePath
        $staged.STORAGE | Should -Be (Join-Path $StagedModulePath 'bin/net8.0/storage')
        $il.CORE | Should -Be (Join-Path $ilFolder 'bin/net8.0/FacebookToken.dll')
        $il.STORAGE | Should -Be (Join-Path $ilFolder 'bin/net8.0/storage')
        # Method counts, not times: the image's code is used, so the first call compiles less.
        [int]$staged.JIT | Should -BeLessThan ([int]$il.JIT)
    }

    It 'never takes an image from another platform''s folder: core loads as IL and works' {
        $manifest = Copy-StagedModule 'other'
        try {
            $r2r = Join-Path (Split-Path -Parent $manifest) 'bin/net8.0/r2r'
            $other = if ($platform -like 'win-*') { 'linux-x64-net' } else { 'win-x64-net' }
            Rename-Item -LiteralPath (Join-Path $r2r $platform) -NewName ($other + [Environment]::Version.Major)
            $result = Invoke-FreshImport $manifest

            $result.CORE | Should -Be (Join-Path (Split-Path -Parent $manifest) 'bin/net8.0/FacebookToken.dll')
            $result.JIT | Should -Match '^\d+$'
        }
        finally {
            Remove-Item -LiteralPath (Split-Path -Parent (Split-Path -Parent $manifest)) -Recurse -Force
        }
    }

    It 'imports again with -Force in the same session, keeping the core it has' {
        $quoted = $ModuleManifestPath.Replace("'", "''")
        $lines = Invoke-ChildPwsh -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module '$quoted'
Import-Module '$quoted' -Force
'CORE=' + [FacebookToken.FacebookAccessToken].Assembly.Location
'COUNT=' + @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'FacebookToken' }).Count
(Get-FacebookAuthUrl -AppId 1234567890 -RedirectUri 'http://localhost:8400/callback' -State fixed-state).GetType().Name
"@
        $lines | Should -Contain "CORE=$imagePath"
        $lines | Should -Contain 'COUNT=1'
    }
}
