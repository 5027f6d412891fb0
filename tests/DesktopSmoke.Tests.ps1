# build/Invoke-DesktopSmoke.ps1 is what CI runs in Windows PowerShell 5.1 (.github/workflows/ci.yml, `shell: powershell`).
# Windows PowerShell cannot run here, so every step the script takes runs here in PowerShell 7, against the Core build
# and the Desktop build (bin/net472, through the suites' Desktop test manifest), with a key-file cache instead of DPAPI.
# A step that breaks here would break on Windows too; what only Windows has (.NET Framework, DPAPI) stays for CI.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:smoke = Join-Path $RepoRoot 'build/Invoke-DesktopSmoke.ps1'
    $script:emulatorFolder = Split-Path -Parent $EmulatorDllPath

    function Invoke-Smoke([string]$Manifest, [string]$Build) {
        $command = "& '$($smoke -replace "'", "''")' -ModulePath '$($Manifest -replace "'", "''")' -EmulatorPath '$($emulatorFolder -replace "'", "''")' -ExpectBuild $Build -CacheKey 'smoke-cache-key-0123456789'; exit `$LASTEXITCODE"
        $output = Invoke-ChildPwsh -Command $command -Environment @{ FACEBOOK_TOKEN_CACHE_KEY = $null; FACEBOOK_TOKEN_CACHE_PATH = $null }
        $output | Out-Host
        $output
    }
}

Describe 'build/Invoke-DesktopSmoke.ps1 (CI''s Windows PowerShell 5.1 step)' {
    It 'is written for Windows PowerShell 5.1: no syntax or parameters PowerShell 7 added' {
        $text = Get-Content -Raw -LiteralPath $smoke
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$errors)
        $errors | Should -BeNullOrEmpty

        # ?? ??= ?. ?[ and the ternary, pipeline chains, and parameters 5.1 lacks.
        @($tokens | Where-Object { $_.Kind -in 'QuestionQuestion', 'QuestionQuestionEquals', 'QuestionDot', 'QuestionLBracket', 'AndAnd', 'OrOr' }) | Should -BeNullOrEmpty
        @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.TernaryExpressionAst] }, $true)) | Should -BeNullOrEmpty
        $parameters = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandParameterAst] }, $true) | ForEach-Object ParameterName)
        $parameters | Where-Object { $_ -in 'NoProxy', 'SkipHttpErrorCheck', 'AsHashtable', 'Parallel', 'SkipCertificateCheck', 'Authentication' } | Should -BeNullOrEmpty
        $variables = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.VariableExpressionAst] }, $true) | ForEach-Object { $_.VariablePath.UserPath })
        $variables | Where-Object { $_ -in 'IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR' } | Should -BeNullOrEmpty -Because 'Windows PowerShell 5.1 does not define them'
        $parameters | Should -Contain 'ContentType' -Because 'the parameters were read'
    }

    It 'passes every check with the <Build> build' -ForEach @(
        @{ Build = 'Core' }
        @{ Build = 'Desktop' }
    ) {
        $manifest = if ($Build -eq 'Core') { $StagedManifestPath } else { New-DesktopTestManifest }

        $output = Invoke-Smoke -Manifest $manifest -Build $Build

        $summary = @($output | Where-Object { $_ -like 'Desktop smoke:*' })[-1]
        $summary | Should -Match '^Desktop smoke: \d+ checks passed'
        [int]($summary -replace '^Desktop smoke: (\d+).*$', '$1') | Should -Be 11
        ($output -join "`n") | Should -Match ([regex]::Escape("from bin/$(if ($Build -eq 'Core') { 'net8.0' } else { 'net472' })"))
    }

    It 'fails, and exits 1, when the build it expects is not the one that loads' {
        { Invoke-Smoke -Manifest $StagedManifestPath -Build Desktop } | Should -Throw '*Desktop smoke FAILED*bin/net472*'
    }
}
