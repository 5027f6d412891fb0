<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1: per-call cost of ConvertTo-LongLivedToken against the emulator, side by side
with a hand-written Invoke-RestMethod of the same request and with a raw reused HttpClient (the floor).

.DESCRIPTION
All three run in this one process, in alternating blocks of -BlockSize calls (module, Invoke-RestMethod,
HttpClient, module, ...; the order rotates each round so none always follows another), after -WarmUp calls
of each; a fourth side is the cmdlet given the token as a SecureString. Also times Get-FacebookAuthUrl (no network) as the cost of invoking one of the module's cmdlets.
Writes one BENCH_RESULT= line: ms/call per block for each side.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [Parameter(Mandatory)][string]$GraphBaseUri,
    [int]$Blocks = 5,
    [int]$BlockSize = 100,
    [int]$WarmUp = 30
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
Import-Module -Name $ModulePath

$appId = '1234567890'
$secretPlain = 'emulator-app-secret-5f4dcc3b5aa765d61d8327deb882cf99'
$secret = ConvertTo-SecureString -String $secretPlain -AsPlainText -Force
$shortToken = (Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'tokens' -Body @{ appId = $appId; kind = 'short' }).access_token
$secureShort = ConvertTo-SecureString -String $shortToken -AsPlainText -Force
$url = "$GraphBaseUri/v25.0/oauth/access_token"

$client = [System.Net.Http.HttpClient]::new()

# Each side is a script block running $n calls of the same request (POST form to /v25.0/oauth/access_token),
# adding each call's Stopwatch ticks to $calls; the same two timestamp reads on every side.
$sides = [ordered]@{
    Module            = {
        param([int]$n, $calls)
        for ($i = 0; $i -lt $n; $i++) {
            $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
            $null = ConvertTo-LongLivedToken -AccessToken $shortToken -AppId $appId -AppSecret $secret -GraphBaseUri $GraphBaseUri
            $calls.Add([System.Diagnostics.Stopwatch]::GetTimestamp() - $t0)
        }
    }
    ModuleSecureInput = {
        # The same cmdlet with the token already a SecureString: no plain-text conversion while binding.
        param([int]$n, $calls)
        for ($i = 0; $i -lt $n; $i++) {
            $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
            $null = ConvertTo-LongLivedToken -AccessToken $secureShort -AppId $appId -AppSecret $secret -GraphBaseUri $GraphBaseUri
            $calls.Add([System.Diagnostics.Stopwatch]::GetTimestamp() - $t0)
        }
    }
    InvokeRestMethod  = {
        param([int]$n, $calls)
        for ($i = 0; $i -lt $n; $i++) {
            $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
            $null = Invoke-RestMethod -Method Post -Uri $url -Body @{
                grant_type        = 'fb_exchange_token'
                client_id         = $appId
                client_secret     = $secretPlain
                fb_exchange_token = $shortToken
            }
            $calls.Add([System.Diagnostics.Stopwatch]::GetTimestamp() - $t0)
        }
    }
    HttpClient        = {
        param([int]$n, $calls)
        for ($i = 0; $i -lt $n; $i++) {
            $t0 = [System.Diagnostics.Stopwatch]::GetTimestamp()
            $form = [System.Collections.Generic.Dictionary[string, string]]::new()
            $form['grant_type'] = 'fb_exchange_token'
            $form['client_id'] = $appId
            $form['client_secret'] = $secretPlain
            $form['fb_exchange_token'] = $shortToken
            $content = [System.Net.Http.FormUrlEncodedContent]::new($form)
            $response = $client.PostAsync($url, $content).GetAwaiter().GetResult()
            try {
                $null = $response.EnsureSuccessStatusCode()
                $null = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            }
            finally {
                $response.Dispose()
                $content.Dispose()
            }
            $calls.Add([System.Diagnostics.Stopwatch]::GetTimestamp() - $t0)
        }
    }
}

# Every side must really get a token before it is timed.
$check = ConvertTo-LongLivedToken -AccessToken $shortToken -AppId $appId -AppSecret $secret -GraphBaseUri $GraphBaseUri
if ("$($check.Kind)" -ne 'LongLivedUser') { throw "ConvertTo-LongLivedToken returned Kind '$($check.Kind)'." }
$irmAnswer = Invoke-RestMethod -Method Post -Uri $url -Body @{ grant_type = 'fb_exchange_token'; client_id = $appId; client_secret = $secretPlain; fb_exchange_token = $shortToken }
if (-not $irmAnswer.access_token) { throw 'Invoke-RestMethod got no access_token.' }

foreach ($name in $sides.Keys) { & $sides[$name] $WarmUp ([System.Collections.Generic.List[long]]::new()) }
$null = Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'requests' -Method Delete

$perCall = [ordered]@{}
foreach ($name in $sides.Keys) { $perCall[$name] = [System.Collections.Generic.List[long]]::new() }
$perBlock = Measure-AlternatingBlock -Sides $sides -Blocks $Blocks -BlockSize $BlockSize -EmulatorUri $GraphBaseUri -PerCall $perCall
$sw = [System.Diagnostics.Stopwatch]::new()

# A module cmdlet with no network at all: parameter binding, validation and output of one object.
$urlCalls = 200
$null = Get-FacebookAuthUrl -AppId $appId -RedirectUri 'http://localhost:8765/callback/' -Scope whatsapp_business_messaging
$sw.Restart()
for ($i = 0; $i -lt $urlCalls; $i++) {
    $null = Get-FacebookAuthUrl -AppId $appId -RedirectUri 'http://localhost:8765/callback/' -Scope whatsapp_business_messaging
}
$sw.Stop()
$authUrlMs = $sw.Elapsed.TotalMilliseconds / $urlCalls

$client.Dispose()
Write-BenchResult ([ordered]@{
        BlockSize          = $BlockSize
        Blocks             = $Blocks
        Module             = $perBlock.Module
        InvokeRestMethod   = $perBlock.InvokeRestMethod
        HttpClient         = $perBlock.HttpClient
        AuthUrlMsPerCall   = $authUrlMs
        ModuleSecureInput  = $perBlock.ModuleSecureInput
        # The median of every single call per side, in ms: steadier than block means when the machine is busy.
        CallMedianMs       = [ordered]@{
            Module            = (Get-Median $perCall.Module) * 1000 / [System.Diagnostics.Stopwatch]::Frequency
            ModuleSecureInput = (Get-Median $perCall.ModuleSecureInput) * 1000 / [System.Diagnostics.Stopwatch]::Frequency
            InvokeRestMethod  = (Get-Median $perCall.InvokeRestMethod) * 1000 / [System.Diagnostics.Stopwatch]::Frequency
            HttpClient        = (Get-Median $perCall.HttpClient) * 1000 / [System.Diagnostics.Stopwatch]::Frequency
        }
    })
