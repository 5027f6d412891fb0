using System;
using System.Collections.Generic;

namespace FacebookToken.Emulator;

/// <summary>What Start-FacebookEmulator asks of the emulator; each becomes one of the tool's options.</summary>
public sealed class EmulatorStartOptions
{
    /// <summary>The tool, FacebookEmulator.dll or a folder holding either; null: look in a manifest, PATH and the global tools folder.</summary>
    public string? Path { get; set; }

    /// <summary>The folder relative paths are resolved against and the manifest search starts from.</summary>
    public string WorkingDirectory { get; set; } = Environment.CurrentDirectory;

    /// <summary>--apps: a JSON file of apps (and, later, businesses, WABAs, phone numbers, templates).</summary>
    public string? AppsFile { get; set; }

    /// <summary>--require-appsecret-proof.</summary>
    public bool RequireAppSecretProof { get; set; }

    /// <summary>--clock-offset, in whole seconds.</summary>
    public TimeSpan? ClockOffset { get; set; }

    /// <summary>--webhook-url: where the emulator POSTs its signed WhatsApp webhooks.</summary>
    public Uri? WebhookUri { get; set; }

    /// <summary>--port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>More options for the tool as they are (fault switches such as --latency 200, --throttle 2).</summary>
    public IList<string> ArgumentList { get; } = new List<string>();

    /// <summary>How long to wait for the emulator's URL line.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The module's version, named in the install command of the not-installed message.</summary>
    public string? ExpectedVersion { get; set; }

    internal IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string>();
        if (Port != 0)
        {
            arguments.Add("--port");
            arguments.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(AppsFile))
        {
            arguments.Add("--apps");
            arguments.Add(System.IO.Path.GetFullPath(System.IO.Path.Combine(WorkingDirectory, AppsFile!)));
        }

        if (RequireAppSecretProof)
        {
            arguments.Add("--require-appsecret-proof");
        }

        if (ClockOffset is { } offset)
        {
            arguments.Add("--clock-offset");
            arguments.Add(offset.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (WebhookUri is not null)
        {
            arguments.Add("--webhook-url");
            arguments.Add(WebhookUri.AbsoluteUri);
        }

        arguments.AddRange(ArgumentList);
        return arguments;
    }
}
