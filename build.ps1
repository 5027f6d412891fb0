#Requires -Version 7.2
<#
.SYNOPSIS
Builds, tests and stages the FacebookToken module.

.DESCRIPTION
Needs only the .NET SDK: dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test

Build   compiles the solution with the version from module/FacebookToken.psd1 and stages an importable
        module at output/FacebookToken/ and the Facebook emulator at output/FacebookEmulator/.
Test    Build, then the real-parts prerequisites when it can (npm ci in tests/browser and tests/metasdk; as root on Debian,
        apt-get install chromium) with a loud banner for any suite that must be skipped,
        then the xunit suite, its keyring test (Category=Keyring; on Linux inside dbus-run-session with an
        unlocked gnome-keyring) and the Pester suite (in a fresh pwsh), then the Pester files in
        $DesktopPesterFiles again against the Desktop build (bin/net472 imported into PowerShell 7),
        then one summary line:
        "N passed, N failed" (", N skipped" when any were skipped). Exits 1 on any failure.
        Under CI=true a skipped test counts as failed unless tests/skip-allowlist.txt lists it with its reason.
Demo    Build, then build/Demo.ps1 in a fresh pwsh.
Bench   Build, then benchmarks/Invoke-Benchmarks.ps1 when it exists.
Package Build, then output/FacebookToken.<version>.nupkg via PSResourceGet (Publish-PSResource to a temporary local repository)
        and output/FacebookToken.Emulator.<version>.nupkg, the emulator as a .NET tool (dotnet pack of the build the
        suites run from output/FacebookEmulator): dotnet tool install --tool-path <dir> --add-source output FacebookToken.Emulator
Clean   removes output/ and the bin/obj folders.

.EXAMPLE
dotnet pwsh ./build.ps1 -Task Test -PesterPath tests/Module.Tests.ps1 -XunitFilter 'FullyQualifiedName~Cache'
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string]$Task = 'Build',

    [string]$Configuration = 'Release',

    # Test: Pester files or folders to run instead of tests/ (the Desktop-build pass runs those in $DesktopPesterFiles).
    [string[]]$PesterPath,

    # Test: passed to dotnet test --filter.
    [string]$XunitFilter
)

$ErrorActionPreference = 'Stop'
# Native exit codes are checked where they matter; a failing test run must not throw before its counts are read.
$PSNativeCommandUseErrorActionPreference = $false

$RepoRoot = $PSScriptRoot
$OutputRoot = Join-Path $RepoRoot 'output'
$StagedModule = Join-Path $OutputRoot 'FacebookToken'
$StagedEmulator = Join-Path $OutputRoot 'FacebookEmulator'
$TestResults = Join-Path $OutputRoot 'TestResults'
# Test: Pester files run a second time against the Desktop build (FACEBOOK_TOKEN_TEST_BUILD=Desktop).
$DesktopPesterFiles = @(
    'tests/ExchangeFlow.Tests.ps1', 'tests/TokenCache.Tests.ps1', 'tests/CacheSecurity.Tests.ps1', 'tests/GraphRequest.Tests.ps1',
    'tests/SystemUserTokens.Tests.ps1', 'tests/TestFacebookToken.Tests.ps1', 'tests/WhatsAppAccount.Tests.ps1',
    'tests/AppSecretProof.Tests.ps1', 'tests/BusinessTokens.Tests.ps1', 'tests/EmulatorTool.Tests.ps1', 'tests/Vault.Tests.ps1'
)

function Invoke-Process {
    # Runs a program on this console (so colours and Ctrl+C behave) and returns its exit code.
    # ProcessStartInfo.ArgumentList quotes each argument, so paths with spaces survive.
    param(
        [Parameter(Mandatory)][string]$FilePath,
        [string[]]$ArgumentList = @()
    )

    Write-Verbose "$FilePath $ArgumentList"
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    $startInfo.UseShellExecute = $false
    $startInfo.WorkingDirectory = $RepoRoot
    foreach ($argument in $ArgumentList) {
        $startInfo.ArgumentList.Add($argument)
    }
    $process = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $process.WaitForExit()
        return $process.ExitCode
    }
    finally {
        $process.Dispose()
    }
}

function Invoke-Dotnet {
    # Runs dotnet and stops the build when it fails.
    param([Parameter(Mandatory)][string[]]$ArgumentList)

    $exitCode = Invoke-Process -FilePath dotnet -ArgumentList $ArgumentList
    if ($exitCode -ne 0) {
        throw "dotnet $($ArgumentList[0]) failed with exit code $exitCode."
    }
}

function Invoke-ChildPwsh {
    # Runs a script in a fresh pwsh (no profile, cwd = repo root) and returns its exit code.
    # Under `dotnet pwsh` this process is dotnet itself, so the child gets pwsh.dll as first argument.
    param(
        [Parameter(Mandatory)][string]$File,
        [hashtable]$Parameters = @{}
    )

    $processPath = [Environment]::ProcessPath
    $argumentList = [System.Collections.Generic.List[string]]::new()
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        $argumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    $argumentList.AddRange([string[]]('-NoProfile', '-NonInteractive', '-File', $File))
    foreach ($name in $Parameters.Keys) {
        # -File passes each argument as one string: an array goes as a comma-separated list the script splits.
        $argumentList.Add("-$name")
        $argumentList.Add((@($Parameters[$name]) | ForEach-Object { [string]$_ }) -join ',')
    }
    Invoke-Process -FilePath $processPath -ArgumentList $argumentList
}

function Get-ModuleVersion {
    (& (Join-Path $RepoRoot 'build/Read-ModuleManifest.ps1') -Path (Join-Path $RepoRoot 'module/FacebookToken.psd1')).ModuleVersion
}

function New-ReadyToRunCore {
    <#
    Compiles bin/net8.0/FacebookToken.dll (core) ahead of time with crossgen2 into
    bin/net8.0/r2r/<os>-<arch>-net<major>/FacebookToken.dll, for the OS, architecture and .NET major version this
    build runs on: a ReadyToRun image loads only on its OS and is used only by its runtime major version, so an image
    is made for the PowerShell at hand (the staged module then runs its first calls without compiling core's
    methods, as the Bench measures). FacebookToken.Loader picks the folder at import; with none that fits, core
    loads as IL from bin/net8.0. Without crossgen2 (offline) the build goes on, IL only, and says so.
    #>
    param([Parameter(Mandatory)][string]$BinDirectory)

    $crossgen = & (Join-Path $RepoRoot 'build/Get-Crossgen2.ps1') -CacheRoot (Join-Path $RepoRoot 'output/crossgen2')
    if ($crossgen.Error) {
        Write-Warning "No ReadyToRun image of core ($($crossgen.Error)); the staged module runs core as IL."
        return
    }
    $folder = Join-Path $BinDirectory "r2r/$($crossgen.Rid)-net$($crossgen.RuntimeMajor)"
    $null = New-Item -ItemType Directory -Path $folder -Force
    $arguments = @(
        (Join-Path $BinDirectory 'FacebookToken.dll'), '-o', (Join-Path $folder 'FacebookToken.dll'), '-O'
        '--targetos', $crossgen.Os, '--targetarch', $crossgen.Arch, '-r', (Join-Path $crossgen.FrameworkDirectory '*.dll')
    )
    $output = & $crossgen.Path @arguments 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "crossgen2 failed on FacebookToken.dll (exit $LASTEXITCODE): $($output -join "`n")"
    }
}

function Get-ProjectUri {
    # FacebookTokenProjectUri as MSBuild sees it (Directory.Build.props, or the environment variable of that name): the
    # one source of the project's links in the staged manifest and in the tool package dotnet pack writes.
    $value = & dotnet msbuild (Join-Path $RepoRoot 'src/FacebookToken/FacebookToken.csproj') -getProperty:FacebookTokenProjectUri -nologo
    $uri = $null
    if ($LASTEXITCODE -ne 0 -or -not [Uri]::TryCreate("$value".Trim(), [UriKind]::Absolute, [ref]$uri) -or $uri.Scheme -ne 'https') {
        throw "FacebookTokenProjectUri must be an absolute https URI (Directory.Build.props or the environment variable); MSBuild gave '$value'."
    }
    $uri.AbsoluteUri.TrimEnd('/')
}

function Invoke-BuildTask {
    $version = Get-ModuleVersion
    Write-Host "Building FacebookToken $version ($Configuration)" -ForegroundColor Cyan

    Invoke-Dotnet @('build', (Join-Path $RepoRoot 'FacebookTokenModule.sln'), '-c', $Configuration, "-p:Version=$version", '--nologo', '-v:q')

    if (Test-Path -LiteralPath $StagedModule) {
        Remove-Item -LiteralPath $StagedModule -Recurse -Force
    }
    $null = New-Item -ItemType Directory -Path $StagedModule -Force
    Copy-Item -LiteralPath (Join-Path $RepoRoot 'module/FacebookToken.Format.ps1xml') -Destination $StagedModule
    # The licence ships in the module (and so in its package); the manifest's links come from one build property.
    Copy-Item -LiteralPath (Join-Path $RepoRoot 'LICENSE') -Destination $StagedModule
    $projectUri = Get-ProjectUri
    $manifestText = [IO.File]::ReadAllText((Join-Path $RepoRoot 'module/FacebookToken.psd1'))
    [IO.File]::WriteAllText((Join-Path $StagedModule 'FacebookToken.psd1'), $manifestText.Replace('$(FacebookTokenProjectUri)', $projectUri), [Text.UTF8Encoding]::new($false))

    # bin/<tfm>: our own assemblies only (System.Management.Automation comes from the host, never from us).
    # bin/<tfm>/storage: FacebookToken.Storage + MSAL, loaded in isolation on first cache use.
    foreach ($framework in 'net472', 'net8.0') {
        $binDir = Join-Path $StagedModule "bin/$framework"
        $null = New-Item -ItemType Directory -Path $binDir -Force
        $moduleBuild = Join-Path $RepoRoot "src/FacebookToken.Module/bin/$Configuration/$framework"
        foreach ($name in 'FacebookToken', 'FacebookToken.Module') {
            Copy-Item -LiteralPath (Join-Path $moduleBuild "$name.dll") -Destination $binDir
            $pdb = Join-Path $moduleBuild "$name.pdb"
            if (Test-Path -LiteralPath $pdb) {
                Copy-Item -LiteralPath $pdb -Destination $binDir
            }
        }
        if ($framework -eq 'net8.0') {
            # PowerShell 7's nested module that takes core from its ReadyToRun image (below) when one fits the process.
            Copy-Item -LiteralPath (Join-Path $RepoRoot "src/FacebookToken.Loader/bin/$Configuration/net8.0/FacebookToken.Loader.dll") -Destination $binDir
            New-ReadyToRunCore -BinDirectory $binDir
        }
        $storageBuild = Join-Path $RepoRoot "src/FacebookToken.Storage/bin/$Configuration/$framework"
        $storageDir = Join-Path $binDir 'storage'
        $null = New-Item -ItemType Directory -Path $storageDir -Force
        Copy-Item -Path (Join-Path $storageBuild '*') -Destination $storageDir -Recurse
        if (Test-Path -LiteralPath (Join-Path $storageDir 'FacebookToken.dll')) {
            throw "$storageBuild holds FacebookToken.dll; core must be loaded once, from bin/$framework."
        }
    }

    # Hook for the docs: turns docs/en-US/*.md into MAML help once build/ConvertTo-MamlHelp.ps1 exists. It imports
    # the staged module to read each cmdlet's syntax and parameters, so it runs in a child pwsh: this session
    # never loads the module (and a later Build can replace its dlls).
    $docs = Join-Path $RepoRoot 'docs/en-US'
    $mamlScript = Join-Path $RepoRoot 'build/ConvertTo-MamlHelp.ps1'
    if ((Test-Path -LiteralPath $docs) -and (Test-Path -LiteralPath $mamlScript)) {
        $exitCode = Invoke-ChildPwsh -File $mamlScript -Parameters @{
            SourcePath = $docs; DestinationPath = (Join-Path $StagedModule 'en-US'); ModulePath = (Join-Path $StagedModule 'FacebookToken.psd1')
        }
        if ($exitCode -ne 0) {
            throw "build/ConvertTo-MamlHelp.ps1 failed with exit code $exitCode; its message is above."
        }
    }

    # The Pester suites start the emulator from here; publish (not bin/) so content files come along.
    if (Test-Path -LiteralPath $StagedEmulator) {
        Remove-Item -LiteralPath $StagedEmulator -Recurse -Force
    }
    Invoke-Dotnet @(
        'publish', (Join-Path $RepoRoot 'tests/FacebookEmulator/FacebookEmulator.csproj')
        '-c', $Configuration, '--no-build', "-p:Version=$version", '-o', $StagedEmulator, '--nologo', '-v:q'
    )

    Write-Host "Staged module: $(Join-Path $StagedModule 'FacebookToken.psd1')" -ForegroundColor Green
}

function New-SuiteResult {
    # One test runner's counts; Crashed when the runner broke or ran nothing.
    param([Parameter(Mandatory)][string]$Suite)

    [pscustomobject]@{
        Suite        = $Suite
        Passed       = 0
        Failed       = 0
        Skipped      = 0
        SkippedTests = [System.Collections.Generic.List[string]]::new()
        Crashed      = $false
        Note         = ''
    }
}

function Get-KeyringSessionMissing {
    # What running the keyring tests inside their own D-Bus session with an unlocked gnome-keyring needs; empty when ready.
    @(foreach ($tool in 'dbus-run-session', 'gnome-keyring-daemon', 'bash') {
            if (-not (Get-Command -Name $tool -CommandType Application -ErrorAction Ignore)) { $tool }
        })
}

function Invoke-XunitTests {
    <#
    Runs the xunit suite and returns its counts read from the TRX (Crashed when there is no TRX, or no test ran unless
    -AllowEmpty). -Keyring runs only the tests in Category=Keyring, on Linux inside dbus-run-session with a fresh
    gnome-keyring unlocked in a throw-away XDG folder, as tests/Keyring.Tests.ps1 does; without -Keyring those are left out.
    #>
    param(
        [switch]$Keyring
    )

    $name = if ($Keyring) { 'xunit-keyring' } else { 'xunit' }
    $trx = Join-Path $TestResults "$name.trx"
    if (Test-Path -LiteralPath $trx) {
        Remove-Item -LiteralPath $trx -Force
    }
    $category = if ($Keyring) { 'Category=Keyring' } else { 'Category!=Keyring' }
    $filter = if ($XunitFilter) { "($XunitFilter)&$category" } else { $category }
    $arguments = @(
        'test', (Join-Path $RepoRoot 'tests/FacebookToken.Tests/FacebookToken.Tests.csproj')
        '-c', $Configuration, '--no-build', '--nologo'
        '--logger', "trx;LogFileName=$name.trx"
        '--logger', 'console;verbosity=normal'
        '--results-directory', $TestResults
        '--filter', $filter
    )
    $result = New-SuiteResult -Suite $name
    $keyringHome = $null
    if ($Keyring -and $IsLinux -and -not (Get-KeyringSessionMissing)) {
        # bash unlocks a new login keyring (password "pw") in the session, then becomes dotnet test.
        $keyringHome = Join-Path ([IO.Path]::GetTempPath()) ('fbt-xunit-keyring-' + [guid]::NewGuid().ToString('N'))
        $session = @(
            'set -e'
            'export XDG_DATA_HOME="$FBT_KEYRING_HOME/data" XDG_CONFIG_HOME="$FBT_KEYRING_HOME/config"'
            'mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"'
            'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
            'exec "$@"'
        ) -join "`n"
        $filePath = 'dbus-run-session'
        $arguments = @('--', 'bash', '-c', $session, 'bash', 'dotnet') + $arguments
        Write-Host "`n${name}: dbus-run-session -- bash (gnome-keyring unlocked) -- dotnet $($arguments[6..($arguments.Count - 1)])" -ForegroundColor Cyan
    }
    else {
        $filePath = 'dotnet'
        if ($Keyring -and $IsLinux) {
            $result.Note = "not in a keyring session, missing: $(Get-KeyringSessionMissing)"
            Write-Host "`n${name}: no keyring session (missing: $(Get-KeyringSessionMissing)); its tests will skip, or fail under CI=true." -ForegroundColor Yellow
        }
        Write-Host "`n${name}: dotnet $arguments" -ForegroundColor Cyan
    }
    $savedKeyringHome = $env:FBT_KEYRING_HOME
    $env:FBT_KEYRING_HOME = $keyringHome
    try {
        $exitCode = Invoke-Process -FilePath $filePath -ArgumentList $arguments
    }
    finally {
        $env:FBT_KEYRING_HOME = $savedKeyringHome
        if ($keyringHome) {
            Remove-Item -LiteralPath $keyringHome -Recurse -Force -ErrorAction Ignore
        }
    }

    if (-not (Test-Path -LiteralPath $trx)) {
        # dotnet test writes no TRX when the filter matched nothing: fine for a -XunitFilter run that leaves the keyring out.
        if ($Keyring -and $XunitFilter -and $exitCode -eq 0) {
            return $result
        }
        $result.Crashed = $true
        $result.Note = "no result file (exit code $exitCode)"
        return $result
    }
    # Count the results themselves: the summary counters leave skipped tests out of notExecuted.
    $ns = @{ t = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010' }
    foreach ($node in (Select-Xml -LiteralPath $trx -XPath '/t:TestRun/t:Results/t:UnitTestResult' -Namespace $ns).Node) {
        switch ($node.outcome) {
            'Passed' { $result.Passed++ }
            { $_ -in 'NotExecuted', 'Inconclusive', 'NotRunnable' } { $result.Skipped++; $result.SkippedTests.Add($node.testName) }
            default { $result.Failed++ }
        }
    }
    # The keyring run may skip its only test (macOS); the skip rule below judges that, not this.
    $ran = if ($Keyring) { $result.Passed + $result.Failed + $result.Skipped } else { $result.Passed + $result.Failed }
    if ($ran -eq 0 -and -not ($Keyring -and $XunitFilter)) {
        $result.Crashed = $true
        $result.Note = 'no test ran'
    }
    elseif ($exitCode -ne 0 -and $result.Failed -eq 0) {
        $result.Crashed = $true
        $result.Note = "dotnet test exit code $exitCode with no failed test"
    }
    return $result
}

function Get-PesterManifest {
    # Pester comes from NuGet (no PSGallery needed): build/tools.proj downloads the version pinned in
    # Directory.Packages.props into the global packages folder.
    $props = [xml](Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'Directory.Packages.props'))
    $version = ($props.Project.ItemGroup.PackageVersion | Where-Object Include -EQ 'Pester').Version
    if (-not $version) {
        throw 'Directory.Packages.props has no PackageVersion for Pester.'
    }
    $toolsProj = Join-Path $RepoRoot 'build/tools.proj'
    Invoke-Dotnet @('restore', $toolsProj, "-p:PesterVersion=$version", '--nologo', '-v:q')

    # The restore records the packages folder it used (NUGET_PACKAGES, nuget.config or the default).
    $assets = Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'build/obj/project.assets.json') | ConvertFrom-Json
    $packagesFolder = @($assets.packageFolders.PSObject.Properties.Name)[0]
    $manifest = Join-Path $packagesFolder "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "Pester $version was restored but $manifest does not exist."
    }
    return $manifest
}

function Get-PesterPaths {
    # The Pester files or folders of this run: -PesterPath, else tests/.
    if ($PesterPath) {
        # `dotnet pwsh ./build.ps1 -PesterPath a,b` passes one string: split it as Invoke-PesterRun.ps1 does.
        return @($PesterPath | ForEach-Object { $_ -split ',' } | Where-Object { $_ } | ForEach-Object { (Resolve-Path -LiteralPath $_).Path })
    }
    return @(Join-Path $RepoRoot 'tests')
}

function Get-DesktopPesterPaths {
    # The files of $DesktopPesterFiles that this run selects (all of them without -PesterPath).
    $selected = Get-PesterPaths
    foreach ($relative in $DesktopPesterFiles) {
        $file = Join-Path $RepoRoot $relative
        $chosen = $selected | Where-Object {
            $file -eq $_ -or $file.StartsWith($_.TrimEnd('/', '\') + [IO.Path]::DirectorySeparatorChar, [StringComparison]::Ordinal)
        }
        if ($chosen) {
            $file
        }
    }
}

function Invoke-PesterTests {
    # One Pester run in a fresh pwsh; -Build Desktop sets FACEBOOK_TOKEN_TEST_BUILD for it (see tests/common.ps1).
    param(
        [Parameter(Mandatory)][string]$Suite,
        [Parameter(Mandatory)][string[]]$TestPath,
        [ValidateSet('Core', 'Desktop')][string]$Build = 'Core'
    )

    $name = ($Suite.ToLowerInvariant() -replace '[^a-z0-9]+', '-').Trim('-')
    $summary = Join-Path $TestResults "$name-summary.json"
    if (Test-Path -LiteralPath $summary) {
        Remove-Item -LiteralPath $summary -Force
    }
    $result = New-SuiteResult -Suite $Suite
    $parameters = @{
        PesterManifest = Get-PesterManifest
        TestPath       = $TestPath
        ResultPath     = Join-Path $TestResults "$name.xml"
        SummaryPath    = $summary
    }
    Write-Host "`n${Suite}: $($parameters.TestPath -join ', ')" -ForegroundColor Cyan
    # A fresh process, so the staged module is imported by a clean session and not by this build's.
    $savedBuild = $env:FACEBOOK_TOKEN_TEST_BUILD
    $env:FACEBOOK_TOKEN_TEST_BUILD = $Build
    try {
        $exitCode = Invoke-ChildPwsh -File (Join-Path $RepoRoot 'build/Invoke-PesterRun.ps1') -Parameters $parameters
    }
    finally {
        $env:FACEBOOK_TOKEN_TEST_BUILD = $savedBuild
    }

    if (-not (Test-Path -LiteralPath $summary)) {
        $result.Crashed = $true
        $result.Note = "no summary (pwsh exit code $exitCode)"
        return $result
    }
    $counts = Get-Content -Raw -LiteralPath $summary | ConvertFrom-Json
    $result.Passed = [int]$counts.Passed
    $result.Failed = [int]$counts.Failed
    $result.Skipped = [int]$counts.Skipped
    foreach ($name in @($counts.SkippedTests)) {
        if ($name) {
            $result.SkippedTests.Add([string]$name)
        }
    }
    if ($counts.Crashed) {
        $result.Crashed = $true
        $result.Note = $counts.Note
    }
    elseif ($result.Passed + $result.Failed -eq 0) {
        $result.Crashed = $true
        $result.Note = 'no test ran'
    }
    return $result
}

function Get-BrowserSuiteMissing {
    # What the real-browser Pester suite (tests/BrowserLogin.Tests.ps1) still lacks; empty when it can run.
    # Keep in step with that file's BeforeDiscovery check.
    $missing = [System.Collections.Generic.List[string]]::new()
    if (-not ($IsLinux -or $IsMacOS)) {
        $missing.Add('a Unix shell: tests/browser/launch-browser.sh is a bash script (Linux or macOS only)')
        return $missing
    }
    $chromium = if ($env:FBT_CHROMIUM) { $env:FBT_CHROMIUM } else { '/usr/bin/chromium' }
    if (-not (Test-Path -LiteralPath $chromium -PathType Leaf)) {
        $missing.Add("chromium at '$chromium' (apt-get install chromium, or set FBT_CHROMIUM)")
    }
    if (-not (Get-Command -Name node -CommandType Application -ErrorAction Ignore)) {
        $missing.Add('node on PATH (Node.js 20 or later)')
    }
    if (-not (Test-Path -LiteralPath (Join-Path $RepoRoot 'tests/browser/node_modules/playwright-core/package.json'))) {
        $missing.Add('playwright-core in tests/browser/node_modules (npm ci --prefix tests/browser)')
    }
    return $missing
}

function Get-MetaSdkSuiteMissing {
    # What the Meta Business SDK Pester suite (tests/MetaBusinessSdk.Tests.ps1) still lacks; empty when it can run.
    # Keep in step with that file's BeforeDiscovery check.
    $missing = [System.Collections.Generic.List[string]]::new()
    if (-not (Get-Command -Name node -CommandType Application -ErrorAction Ignore)) {
        $missing.Add('node on PATH (Node.js 20 or later)')
    }
    foreach ($package in 'facebook-nodejs-business-sdk', 'whatsapp') {
        if (-not (Test-Path -LiteralPath (Join-Path $RepoRoot "tests/metasdk/node_modules/$package/package.json"))) {
            $missing.Add("$package in tests/metasdk/node_modules (npm ci --prefix tests/metasdk)")
        }
    }
    return $missing
}

function Install-TestPrerequisites {
    # Installs what the real-parts Pester suites need when it can (npm packages; as root on Debian, apt
    # packages), and says loudly which suites will be skipped, or under CI=true fail, for want of the rest.
    # Never stops the build: the suites themselves skip or fail.
    if ($IsLinux -or $IsMacOS) {
        $browserDir = Join-Path $RepoRoot 'tests/browser'
        $npm = Get-Command -Name npm -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        if (-not (Test-Path -LiteralPath (Join-Path $browserDir 'node_modules/playwright-core/package.json')) -and $npm) {
            Write-Host "`nInstalling the browser driver: npm ci --prefix tests/browser" -ForegroundColor Cyan
            $exitCode = Invoke-Process -FilePath $npm.Source -ArgumentList @('ci', '--prefix', $browserDir, '--no-audit', '--no-fund')
            if ($exitCode -ne 0) {
                Write-Host "npm ci failed with exit code $exitCode." -ForegroundColor Yellow
            }
        }
    }

    # Meta's Business SDK for Node and WhatsApp Node SDK (tests/MetaBusinessSdk.Tests.ps1), pinned in
    # tests/metasdk/package-lock.json.
    $sdkDir = Join-Path $RepoRoot 'tests/metasdk'
    $npm = Get-Command -Name npm -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (@(Get-MetaSdkSuiteMissing | Where-Object { $_ -like '*tests/metasdk/node_modules*' }).Count -gt 0 -and $npm) {
        Write-Host "`nInstalling Meta's SDKs for Node: npm ci --prefix tests/metasdk" -ForegroundColor Cyan
        $exitCode = Invoke-Process -FilePath $npm.Source -ArgumentList @('ci', '--prefix', $sdkDir, '--no-audit', '--no-fund')
        if ($exitCode -ne 0) {
            Write-Host "npm ci failed with exit code $exitCode." -ForegroundColor Yellow
        }
    }

    if ($IsLinux -or $IsMacOS) {
        $aptGet = Get-Command -Name apt-get -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        $isRoot = $IsLinux -and "$(& id -u 2>$null)".Trim() -eq '0'
        $isDebian = Test-Path -LiteralPath '/etc/debian_version'
        # Debian packages for the real-parts suites: chromium (browser), curl (stand-in browser),
        # gnome-keyring + libsecret + dbus-x11 + secret-tool (keyring suite).
        $wanted = @()
        if (-not $env:FBT_CHROMIUM -and -not (Test-Path -LiteralPath '/usr/bin/chromium')) { $wanted += 'chromium' }
        foreach ($pair in @(
                @('curl', '/usr/bin/curl'),
                @('gnome-keyring', '/usr/bin/gnome-keyring-daemon'),
                @('dbus-x11', '/usr/bin/dbus-launch'),
                @('libsecret-tools', '/usr/bin/secret-tool'),
                @('libsecret-1-0', '/usr/lib/x86_64-linux-gnu/libsecret-1.so.0'))) {
            if (-not (Test-Path -LiteralPath $pair[1])) { $wanted += $pair[0] }
        }
        if ($wanted.Count -gt 0 -and $aptGet -and $isRoot -and $isDebian) {
            Write-Host "`nInstalling for the real-parts suites: apt-get install $($wanted -join ' ')" -ForegroundColor Cyan
            $savedFrontend = $env:DEBIAN_FRONTEND
            $env:DEBIAN_FRONTEND = 'noninteractive'
            try {
                $exitCode = Invoke-Process -FilePath $aptGet.Source -ArgumentList @('update')
                if ($exitCode -ne 0) {
                    Write-Host "apt-get update failed with exit code $exitCode; trying the install anyway." -ForegroundColor Yellow
                }
                $exitCode = Invoke-Process -FilePath $aptGet.Source -ArgumentList (@('install', '-y', '--no-install-recommends') + $wanted)
                if ($exitCode -ne 0) {
                    Write-Host "apt-get install failed with exit code $exitCode." -ForegroundColor Yellow
                }
            }
            finally {
                $env:DEBIAN_FRONTEND = $savedFrontend
            }
        }
        elseif ($wanted.Count -gt 0) {
            Write-Host "`nMissing for the real-parts suites (install them to run every suite): $($wanted -join ' ')" -ForegroundColor Yellow
        }
    }

    $sdkMissing = @(Get-MetaSdkSuiteMissing)
    if ($sdkMissing.Count -gt 0) {
        $underCi = $env:CI -eq 'true'
        $rule = '=' * 100
        $lines = @(
            $rule
            if ($underCi) {
                'CI=true: the META BUSINESS SDK suite (tests/MetaBusinessSdk.Tests.ps1) WILL FAIL. It is missing:'
            }
            else {
                'The META BUSINESS SDK suite (tests/MetaBusinessSdk.Tests.ps1) WILL BE SKIPPED. It is missing:'
            }
            $sdkMissing | ForEach-Object { "    - $_" }
            'To run it: install Node.js 20+ with npm, then npm ci --prefix tests/metasdk (./build.ps1 -Task Test does it when npm is present).'
            $rule
        )
        Write-Host ''
        foreach ($line in $lines) {
            Write-Host $line -ForegroundColor $(if ($underCi) { 'Red' } else { 'Yellow' })
        }
    }

    # The vault suites (tests/Vault.Tests.ps1, README's fleet example): SecretManagement and SecretStore, installed or
    # in ../shared/psmodules (PSGallery is not reachable everywhere; see build/Find-SecretManagement.ps1).
    $vaultModules = & (Join-Path $RepoRoot 'build/Find-SecretManagement.ps1') -RepoRoot $RepoRoot
    if ($null -eq $vaultModules) {
        $underCi = $env:CI -eq 'true'
        $rule = '=' * 100
        $lines = @(
            $rule
            if ($underCi) { 'CI=true: the VAULT suites (tests/Vault.Tests.ps1, the README fleet example) WILL FAIL. They are missing:' }
            else { 'The VAULT suites (tests/Vault.Tests.ps1, the README fleet example) WILL BE SKIPPED. They are missing:' }
            '    - Microsoft.PowerShell.SecretManagement and Microsoft.PowerShell.SecretStore, neither on PSModulePath nor in ../shared/psmodules'
            'To run them: Install-PSResource Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore, or set FACEBOOK_TOKEN_TEST_PSMODULES to a folder holding both.'
            $rule
        )
        Write-Host ''
        foreach ($line in $lines) {
            Write-Host $line -ForegroundColor $(if ($underCi) { 'Red' } else { 'Yellow' })
        }
    }
    else {
        Write-Host "`nVault suites: SecretManagement and SecretStore $(if ($vaultModules) { "from $vaultModules" } else { 'installed on PSModulePath' })." -ForegroundColor Cyan
    }

    $missing = @(Get-BrowserSuiteMissing)
    if ($missing.Count -gt 0) {
        $underCi = $env:CI -eq 'true'
        $rule = '=' * 100
        $lines = @(
            $rule
            if ($underCi) {
                'CI=true: the REAL-BROWSER suite (tests/BrowserLogin.Tests.ps1) WILL FAIL. It is missing:'
            }
            else {
                'The REAL-BROWSER suite (tests/BrowserLogin.Tests.ps1) WILL BE SKIPPED. It is missing:'
            }
            $missing | ForEach-Object { "    - $_" }
            'To run it: install Debian''s chromium and Node.js 20+, then npm ci --prefix tests/browser'
            '(./build.ps1 -Task Test does both by itself when run as root on Debian with npm present).'
            $rule
        )
        Write-Host ''
        foreach ($line in $lines) {
            Write-Host $line -ForegroundColor $(if ($underCi) { 'Red' } else { 'Yellow' })
        }
    }
}

function Invoke-SkipRule {
    # Under CI=true a skipped test is a failure unless tests/skip-allowlist.txt lists it (with its reason) for this
    # platform: such a skip moves from the skipped count to the failed one. Elsewhere skips only get listed.
    param([Parameter(Mandatory)][object[]]$Suites)

    $underCi = $env:CI -eq 'true'
    $allowList = Join-Path $RepoRoot 'tests/skip-allowlist.txt'
    foreach ($suite in $Suites) {
        if ($suite.Skipped -eq 0) {
            continue
        }
        $allowed = 0
        foreach ($skip in & (Join-Path $RepoRoot 'build/Resolve-SkippedTests.ps1') -Path $allowList -Skipped $suite.SkippedTests) {
            if ($skip.Allowed) {
                $allowed++
                Write-Host "$($suite.Suite): skipped (allowed: $($skip.Reason)): $($skip.Name)" -ForegroundColor Yellow
            }
            elseif ($underCi) {
                Write-Host "$($suite.Suite): SKIPPED, which CI=true counts as FAILED (not in tests/skip-allowlist.txt): $($skip.Name)" -ForegroundColor Red
            }
            else {
                Write-Host "$($suite.Suite): skipped (a failure under CI=true; not in tests/skip-allowlist.txt): $($skip.Name)" -ForegroundColor Yellow
            }
        }
        # A skip the runner counted but did not name cannot be on the list either.
        if ($underCi -and $suite.Skipped -gt $allowed) {
            $suite.Failed += $suite.Skipped - $allowed
            $suite.Skipped = $allowed
        }
    }
}

function Invoke-TestTask {
    Invoke-BuildTask
    $null = New-Item -ItemType Directory -Path $TestResults -Force
    Install-TestPrerequisites

    $suites = @(
        Invoke-XunitTests
        Invoke-XunitTests -Keyring
        Invoke-PesterTests -Suite Pester -TestPath (Get-PesterPaths)
        # The Desktop build (bin/net472) imported into this PowerShell 7: its code paths, as far as Linux allows.
        $desktopPaths = @(Get-DesktopPesterPaths)
        if ($desktopPaths.Count -gt 0) {
            Invoke-PesterTests -Suite 'Pester (Desktop build)' -TestPath $desktopPaths -Build Desktop
        }
    )
    # A runner that broke or ran nothing counts as one failure, so the summary line never reads "0 failed"
    # on a run that failed.
    foreach ($suite in $suites) {
        if ($suite.Crashed -and $suite.Failed -eq 0) {
            $suite.Failed = 1
        }
    }
    Invoke-SkipRule -Suites $suites

    Write-Host ''
    foreach ($suite in $suites) {
        $line = '{0,-22} {1} passed, {2} failed, {3} skipped' -f $suite.Suite, $suite.Passed, $suite.Failed, $suite.Skipped
        if ($suite.Crashed) {
            Write-Host "$line  CRASHED: $($suite.Note)" -ForegroundColor Red
        }
        else {
            Write-Host $line
        }
    }
    $passed = ($suites | Measure-Object -Property Passed -Sum).Sum
    $failed = ($suites | Measure-Object -Property Failed -Sum).Sum
    $skipped = ($suites | Measure-Object -Property Skipped -Sum).Sum
    $summary = "$passed passed, $failed failed"
    if ($skipped) {
        $summary += ", $skipped skipped"
    }
    Write-Host $summary
    if ($failed -gt 0 -or ($suites | Where-Object Crashed)) {
        exit 1
    }
}

function Invoke-ScriptWithModule {
    # Runs a script in a fresh pwsh, passing -ModulePath/-Configuration only when the script declares them.
    param([Parameter(Mandatory)][string]$File)

    $declared = (Get-Command -Name $File).Parameters.Keys
    $parameters = @{}
    if ($declared -contains 'ModulePath') {
        $parameters.ModulePath = Join-Path $StagedModule 'FacebookToken.psd1'
    }
    if ($declared -contains 'Configuration') {
        $parameters.Configuration = $Configuration
    }
    $exitCode = Invoke-ChildPwsh -File $File -Parameters $parameters
    if ($exitCode -ne 0) {
        Write-Host "$([IO.Path]::GetFileName($File)) failed with exit code $exitCode." -ForegroundColor Red
        exit $exitCode
    }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Invoke-ScriptWithModule -File (Join-Path $RepoRoot 'build/Demo.ps1')
}

function Invoke-BenchTask {
    $script = Join-Path $RepoRoot 'benchmarks/Invoke-Benchmarks.ps1'
    if (-not (Test-Path -LiteralPath $script)) {
        Write-Host 'Bench: not yet implemented (benchmarks/Invoke-Benchmarks.ps1 does not exist).'
        return
    }
    Invoke-BuildTask
    Invoke-ScriptWithModule -File $script
}

function Invoke-PackageTask {
    # Build, then output/FacebookToken.<version>.nupkg from the staged module, made by PSResourceGet's own
    # Publish-PSResource so the layout is exactly what Save-PSResource / Install-PSResource expect (the
    # module files at the package root, the nuspec generated from the manifest).
    # Offline by construction: the only repository named is a temporary folder registered for this call
    # and unregistered in `finally`, and -SkipDependenciesCheck means no repository is searched for
    # RequiredModules (the manifest has none), so PSGallery is never contacted.
    Invoke-BuildTask
    $version = Get-ModuleVersion

    $psResourceGet = Get-Module -ListAvailable -Name Microsoft.PowerShell.PSResourceGet | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $psResourceGet) {
        throw 'Package needs Microsoft.PowerShell.PSResourceGet, which ships with PowerShell 7.4 and later; run this build with the pinned local tool: dotnet tool restore && dotnet pwsh ./build.ps1 -Task Package'
    }
    Import-Module -ModuleInfo $psResourceGet -ErrorAction Stop

    $repositoryName = 'FbtLocal'
    $tempPrefix = 'fbt-package-'
    $existing = Get-PSResourceRepository -Name $repositoryName -ErrorAction Ignore
    if ($existing) {
        # Left behind by a Package run that was killed before its clean-up; anything else is the user's.
        if ($existing.Uri.IsFile -and $existing.Uri.LocalPath -like "*$tempPrefix*") {
            Unregister-PSResourceRepository -Name $repositoryName
        }
        else {
            throw "A PSResourceGet repository named '$repositoryName' is already registered ($($existing.Uri)) and is not this build's. Unregister it (Unregister-PSResourceRepository -Name $repositoryName) and run Package again."
        }
    }

    $scratchPath = Join-Path ([IO.Path]::GetTempPath()) ($tempPrefix + [guid]::NewGuid().ToString('N'))
    $repositoryPath = Join-Path $scratchPath 'repository'
    $null = New-Item -ItemType Directory -Path $repositoryPath
    # NuGet, inside Publish-PSResource, writes NuGet/NuGet.Config relative to the process's working
    # directory when the user's config folder does not exist; keep that out of the repository.
    $savedDirectory = [Environment]::CurrentDirectory
    try {
        [Environment]::CurrentDirectory = $scratchPath
        Register-PSResourceRepository -Name $repositoryName -Uri $repositoryPath -Trusted -ErrorAction Stop
        Publish-PSResource -Path $StagedModule -Repository $repositoryName -SkipDependenciesCheck -ErrorAction Stop

        $packages = @(Get-ChildItem -LiteralPath $repositoryPath -Filter '*.nupkg' -File)
        if ($packages.Count -ne 1) {
            throw "Publish-PSResource left $($packages.Count) packages in $repositoryPath; expected FacebookToken.$version.nupkg alone."
        }
        # NuGet may normalise the version in the file name (1.0 -> 1.0.0); keep its name, Save-PSResource reads it.
        # (FacebookToken.Emulator.*.nupkg is the tool package, not an older module package.)
        foreach ($old in Get-ChildItem -LiteralPath $OutputRoot -Filter 'FacebookToken.*.nupkg' -File | Where-Object Name -NotLike 'FacebookToken.Emulator.*') {
            Remove-Item -LiteralPath $old.FullName -Force
        }
        $packagePath = Join-Path $OutputRoot $packages[0].Name
        Move-Item -LiteralPath $packages[0].FullName -Destination $packagePath -Force
    }
    finally {
        [Environment]::CurrentDirectory = $savedDirectory
        if (Get-PSResourceRepository -Name $repositoryName -ErrorAction Ignore) {
            Unregister-PSResourceRepository -Name $repositoryName
        }
        Remove-Item -LiteralPath $scratchPath -Recurse -Force -ErrorAction Ignore
    }

    Write-Host "Package: $packagePath" -ForegroundColor Green
    New-EmulatorToolPackage
}

function New-EmulatorToolPackage {
    # output/FacebookToken.Emulator.<version>.nupkg: the emulator as a .NET tool (PackAsTool in its csproj), packed
    # with --no-build from the same bin/ output that Build published to output/FacebookEmulator, so the tool users
    # install is byte for byte the emulator the suites run. It has no package dependencies: it installs offline.
    $version = Get-ModuleVersion
    foreach ($old in Get-ChildItem -LiteralPath $OutputRoot -Filter 'FacebookToken.Emulator.*.nupkg' -File) {
        Remove-Item -LiteralPath $old.FullName -Force
    }
    Invoke-Dotnet @(
        'pack', (Join-Path $RepoRoot 'tests/FacebookEmulator/FacebookEmulator.csproj')
        '-c', $Configuration, '--no-build', "-p:Version=$version", '-o', $OutputRoot, '--nologo', '-v:q'
    )
    Write-Host "Package: $(Join-Path $OutputRoot "FacebookToken.Emulator.$version.nupkg")" -ForegroundColor Green
}

function Invoke-CleanTask {
    $targets = @($OutputRoot) + @(
        foreach ($project in Get-ChildItem -Path (Join-Path $RepoRoot 'src'), (Join-Path $RepoRoot 'tests'), (Join-Path $RepoRoot 'build') -Filter *.*proj -Recurse -File) {
            Join-Path $project.DirectoryName 'bin'
            Join-Path $project.DirectoryName 'obj'
        }
    )
    foreach ($target in $targets | Select-Object -Unique) {
        if (Test-Path -LiteralPath $target) {
            Write-Host "Removing $target"
            Remove-Item -LiteralPath $target -Recurse -Force
        }
    }
}

switch ($Task) {
    'Build' { Invoke-BuildTask }
    'Test' { Invoke-TestTask }
    'Demo' { Invoke-DemoTask }
    'Bench' { Invoke-BenchTask }
    'Package' { Invoke-PackageTask }
    'Clean' { Invoke-CleanTask }
}
