# The command surface users type and scripts bind to, and the rules of the cmdlet layer that code can check
# (ARCHITECTURE.md's rooms): parameter names, sets, types, positions, pipeline binding and aliases stay as
# tests/assets/command-surface.txt records them; cache parameters are declared once; the cmdlet assembly
# reaches no HTTP, JSON or crypto assembly.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:surfaceScript = Join-Path $RepoRoot 'build/Get-CommandSurface.ps1'
    $script:snapshot = Join-Path $PSScriptRoot 'assets/command-surface.txt'
    $script:moduleAssembly = (Get-Command -Module FacebookToken -CommandType Cmdlet | Select-Object -First 1).ImplementingType.Assembly
    $script:cmdlets = @(Get-Command -Module FacebookToken -CommandType Cmdlet)
    $script:cacheParameterNames = @($moduleAssembly.GetType('FacebookToken.Module.CacheParameters', $true).GetProperties() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.ParameterAttribute], $false).Count } | ForEach-Object Name)
}

Describe 'The command surface' {
    It 'matches tests/assets/command-surface.txt (regenerate it with build/Get-CommandSurface.ps1 after a deliberate change)' {
        $pwsh = Get-ChildPwshArguments
        $now = @(& $pwsh.FilePath @($pwsh.Prefix) -NoProfile -NonInteractive -File $surfaceScript -ManifestPath $StagedManifestPath)
        $LASTEXITCODE | Should -Be 0
        $want = @(Get-Content -LiteralPath $snapshot)
        $now.Count | Should -BeGreaterThan 100
        $diff = @(Compare-Object -ReferenceObject $want -DifferenceObject $now | ForEach-Object {
                if ($_.SideIndicator -eq '<=') { "missing: $($_.InputObject)" } else { "new:     $($_.InputObject)" }
            })
        $diff -join [Environment]::NewLine | Should -BeNullOrEmpty
    }
}

Describe 'The cmdlet layer''s rules' {
    It 'declares the cache parameters once: no cmdlet class has a CachePath or CacheKey property of its own' {
        $cacheParameterNames | Should -Contain 'CachePath'
        $cacheParameterNames | Should -Contain 'CacheKey'
        $offenders = foreach ($command in $cmdlets) {
            foreach ($property in $command.ImplementingType.GetProperties()) {
                if ($cacheParameterNames -contains $property.Name -and $property.GetCustomAttributes([System.Management.Automation.ParameterAttribute], $true).Count) {
                    "$($command.Name) declares -$($property.Name) in $($property.DeclaringType.Name)"
                }
            }
        }
        $offenders | Should -BeNullOrEmpty
    }

    It 'gives every cmdlet that has cache parameters all of them, from the one group' {
        $users = @($cmdlets | Where-Object { $_.Parameters.ContainsKey('CachePath') })
        $users.Count | Should -BeGreaterOrEqual 11
        foreach ($command in $users) {
            foreach ($name in $cacheParameterNames) {
                $command.Parameters.ContainsKey($name) | Should -BeTrue -Because "$($command.Name) has -CachePath, so it has every cache parameter"
                $command.Parameters[$name].IsDynamic | Should -BeTrue -Because "$($command.Name) -$name comes from the cache parameter group"
            }
        }
    }

    It 'selects tokens one way: every cmdlet with a Token and a Name set is a FacebookTokenCmdlet whose -AccessToken takes a FacebookTokenArgument' {
        $selectors = @($cmdlets | Where-Object { $_.ParameterSets.Name -contains 'Token' -and $_.ParameterSets.Name -contains 'Name' })
        $selectors.Count | Should -BeGreaterOrEqual 5
        foreach ($command in $selectors) {
            $command.Parameters['AccessToken'].ParameterType.Name | Should -Be 'FacebookTokenArgument' -Because $command.Name
            $command.ImplementingType.IsSubclassOf($moduleAssembly.GetType('FacebookToken.Module.FacebookTokenCmdlet', $true)) | Should -BeTrue -Because $command.Name
        }
    }

    It 'hides no inherited parameter: a DontShow parameter is declared by the cmdlet itself, never an override of a base''s' {
        $hidden = 0
        $offenders = foreach ($command in $cmdlets) {
            foreach ($property in $command.ImplementingType.GetProperties()) {
                $dontShow = @($property.GetCustomAttributes([System.Management.Automation.ParameterAttribute], $true) | Where-Object DontShow)
                if ($dontShow.Count -eq 0) { continue }
                $hidden++
                $declaredFirstIn = $property.GetGetMethod().GetBaseDefinition().DeclaringType
                if ($declaredFirstIn -ne $property.DeclaringType) {
                    "$($command.Name) hides -$($property.Name), declared in $($declaredFirstIn.Name), with an override in $($property.DeclaringType.Name)"
                }
            }
        }
        $hidden | Should -BeGreaterThan 0 -Because 'Get-FacebookAppSecretProof still accepts the Graph parameters it does not use, hidden'
        $offenders | Should -BeNullOrEmpty
    }

    It 'declares the Graph parameters of the app cmdlets and of the token cmdlets with one shape' {
        $graph = $moduleAssembly.GetType('FacebookToken.Module.FacebookGraphCmdlet', $true)
        $graphToken = $moduleAssembly.GetType('FacebookToken.Module.FacebookGraphTokenCmdlet', $true)
        $shape = {
            param($type, $name)
            $property = $type.GetProperty($name)
            @($property.PropertyType.FullName) + @($property.GetCustomAttributes($true) | ForEach-Object {
                    $attribute = $_
                    $attribute.GetType().Name + '(' + (@($attribute.GetType().GetProperties() | Where-Object { $_.Name -ne 'TypeId' } | Sort-Object Name | ForEach-Object { $_.Name + '=' + $_.GetValue($attribute) }) -join ';') + ')'
                } | Sort-Object)
        }
        foreach ($name in 'ApiVersion', 'GraphBaseUri', 'TimeoutSec') {
            $one = & $shape $graph $name
            $one.Count | Should -BeGreaterThan 1
            (& $shape $graphToken $name) -join [Environment]::NewLine | Should -Be ($one -join [Environment]::NewLine) -Because "-$name is declared twice (C# gives a class one base) and must stay one parameter"
        }
    }

    It 'declares the cache parameters of all sets and of the -Name set with one shape, the set name aside' {
        $all = $moduleAssembly.GetType('FacebookToken.Module.CacheParameters', $true)
        $nameSet = $moduleAssembly.GetType('FacebookToken.Module.NameSetCacheParameters', $true)
        $shape = {
            param($property)
            @($property.PropertyType.FullName) + @($property.GetCustomAttributes($false) | ForEach-Object {
                    $attribute = $_
                    $attribute.GetType().Name + '(' + (@($attribute.GetType().GetProperties() | Where-Object { $_.Name -notin 'TypeId', 'ParameterSetName' } | Sort-Object Name | ForEach-Object { $_.Name + '=' + $_.GetValue($attribute) }) -join ';') + ')'
                } | Sort-Object)
        }
        $names = @($all.GetProperties() | ForEach-Object Name | Sort-Object)
        $names | Should -Be @('CacheKey', 'CachePath', 'Vault')
        foreach ($name in $names) {
            $property = $nameSet.GetProperty($name)
            $property.DeclaringType | Should -Be $nameSet -Because "-$name must be overridden for the -Name set (PowerShell reads an override's own attributes only)"
            @($property.GetCustomAttributes([System.Management.Automation.ParameterAttribute], $false).ParameterSetName) | Should -Be @('Name')
            (& $shape $property) -join [Environment]::NewLine | Should -Be ((& $shape $all.GetProperty($name)) -join [Environment]::NewLine) -Because "-$name is declared twice and must stay one parameter"
        }
    }

    It 'references no HTTP, JSON or crypto assembly from the cmdlet assembly' {
        $references = @($moduleAssembly.GetReferencedAssemblies() | ForEach-Object Name)
        $references | Should -Contain 'FacebookToken'
        $forbidden = @($references | Where-Object { $_ -match '^System\.Net\.Http|^System\.Text\.Json|^System\.Runtime\.Serialization\.Json|^Newtonsoft|^System\.Security\.Cryptography|Microsoft\.Identity' })
        $forbidden | Should -BeNullOrEmpty
    }
}
