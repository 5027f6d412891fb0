using System;
using System.Management.Automation;
using FacebookToken.Emulator;

namespace FacebookToken.Module.Commands;

/// <summary>Starts the facebook-emulator tool on 127.0.0.1 and returns the running emulator.</summary>
[Cmdlet(VerbsLifecycle.Start, "FacebookEmulator")]
[OutputType(typeof(FacebookEmulator))]
public sealed class StartFacebookEmulatorCommand : FacebookCmdlet
{
    /// <summary>The tool, FacebookEmulator.dll, or a folder holding either; default: a tool manifest, PATH, ~/.dotnet/tools.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>--apps: the JSON file of apps (and the sections the emulator will fill later).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AppsFile { get; set; }

    /// <summary>--require-appsecret-proof.</summary>
    [Parameter]
    public SwitchParameter RequireAppSecretProof { get; set; }

    /// <summary>--clock-offset: how far ahead (or behind, negative) of this machine the emulator's clock starts.</summary>
    [Parameter]
    public TimeSpan? ClockOffset { get; set; }

    /// <summary>--port; 0 (default) picks a free port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>--webhook-url: where the emulator POSTs its signed WhatsApp webhooks (statuses, inbound messages).</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? WebhookUri { get; set; }

    /// <summary>More options for the tool as they are, such as fault switches (--latency 200, --throttle 2).</summary>
    [Parameter]
    [ValidateNotNull]
    public string[]? ArgumentList { get; set; }

    /// <summary>How long to wait for the emulator to listen.</summary>
    [Parameter]
    [ValidateRange(1, 600)]
    public int TimeoutSec { get; set; } = 30;

    protected override void EndProcessing()
    {
        var options = new EmulatorStartOptions
        {
            WorkingDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
            Path = Path is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path),
            AppsFile = AppsFile is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(AppsFile),
            RequireAppSecretProof = RequireAppSecretProof.IsPresent,
            ClockOffset = ClockOffset,
            Port = Port,
            WebhookUri = WebhookUri,
            StartTimeout = TimeSpan.FromSeconds(TimeoutSec),
            ExpectedVersion = ModuleVersion(),
        };
        if (WebhookUri is not null && (!WebhookUri.IsAbsoluteUri || (WebhookUri.Scheme != Uri.UriSchemeHttp && WebhookUri.Scheme != Uri.UriSchemeHttps)))
        {
            WriteFacebookError(
                new FacebookInputException("InvalidWebhookUri", nameof(WebhookUri), "-WebhookUri '" + WebhookUri + "' is not an absolute http or https URL. Pass where your webhook receiver listens, such as http://127.0.0.1:8080/webhook."),
                WebhookUri);
            return;
        }

        foreach (string argument in ArgumentList ?? Array.Empty<string>())
        {
            options.ArgumentList.Add(argument);
        }

        try
        {
            WriteObject(Run((log, ct) => EmulatorLauncher.StartAsync(options, log, ct)));
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, Path ?? EmulatorLocator.CommandName);
        }
    }

    private static string ModuleVersion()
    {
        Version version = typeof(FacebookEmulator).Assembly.GetName().Version ?? new Version(0, 0, 0);
        return version.ToString(3);
    }
}
