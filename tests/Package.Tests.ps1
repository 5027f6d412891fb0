# The nupkg from `build.ps1 -Task Package` installs with PSResourceGet from a local folder repository and
# then imports by name. Everything happens in fresh pwsh processes with temporary folders; nothing reaches
# PSGallery (the only repository named is a temporary folder) and the user's modules are never touched.
#
# Which package is tested: output/FacebookToken.<version>.nupkg when it holds exactly the staged module
# (Package ran after the last build), otherwise one packed from the staged module here with the same
# Publish-PSResource call the Package task makes, so `build.ps1 -Task Test` never rebuilds for it.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    function ConvertTo-PSLiteral {
        # A single-quoted PowerShell string literal holding Value, for command text given to a child pwsh.
        param([Parameter(Mandatory)][string]$Value)
        "'" + $Value.Replace("'", "''") + "'"
    }

    function Invoke-IsolatedPwsh {
        <#
        Runs Command in a fresh pwsh with the given environment variables set ($null removes one) and
        returns the object the child printed as a RESULT=<json> line.
        #>
        param(
            [Parameter(Mandatory)][string]$Command,
            [hashtable]$Environment = @{}
        )

        # The child starts in the scratch folder: nothing it writes relative to its cwd lands in the repository.
        Push-Location -LiteralPath $work
        try {
            $output = Invoke-ChildPwsh -Command ("`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'`n" + $Command) -Environment $Environment
        }
        finally {
            Pop-Location
        }
        $line = @($output | Where-Object { $_ -like 'RESULT=*' })[-1]
        if (-not $line) {
            throw "The child pwsh printed no RESULT line. Its output: $($output -join [Environment]::NewLine)"
        }
        $line.Substring('RESULT='.Length) | ConvertFrom-Json
    }

    function Get-PackageFiles {
        # The module files inside a nupkg (relative path -> SHA256), leaving out NuGet's own metadata.
        param([Parameter(Mandatory)][string]$Path)

        $files = @{}
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            foreach ($entry in $zip.Entries) {
                $name = [Uri]::UnescapeDataString($entry.FullName)
                if ($name.EndsWith('/') -or $name -in '[Content_Types].xml', 'FacebookToken.nuspec' -or $name -like '_rels/*' -or $name -like 'package/*') {
                    continue
                }
                $stream = $entry.Open()
                try {
                    $files[$name] = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($stream))
                }
                finally {
                    $stream.Dispose()
                }
            }
        }
        finally {
            $zip.Dispose()
        }
        $files
    }

    function Get-FolderFiles {
        # Every file under Path (relative path with '/' -> SHA256).
        param([Parameter(Mandatory)][string]$Path)

        $root = (Resolve-Path -LiteralPath $Path).Path
        $files = @{}
        foreach ($file in Get-ChildItem -LiteralPath $root -Recurse -File) {
            $relative = [IO.Path]::GetRelativePath($root, $file.FullName).Replace('\', '/')
            $files[$relative] = (Get-FileHash -LiteralPath $file.FullName -Algorithm SHA256).Hash
        }
        $files
    }

    function Test-SameFiles {
        param([hashtable]$Expected, [hashtable]$Actual)

        if ($Expected.Count -ne $Actual.Count) {
            return $false
        }
        foreach ($key in $Expected.Keys) {
            if ($Actual[$key] -ne $Expected[$key]) {
                return $false
            }
        }
        return $true
    }

    $script:manifestData = Read-ModuleManifestData
    $script:version = $manifestData.ModuleVersion
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-package-test-' + [guid]::NewGuid().ToString('N'))
    $script:repositoryPath = Join-Path $work 'repository'
    $script:savePath = Join-Path $work 'saved'
    # HOME (and the XDG folders under it) of the child processes on Linux and macOS: PSResourceGet keeps
    # its repository list under it and installs CurrentUser modules to .local/share/powershell/Modules
    # under HOME, and NuGet keeps its NuGet.Config under .config, so the real user's are never touched.
    # .config must exist: NuGet writes ./NuGet/NuGet.Config in the working directory when it does not.
    $script:homePath = Join-Path $work 'home'
    $script:dataHome = Join-Path $homePath '.local/share'
    $configHome = Join-Path $homePath '.config'
    $null = New-Item -ItemType Directory -Path $repositoryPath, $savePath, $dataHome, $configHome
    # Unique, so a concurrent run or a user's own repository is never replaced.
    $script:repositoryName = 'FbtPackageTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $script:isUnix = $IsLinux -or $IsMacOS
    $script:isolation = if ($isUnix) {
        @{ HOME = $homePath; XDG_DATA_HOME = $dataHome; XDG_CONFIG_HOME = $configHome; XDG_CACHE_HOME = Join-Path $homePath '.cache' }
    }
    else {
        @{}
    }

    $script:stagedFiles = Get-FolderFiles -Path $StagedModulePath
    $outputPackage = Join-Path $RepoRoot "output/FacebookToken.$version.nupkg"
    $script:packageSource = 'staged'
    if ((Test-Path -LiteralPath $outputPackage) -and (Test-SameFiles -Expected $stagedFiles -Actual (Get-PackageFiles -Path $outputPackage))) {
        Copy-Item -LiteralPath $outputPackage -Destination $repositoryPath
        $script:packageSource = 'output'
        Write-Host "Testing $outputPackage (it holds the staged module)."
    }
    else {
        Write-Host "output/FacebookToken.$version.nupkg is missing or older than the staged module; testing a package made from output/FacebookToken."
    }

    # One child: register the folder repository, pack when needed, Save-PSResource, and on Linux and macOS
    # also Install-PSResource -Scope CurrentUser; the repository is unregistered whatever happens.
    $repo = ConvertTo-PSLiteral $repositoryName
    $command = @"
`$result = @{}
try {
    Register-PSResourceRepository -Name $repo -Uri $(ConvertTo-PSLiteral $repositoryPath) -Trusted
    if ($(if ($packageSource -eq 'staged') { '$true' } else { '$false' })) {
        Publish-PSResource -Path $(ConvertTo-PSLiteral $StagedModulePath) -Repository $repo -SkipDependenciesCheck
    }
    `$found = @(Find-PSResource -Name FacebookToken -Repository $repo)
    `$result.Found = @(`$found | ForEach-Object { "`$(`$_.Name) `$(`$_.Version)" })
    `$saved = Save-PSResource -Name FacebookToken -Repository $repo -Path $(ConvertTo-PSLiteral $savePath) -TrustRepository -SkipDependencyCheck -PassThru
    `$result.Saved = "`$(`$saved.Name) `$(`$saved.Version)"
    if ($(if ($isUnix) { '$true' } else { '$false' })) {
        # Never into the real user's modules: only when HOME is the temporary one.
        if (`$HOME -ne $(ConvertTo-PSLiteral $homePath)) { throw "HOME is '`$HOME', not the test's own; not installing." }
        `$installed = Install-PSResource -Name FacebookToken -Repository $repo -Scope CurrentUser -TrustRepository -SkipDependencyCheck -PassThru
        `$result.Installed = "`$(`$installed.Name) `$(`$installed.Version)"
    }
}
finally {
    Unregister-PSResourceRepository -Name $repo -ErrorAction SilentlyContinue
}
`$result.Repositories = @(Get-PSResourceRepository | ForEach-Object Name)
'RESULT=' + (ConvertTo-Json -InputObject `$result -Compress)
"@
    $script:setup = Invoke-IsolatedPwsh -Command $command -Environment $isolation
    $script:packagePath = Join-Path $repositoryPath "FacebookToken.$version.nupkg"
}

AfterAll {
    if (-not $isUnix -and $repositoryName) {
        # On Windows the registration went to the user's own list; a child that died before its finally
        # may have left it there.
        try {
            $null = Invoke-ChildPwsh -Command "Unregister-PSResourceRepository -Name '$repositoryName' -ErrorAction SilentlyContinue"
        }
        catch {
            Write-Warning "Could not unregister the PSResourceGet repository '$repositoryName': $_"
        }
    }
    # On Linux and macOS the repository list lived under $work (HOME), so this removes it too.
    if ($work -and (Test-Path -LiteralPath $work)) {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'The FacebookToken nupkg' {
    It 'is named FacebookToken.{version}.nupkg' {
        $packagePath | Should -Exist
        @(Get-ChildItem -LiteralPath $repositoryPath -Filter '*.nupkg').Name | Should -Be "FacebookToken.$version.nupkg"
    }

    It 'holds exactly the staged module, byte for byte, at the package root' {
        $packed = Get-PackageFiles -Path $packagePath

        $packed.Keys | Should -Contain 'LICENSE'
        $packed['LICENSE'] | Should -Be (Get-FileHash -LiteralPath (Join-Path $RepoRoot 'LICENSE') -Algorithm SHA256).Hash

        $packed.Keys | Should -Contain 'FacebookToken.psd1'
        $packed.Keys | Should -Not -Contain 'FacebookToken.psm1'
        $packed.Keys | Should -Contain 'FacebookToken.Format.ps1xml'
        $packed.Keys | Should -Contain 'bin/net8.0/FacebookToken.Module.dll'
        $packed.Keys | Should -Contain 'bin/net472/FacebookToken.Module.dll'
        $packed.Keys | Where-Object { $_ -like 'bin/net8.0/storage/*' } | Should -Not -BeNullOrEmpty
        # PowerShell 7's loader and core's ReadyToRun image for the platform the package was built on.
        $packed.Keys | Should -Contain 'bin/net8.0/FacebookToken.Loader.dll'
        $packed.Keys | Where-Object { $_ -like 'bin/net8.0/r2r/*-net*/FacebookToken.dll' } | Should -Not -BeNullOrEmpty
        ($packed.Keys | Sort-Object) | Should -Be ($stagedFiles.Keys | Sort-Object)
        Test-SameFiles -Expected $stagedFiles -Actual $packed | Should -BeTrue
    }

    It 'carries the manifest''s id, version, authors, description, tags and links in its nuspec' {
        $manifest = $manifestData
        $zip = [System.IO.Compression.ZipFile]::OpenRead($packagePath)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('FacebookToken.nuspec').Open())
            try { [xml]$nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally {
            $zip.Dispose()
        }
        $metadata = $nuspec.package.metadata

        $metadata.id | Should -Be 'FacebookToken'
        $metadata.version | Should -Be $version
        $metadata.authors | Should -Be $manifest.Author
        $metadata.description | Should -Be $manifest.Description
        $metadata.projectUrl | Should -Be $manifest.PrivateData.PSData.ProjectUri
        $metadata.licenseUrl | Should -Be $manifest.PrivateData.PSData.LicenseUri
        $metadata.releaseNotes | Should -Be $manifest.PrivateData.PSData.ReleaseNotes
        $tags = $metadata.tags -split ' '
        $tags | Should -Contain 'PSModule'
        foreach ($tag in $manifest.PrivateData.PSData.Tags) {
            $tags | Should -Contain $tag
        }
    }
}

Describe 'The project''s links: one build property (FacebookTokenProjectUri) sets them all' {
    It 'writes the property into the staged manifest''s ProjectUri, LicenseUri and ReleaseNotes, and the source holds no other link' {
        $property = (& dotnet msbuild (Join-Path $RepoRoot 'src/FacebookToken/FacebookToken.csproj') -getProperty:FacebookTokenProjectUri -nologo).Trim().TrimEnd('/')
        $links = $manifestData.PrivateData.PSData
        $source = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'module/FacebookToken.psd1')

        $property | Should -Match '^https://'
        $links.ProjectUri | Should -Be $property
        $links.LicenseUri | Should -Be "$property/blob/main/LICENSE"
        $links.ReleaseNotes | Should -BeLike "*$property/blob/main/CHANGELOG.md"
        $source | Should -Match ([regex]::Escape("ProjectUri   = '`$(FacebookTokenProjectUri)'"))
        $source | Should -Not -Match 'https?://' -Because 'every link in the manifest comes from the build property'
    }

    It 'is the module''s licence: MIT, next to the manifest' {
        Join-Path $StagedModulePath 'LICENSE' | Should -Exist
        Get-Content -Raw -LiteralPath (Join-Path $StagedModulePath 'LICENSE') | Should -Match '^MIT License'
    }
}

Describe 'Installing the nupkg with PSResourceGet from a local folder repository' {
    It 'Find-PSResource and Save-PSResource find FacebookToken and its version in the folder repository' {
        @($setup.Found) | Should -Be "FacebookToken $version"
        $setup.Saved | Should -Be "FacebookToken $version"
        Join-Path $savePath "FacebookToken/$version/FacebookToken.psd1" | Should -Exist
        Join-Path $savePath "FacebookToken/$version/bin/net8.0/FacebookToken.Module.dll" | Should -Exist
    }

    It 'unregisters the temporary repository afterwards' {
        @($setup.Repositories) | Should -Not -Contain $repositoryName
    }

    It 'the saved module imports by name from PSModulePath, exports every cmdlet the manifest lists and works' {
        $saved = ConvertTo-PSLiteral $savePath
        $result = Invoke-IsolatedPwsh -Command @"
`$env:PSModulePath = $saved + [IO.Path]::PathSeparator + (Join-Path `$PSHOME 'Modules')
`$available = @(Get-Module -ListAvailable -Name FacebookToken)
Import-Module -Name FacebookToken
`$module = Get-Module -Name FacebookToken
`$request = Get-FacebookAuthUrl -AppId 1 -RedirectUri http://localhost:8765/callback/
'RESULT=' + (ConvertTo-Json -Compress -InputObject @{
    Available   = @(`$available | ForEach-Object ModuleBase)
    ModuleBase  = `$module.ModuleBase
    Version     = "`$(`$module.Version)"
    Commands    = @(Get-Command -Module FacebookToken | ForEach-Object Name | Sort-Object)
    CmdletTypes = @(Get-Command -Module FacebookToken | ForEach-Object { "`$(`$_.CommandType)" } | Sort-Object -Unique)
    Assembly    = [FacebookToken.FacebookAccessToken].Assembly.Location
    TypeName    = `$request.GetType().FullName
    Uri         = `$request.Uri
    RedirectUri = `$request.RedirectUri
    HasFormat   = `$null -ne (Get-FormatData -TypeName FacebookToken.FacebookAccessToken)
})
"@
        $moduleBase = Join-Path (Resolve-Path -LiteralPath $savePath).Path "FacebookToken/$version"
        $expectedCommands = $manifestData.CmdletsToExport | Sort-Object

        @($result.Available) | Should -Be $moduleBase
        $result.ModuleBase | Should -Be $moduleBase
        $result.Version | Should -Be $version
        $result.Commands | Should -HaveCount $manifestData.CmdletsToExport.Count
        $result.Commands | Should -Be $expectedCommands
        $result.CmdletTypes | Should -Be 'Cmdlet'
        $result.Assembly | Should -BeLike "$moduleBase*"
        $result.TypeName | Should -Be 'FacebookToken.FacebookAuthRequest'
        $result.RedirectUri | Should -Be 'http://localhost:8765/callback/'
        $result.Uri | Should -BeLike 'https://www.facebook.com/v25.0/dialog/oauth?client_id=1&*'
        $result.Uri | Should -BeLike '*redirect_uri=http%3A%2F%2Flocalhost%3A8765%2Fcallback%2F*'
        $result.HasFormat | Should -BeTrue
    }

    # README EXAMPLE TEST: the README's install example (<!-- EXAMPLE: install -->), run as written in a fresh pwsh
    # whose current folder holds ./output with the package this suite tests. Its first line, the Package task that
    # wrote that package, is the one line not run here (a Package run inside the test run would rebuild).
    It 'runs the README''s install example as written: register ./output, Install-PSResource, Import-Module' -Skip:$IsWindows {
        # Not on Windows: the example installs for the current user, whose module folder cannot be moved there.
        $readme = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'README.md')
        $block = [regex]::Match($readme, '(?s)<!-- EXAMPLE: install -->\r?\n```powershell\r?\n(?<code>.*?)\r?\n```')
        $block.Success | Should -BeTrue -Because 'README.md has the install example'
        $lines = @($block.Groups['code'].Value -split '\r?\n')
        $lines[0] | Should -Match '^dotnet pwsh \./build\.ps1 -Task Package\b'
        $example = ($lines | Select-Object -Skip 1) -join "`n"
        $example | Should -Match 'Install-PSResource FacebookToken'

        $readmeFolder = Join-Path $work 'readme-install'
        $readmeHome = Join-Path $readmeFolder 'home'
        $null = New-Item -ItemType Directory -Path (Join-Path $readmeFolder 'output'), (Join-Path $readmeHome '.config'), (Join-Path $readmeHome '.local/share') -Force
        Copy-Item -LiteralPath $packagePath -Destination (Join-Path $readmeFolder 'output')
        $environment = @{
            HOME = $readmeHome; XDG_DATA_HOME = Join-Path $readmeHome '.local/share'; XDG_CONFIG_HOME = Join-Path $readmeHome '.config'
            XDG_CACHE_HOME = Join-Path $readmeHome '.cache'; PSModulePath = $null
        }
        $output = Invoke-ChildPwsh -Environment $environment -Command @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
if (`$HOME -ne $(ConvertTo-PSLiteral $readmeHome)) { throw "HOME is '`$HOME', not the test's own; not installing." }
Set-Location -LiteralPath $(ConvertTo-PSLiteral $readmeFolder)
$example
`$module = Get-Module FacebookToken
'RESULT=' + (ConvertTo-Json -Compress -InputObject @{ ModuleBase = `$module.ModuleBase; Commands = @(Get-Command -Module FacebookToken).Count })
"@
        $result = @($output | Where-Object { $_ -like 'RESULT=*' })[-1].Substring('RESULT='.Length) | ConvertFrom-Json

        $result.ModuleBase | Should -Be (Join-Path $readmeHome ".local/share/powershell/Modules/FacebookToken/$version")
        $result.Commands | Should -Be $manifestData.CmdletsToExport.Count
    }

    It 'Install-PSResource -Scope CurrentUser puts it where a plain Import-Module FacebookToken finds it' -Skip:$IsWindows {
        # Not on Windows: there the CurrentUser module folder cannot be moved to a temporary one.
        $setup.Installed | Should -Be "FacebookToken $version"

        # No inherited PSModulePath: the child builds the default one, which holds the CurrentUser folder.
        $environment = $isolation + @{ PSModulePath = $null }
        $result = Invoke-IsolatedPwsh -Environment $environment -Command @"
Import-Module -Name FacebookToken
`$module = Get-Module -Name FacebookToken
`$request = Get-FacebookAuthUrl -AppId 1 -RedirectUri http://localhost:8765/callback/
'RESULT=' + (ConvertTo-Json -Compress -InputObject @{
    ModuleBase  = `$module.ModuleBase
    Commands    = @(Get-Command -Module FacebookToken).Count
    RedirectUri = `$request.RedirectUri
})
"@

        $result.ModuleBase | Should -Be (Join-Path $homePath ".local/share/powershell/Modules/FacebookToken/$version")
        $result.Commands | Should -Be $manifestData.CmdletsToExport.Count
        $result.RedirectUri | Should -Be 'http://localhost:8765/callback/'
    }
}
