<#
.SYNOPSIS
A runbook made of today's cmdlets, for tests/EmulatorTool.Tests.ps1: renews a WhatsApp user token (the long-lived
exchange) and checks the new one with debug_token before it is used. Facebook by default; the test points it at the
emulator with -GraphBaseUri, and nothing else changes.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][securestring]$AccessToken,
    [Parameter(Mandatory)][pscredential]$App,
    [uri]$GraphBaseUri = 'https://graph.facebook.com/'
)

$ErrorActionPreference = 'Stop'

$renewed = ConvertTo-LongLivedToken -AccessToken $AccessToken -Credential $App -GraphBaseUri $GraphBaseUri
$info = $renewed | Get-FacebookTokenInfo -Credential $App -GraphBaseUri $GraphBaseUri
if (-not $info.IsValid) {
    throw "The renewed token is not valid: $($info.Error.Message)"
}
if ($info.Scopes -notcontains 'whatsapp_business_messaging') {
    throw "The renewed token cannot send WhatsApp messages (scopes: $($info.Scopes -join ', '))."
}
$renewed
