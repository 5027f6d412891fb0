namespace FacebookToken.Cache;

/// <summary>
/// One blob kept by the operating system's secret store (DPAPI file, macOS Keychain item, libsecret item).
/// Implemented in the isolated FacebookToken.Storage assembly over MSAL's Storage; only BCL types cross.
/// </summary>
/// <remarks>Not thread safe; callers hold the cache lock around each use.</remarks>
public interface IOsProtectedStore
{
    /// <summary>"DPAPI", "Keychain" or "libsecret".</summary>
    string BackendName { get; }

    /// <summary>Where the data lives, for messages (a file path, or a keyring item's label and attributes).</summary>
    string Location { get; }

    /// <summary>The stored bytes; an empty array when nothing is stored yet.</summary>
    byte[] ReadData();

    void WriteData(byte[] data);

    void Clear();
}
