# A SecretManagement vault extension for the tests, with NO metadata support (no Set-SecretInfo; Get-SecretInfo
# returns no Metadata), as many vault extensions are. It keeps each secret as a file in the folder given by the
# vault parameter Path, so two processes share it. Not for real secrets: the files are only as safe as the folder.
@{
    ModuleVersion     = '1.0.0'
    GUID              = '5f0c7f7e-3f5d-4c7e-9a4f-2a8f64d6a1b3'
    Author            = 'FacebookToken tests'
    Description       = 'Test vault extension without metadata support (FacebookToken tests).'
    NestedModules     = @('./PlainFileVault.Extension')
    FunctionsToExport = @()
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
