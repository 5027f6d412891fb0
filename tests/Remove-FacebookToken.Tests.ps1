# Remove-FacebookToken: every token selected in a pipeline is confirmed on its own and removed with the others
# in one write, so clearing a fleet does not rewrite the cache once per entry.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:key = ConvertTo-SecureString 'pester-remove-key-0123456789abcdef' -AsPlainText -Force
    function New-CacheDir { Join-Path ([IO.Path]::GetTempPath()) ('fbt-remove-' + [guid]::NewGuid().ToString('N')) }
    function Add-Rows([string]$Directory, [string]$Prefix, [int]$Count) {
        1..$Count | ForEach-Object { [pscustomobject]@{ Name = "$Prefix-$_"; AccessToken = 'EAAG' + [guid]::NewGuid().ToString('N') } } |
            Save-FacebookToken -CachePath $Directory -CacheKey $key
    }
}

Describe 'Remove-FacebookToken' {
    BeforeEach { $script:dir = New-CacheDir }
    AfterEach { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }

    It 'removes every match of a wildcard with one write and keeps the rest' {
        Add-Rows $dir 'gone' 30
        Add-Rows $dir 'kept' 2
        $writes = Measure-CacheWrites -Directory $dir -Action { Remove-FacebookToken 'gone-*' -CachePath $dir -CacheKey $key -Confirm:$false }
        $writes | Should -Be 1
        @(Get-FacebookToken -CachePath $dir -CacheKey $key).Name | Should -Be @('kept-1', 'kept-2')
    }

    It 'removes piped names with one write for the whole pipeline, each once, and says which in Verbose' {
        Add-Rows $dir 'cust' 5
        $verbose = $null
        $writes = Measure-CacheWrites -Directory $dir -Action {
            $script:verbose = 'cust-1', 'cust-2', 'CUST-2', 'cust-3' | Remove-FacebookToken -CachePath $dir -CacheKey $key -Confirm:$false -Verbose 4>&1
        }
        $writes | Should -Be 1
        @(Get-FacebookToken -CachePath $dir -CacheKey $key).Name | Should -Be @('cust-4', 'cust-5')
        @($script:verbose | Where-Object { "$_" -like 'Removed the cached token*' }).Count | Should -Be 3
    }

    It 'with -WhatIf removes nothing and a missing literal name is CachedTokenNotFound' {
        Add-Rows $dir 'cust' 2
        Remove-FacebookToken 'cust-*' -CachePath $dir -CacheKey $key -WhatIf
        'cust-1', 'nope' | Remove-FacebookToken -CachePath $dir -CacheKey $key -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Match '^CachedTokenNotFound'
        @(Get-FacebookToken -CachePath $dir -CacheKey $key).Name | Should -Be @('cust-2')
    }
}
