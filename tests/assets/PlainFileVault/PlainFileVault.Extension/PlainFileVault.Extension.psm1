# One file per secret in $AdditionalParameters.Path: '<name in lower case>.secret' holds the secret's type, its
# name as given and its text (both base64); names are matched without regard to case, as Azure Key Vault does. A file 'locked' in that folder makes every call fail as a locked vault does: SecretManagement's
# PasswordRequiredException, which SecretStore throws too.

function Get-VaultFolder([hashtable]$AdditionalParameters) {
    $path = $AdditionalParameters.Path
    if (-not $path) { throw 'PlainFileVault needs the vault parameter Path.' }
    if (Test-Path -LiteralPath (Join-Path $path 'locked')) {
        throw [Microsoft.PowerShell.SecretManagement.PasswordRequiredException]::new('PlainFileVault is locked (test switch): unlock it first.')
    }
    $null = New-Item -ItemType Directory -Path $path -Force
    $path
}

function Get-SecretFile([string]$Folder, [string]$Name) {
    Join-Path $Folder ([Uri]::EscapeDataString($Name.ToLowerInvariant()) + '.secret')
}

function Get-Secret {
    [CmdletBinding()]
    param([string]$Name, [string]$VaultName, [hashtable]$AdditionalParameters)
    $file = Get-SecretFile (Get-VaultFolder $AdditionalParameters) $Name
    if (-not (Test-Path -LiteralPath $file)) { return }
    $type, $null, $text = (Get-Content -LiteralPath $file -Raw).Trim() -split ' ', 3
    $plain = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($text))
    if ($type -eq 'SecureString') { ConvertTo-SecureString -String $plain -AsPlainText -Force } else { $plain }
}

function Get-SecretInfo {
    [CmdletBinding()]
    param([string]$Filter, [string]$VaultName, [hashtable]$AdditionalParameters)
    $folder = Get-VaultFolder $AdditionalParameters
    $pattern = [WildcardPattern]::new($(if ($Filter) { $Filter } else { '*' }), 'IgnoreCase')
    foreach ($file in Get-ChildItem -LiteralPath $folder -Filter '*.secret' | Sort-Object Name) {
        $stored = (Get-Content -LiteralPath $file.FullName -Raw).Trim() -split ' ', 3
        $name = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($stored[1]))
        if ($pattern.IsMatch($name)) {
            [Microsoft.PowerShell.SecretManagement.SecretInformation]::new($name, [Microsoft.PowerShell.SecretManagement.SecretType]$stored[0], $VaultName)
        }
    }
}

function Set-Secret {
    [CmdletBinding()]
    param([string]$Name, [object]$Secret, [string]$VaultName, [hashtable]$AdditionalParameters)
    $folder = Get-VaultFolder $AdditionalParameters
    if ($Secret -is [securestring]) {
        $type = 'SecureString'
        $plain = [System.Net.NetworkCredential]::new('', $Secret).Password
    } elseif ($Secret -is [string]) {
        $type = 'String'
        $plain = $Secret
    } else {
        throw "PlainFileVault keeps only strings and SecureStrings, not $($Secret.GetType().Name)."
    }
    $text = "$type " + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Name)) + ' ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($plain))
    [IO.File]::WriteAllText((Get-SecretFile $folder $Name), $text)
    $true
}

function Remove-Secret {
    [CmdletBinding()]
    param([string]$Name, [string]$VaultName, [hashtable]$AdditionalParameters)
    $file = Get-SecretFile (Get-VaultFolder $AdditionalParameters) $Name
    if (-not (Test-Path -LiteralPath $file)) { return $false }
    Remove-Item -LiteralPath $file
    $true
}

function Test-SecretVault {
    [CmdletBinding()]
    param([string]$VaultName, [hashtable]$AdditionalParameters)
    $null = Get-VaultFolder $AdditionalParameters
    $true
}
