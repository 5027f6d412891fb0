@{
    ModuleVersion     = '1.0.0'
    GUID              = '0b7f0c2e-7a59-4d0e-8d1e-3f4b7f0a9c21'
    RootModule        = 'PlainFileVault.Extension.psm1'
    RequiredModules   = @('Microsoft.PowerShell.SecretManagement')
    FunctionsToExport = @('Get-Secret', 'Get-SecretInfo', 'Set-Secret', 'Remove-Secret', 'Test-SecretVault')
}
