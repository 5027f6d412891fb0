using System;
using FacebookToken.Cache;
using MsalStorage = Microsoft.Identity.Client.Extensions.Msal.Storage;

namespace FacebookToken.Storage;

/// <summary>One cache blob in MSAL's Storage, with the failures MSAL only logs turned into exceptions.</summary>
/// <remarks>
/// MSAL's libsecret accessor logs a failed read or write and carries on (a failed read looks like an empty item), so
/// each call checks what was logged: the cache must never take a keyring error for "nothing stored yet". MSAL's own
/// exception types are rethrown as <see cref="InvalidOperationException"/> so no isolated type leaves this assembly.
/// Not thread safe, like <see cref="IOsProtectedStore"/>.
/// </remarks>
internal sealed class MsalProtectedStore : IOsProtectedStore
{
    private readonly MsalStorage _storage;
    private readonly StorageErrorRecorder _errors;

    public MsalProtectedStore(MsalStorage storage, StorageErrorRecorder errors, string backendName, string location)
    {
        _storage = storage;
        _errors = errors;
        BackendName = backendName;
        Location = location;
    }

    public string BackendName { get; }

    public string Location { get; }

    public byte[] ReadData()
    {
        _errors.TakeFailure();
        byte[] data;
        try
        {
            data = _storage.ReadData();
        }
        catch (Exception ex) when (FailureText.IsFromMsal(ex))
        {
            throw Failed("read", ex, null);
        }

        ThrowIfLogged("read");
        return data;
    }

    public void WriteData(byte[] data)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        _errors.TakeFailure();
        try
        {
            _storage.WriteData(data);
        }
        catch (Exception ex) when (FailureText.IsFromMsal(ex))
        {
            throw Failed("write", ex, null);
        }

        ThrowIfLogged("write");
    }

    public void Clear()
    {
        _errors.TakeFailure();
        try
        {
            _storage.Clear(ignoreExceptions: false);
        }
        catch (Exception ex) when (FailureText.IsFromMsal(ex))
        {
            throw Failed("clear", ex, null);
        }

        ThrowIfLogged("clear");
    }

    private void ThrowIfLogged(string action)
    {
        string? logged = _errors.TakeFailure();
        if (logged != null)
        {
            throw Failed(action, null, logged);
        }
    }

    private InvalidOperationException Failed(string action, Exception? ex, string? logged) =>
        new(BackendName + " could not " + action + " the token cache (" + Location + "): " + FailureText.Reason(ex, logged) + ".");
}
