using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using FacebookToken.Cache;
using Microsoft.Identity.Client.Extensions.Msal;
using MsalStorage = Microsoft.Identity.Client.Extensions.Msal.Storage;

namespace FacebookToken.Storage;

/// <summary>
/// The OS secret store (DPAPI, Keychain, libsecret) and the cross-process lock, over MSAL Extensions. Loaded by core's
/// StorageLoader in isolation; only core's interfaces and BCL types cross back.
/// </summary>
/// <remarks>Stateless and thread safe; the stores it returns are not.</remarks>
public sealed class OsStoreFactory : IOsStoreFactory
{
    internal const string MacServiceName = "FacebookToken";
    internal const string LinuxSchemaName = "com.facebooktoken.cache";
    internal const string CachePathAttribute = "FacebookToken.CachePath";
    internal const string VersionAttribute = "FacebookToken.Version";
    internal const string VersionValue = "1";
    internal const string NoDbusSessionReason = "libsecret unavailable: no D-Bus session";

    // Past this, waiting in one Sleep would overshoot a short timeout; below it, polling costs CPU for nothing.
    private const int MaxLockRetryDelayMilliseconds = 10;

    public OsStoreFactory()
    {
    }

    public IOsProtectedStore Create(string cacheDirectory, string cacheFileName)
    {
        if (string.IsNullOrWhiteSpace(cacheDirectory))
        {
            throw new ArgumentException("The cache directory is empty.", nameof(cacheDirectory));
        }

        if (string.IsNullOrWhiteSpace(cacheFileName) || cacheFileName.IndexOfAny(new[] { '/', '\\' }) >= 0)
        {
            throw new ArgumentException("The cache file name must be a plain file name, e.g. tokens.os.cache.", nameof(cacheFileName));
        }

        string directory = NormalizeDirectory(cacheDirectory);
        string backend = GetBackendName();
        string location = DescribeLocation(backend, directory, cacheFileName);

        if (backend == "libsecret")
        {
            // libsecret with no session bus tries to autolaunch one (dbus-launch), which can hang a headless run.
            string? reason = GetDbusUnavailableReason(Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
            if (reason != null)
            {
                throw new InvalidOperationException(reason);
            }
        }

        var errors = new StorageErrorRecorder();
        StorageCreationProperties properties = new StorageCreationPropertiesBuilder(cacheFileName, directory)
            .WithMacKeyChain(MacServiceName, directory)
            .WithLinuxKeyring(
                LinuxSchemaName,
                MsalCacheHelper.LinuxKeyRingDefaultCollection,
                GetLinuxSecretLabel(directory),
                new KeyValuePair<string, string>(CachePathAttribute, directory),
                new KeyValuePair<string, string>(VersionAttribute, VersionValue))
            .Build();

        MsalStorage storage;
        try
        {
            storage = MsalStorage.Create(properties, errors.CreateTraceSource());
            storage.VerifyPersistence();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(FailureText.Unavailable(backend, ex, errors.TakeFailure()));
        }

        // The persistence check's own clean-up may log; it says nothing about the real item.
        errors.TakeFailure();
        return new MsalProtectedStore(storage, errors, backend, location);
    }

    public IDisposable AcquireLock(string lockFilePath, TimeSpan timeout)
    {
        if (string.IsNullOrWhiteSpace(lockFilePath))
        {
            throw new ArgumentException("The lock file path is empty.", nameof(lockFilePath));
        }

        GetRetryPlan(timeout, out int delay, out int count);
        string fullPath = Path.GetFullPath(lockFilePath);
        try
        {
            return new CrossPlatLock(fullPath, delay, count);
        }
        catch (InvalidOperationException ex)
        {
            // CrossPlatLock's only failure: every attempt to open the file exclusively failed.
            string cause = ex.InnerException is UnauthorizedAccessException
                ? "access to it is denied"
                : "another process holds it";
            throw new TimeoutException(
                "Could not take the cache lock '" + fullPath + "' within " + FormatTimeout(timeout) + ": " + cause
                + ". Try again when the other FacebookToken command has finished.");
        }
    }

    /// <summary>The reason libsecret cannot be used with this session bus address, or null when it may be tried.</summary>
    internal static string? GetDbusUnavailableReason(string? sessionBusAddress) =>
        string.IsNullOrWhiteSpace(sessionBusAddress) ? NoDbusSessionReason : null;

    /// <summary>
    /// How CrossPlatLock should poll to give up after about <paramref name="timeout"/>: it tries
    /// <paramref name="count"/> times and sleeps <paramref name="delay"/> ms after each failure.
    /// </summary>
    internal static void GetRetryPlan(TimeSpan timeout, out int delay, out int count)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            delay = MaxLockRetryDelayMilliseconds;
            count = int.MaxValue;
            return;
        }

        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The lock timeout must be zero or more, or Timeout.InfiniteTimeSpan.");
        }

        double milliseconds = Math.Ceiling(timeout.TotalMilliseconds);
        delay = (int)Math.Max(1, Math.Min(MaxLockRetryDelayMilliseconds, milliseconds));
        // CrossPlatLock sleeps after every failed attempt, the last one included: count * delay is the wait.
        double attempts = Math.Max(1, Math.Ceiling(milliseconds / delay));
        count = attempts >= int.MaxValue ? int.MaxValue : (int)attempts;
    }

    internal static string GetLinuxSecretLabel(string directory) => "FacebookToken cache (" + directory + ")";

    private static string NormalizeDirectory(string directory)
    {
        // One spelling per folder, so the keyring item (keyed by this string) is found again.
        string full = Path.GetFullPath(directory);
        string root = Path.GetPathRoot(full) ?? string.Empty;
        return full.Length > root.Length ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
    }

    private static string GetBackendName()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return "DPAPI";
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return "Keychain";
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return "libsecret";
        }

        throw new InvalidOperationException("OS secret store unavailable: " + RuntimeInformation.OSDescription + " has none that MSAL supports");
    }

    private static string DescribeLocation(string backend, string directory, string fileName) => backend switch
    {
        "DPAPI" => Path.Combine(directory, fileName),
        "Keychain" => "Keychain item (service '" + MacServiceName + "', account '" + directory + "')",
        _ => "libsecret item '" + GetLinuxSecretLabel(directory) + "' (" + CachePathAttribute + "=" + directory + ")",
    };

    private static string FormatTimeout(TimeSpan timeout) =>
        timeout.TotalSeconds >= 1 ? timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s"
            : timeout.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms";
}
