using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace FacebookToken;

/// <summary>Opens a URL in the user's browser: <c>$BROWSER</c> when set, else xdg-open, open, or the Windows shell.</summary>
internal static class BrowserLauncher
{
    /// <summary>Tries to start a browser on <paramref name="url"/>; returns false with a reason when nothing could be started.</summary>
    /// <remarks>Success means a program started, not that a window appeared: callers still show the URL.</remarks>
    public static bool TryOpen(string url, out string description)
    {
        string? browser = Environment.GetEnvironmentVariable("BROWSER");
        try
        {
            if (!string.IsNullOrWhiteSpace(browser))
            {
                Start(browser!.Trim(), url, shell: false);
                description = "$BROWSER (" + Path.GetFileName(browser.Trim()) + ")";
                return true;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Start(url, null, shell: true);
                description = "the default browser";
                return true;
            }

            string opener = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "open" : "xdg-open";
            Start(opener, url, shell: false);
            description = opener;
            return true;
        }
        catch (Exception ex) when (ex is Win32Exception || ex is InvalidOperationException || ex is FileNotFoundException)
        {
            description = "could not start " + (string.IsNullOrWhiteSpace(browser) ? "a browser" : "$BROWSER") + ": " + ex.Message;
            return false;
        }
    }

    private static void Start(string fileName, string? argument, bool shell)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = shell,
        };
        if (!shell)
        {
            // The browser must not read our console nor write over the prompt.
            info.RedirectStandardInput = true;
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.Arguments = Quote(argument!);
        }

        Process? process = Process.Start(info);
        if (process is null)
        {
            throw new InvalidOperationException("no process was started");
        }

        if (!shell)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close();
        }
    }

    // ProcessStartInfo.ArgumentList is not in .NET Framework; a URL has no quotes or spaces once escaped.
    private static string Quote(string argument) => "\"" + argument.Replace("\"", "%22") + "\"";
}
