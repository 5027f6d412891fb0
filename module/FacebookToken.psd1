@{
    # ModuleVersion is the one version source: build.ps1 reads it and passes it to dotnet as -p:Version.
    ModuleVersion          = '0.1.0'
    GUID                   = '175ea439-bb83-4fd8-b2c5-31c7e7357cb6'
    Author                 = 'FacebookToken contributors'
    CompanyName            = 'FacebookToken contributors'
    Copyright              = '(c) FacebookToken contributors. All rights reserved.'
    Description            = 'Gets Facebook/Meta access tokens for the WhatsApp Cloud API through Facebook Login, turns them into long-lived tokens, inspects them and keeps them in an encrypted local cache.'

    # The manifest is the loader: PowerShell 7 takes the net8.0 build, Windows PowerShell the net472 one
    # (Microsoft's documented pattern for modules with compatible editions). A .psm1 loader cost about 100 ms
    # more per Import-Module; see docs/performance.md. Tools that read this file with
    # Import-PowerShellDataFile cannot evaluate the if; Test-ModuleManifest and Import-Module can.
    RootModule             = if ($PSEdition -eq 'Core') {
        'bin/net8.0/FacebookToken.Module.dll'
    }
    else {
        'bin/net472/FacebookToken.Module.dll'
    }
    # PowerShell 7 only: takes core from its ReadyToRun image for this OS, architecture and .NET version when the
    # module has one (bin/net8.0/r2r), before the cmdlet assembly is read. See src/FacebookToken.Loader.
    NestedModules          = if ($PSEdition -eq 'Core') {
        @('bin/net8.0/FacebookToken.Loader.dll')
    }
    else {
        @()
    }
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Core', 'Desktop')
    # The Desktop build targets .NET Framework 4.7.2 (PBKDF2-SHA256 and the DPAPI store need it).
    DotNetFrameworkVersion = '4.7.2'

    FormatsToProcess       = @('FacebookToken.Format.ps1xml')

    # No HelpInfoURI: help ships in the module (en-US/), and a placeholder URI would make Update-Help fail.

    CmdletsToExport        = @(
        'ConvertFrom-FacebookWebhook'
        'ConvertTo-LongLivedToken'
        'Get-FacebookAppSecretProof'
        'Get-FacebookAuthUrl'
        'Get-FacebookEmulatorLog'
        'Get-FacebookToken'
        'Get-FacebookTokenCacheInfo'
        'Get-FacebookTokenInfo'
        'Get-FacebookWhatsAppAccount'
        'Invoke-FacebookCodeExchange'
        'Invoke-FacebookGraphRequest'
        'Invoke-FacebookLogin'
        'New-FacebookSystemUserToken'
        'Receive-FacebookAuthCode'
        'Remove-FacebookToken'
        'Revoke-FacebookToken'
        'Save-FacebookToken'
        'Start-FacebookEmulator'
        'Test-FacebookToken'
        'Update-FacebookToken'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()

    PrivateData            = @{
        PSData = @{
            Tags         = @(
                'Facebook'
                'Meta'
                'WhatsApp'
                'OAuth'
                'AccessToken'
                'FacebookLogin'
                'WhatsAppCloudAPI'
                'PSEdition_Core'
                'PSEdition_Desktop'
                'Windows'
                'Linux'
                'MacOS'
            )
            # build.ps1 writes FacebookTokenProjectUri (Directory.Build.props, the one source of the project's links)
            # into the staged manifest; the package nuspec takes these from it.
            ProjectUri   = '$(FacebookTokenProjectUri)'
            LicenseUri   = '$(FacebookTokenProjectUri)/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md: $(FacebookTokenProjectUri)/blob/main/CHANGELOG.md'
        }
    }
}
