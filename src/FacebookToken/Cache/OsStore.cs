using System;
using System.IO;
using System.Text;

namespace FacebookToken.Cache;

/// <summary>The cache inside the operating system's secret store (through the isolated MSAL Storage).</summary>
/// <remarks>One <see cref="IOsProtectedStore"/> serves a folder for the whole process and is not thread safe, so each call holds it.</remarks>
internal sealed class OsStore : ICacheStore
{
    /// <summary>Rewritten after every write: earlier versions keep what they read until this file's timestamp changes.</summary>
    private const string StampFileName = "tokens.os.stamp";

    private readonly IOsProtectedStore _store;
    private readonly string _stampPath;

    public OsStore(IOsProtectedStore store, string directory)
    {
        _store = store;
        _stampPath = Path.Combine(directory, StampFileName);
    }

    public string Location => _store.Location;

    public byte[] Read()
    {
        lock (_store)
        {
            return _store.ReadData();
        }
    }

    public void Write(byte[] document)
    {
        lock (_store)
        {
            _store.WriteData(document);
        }

        SecureFile.WriteAtomic(_stampPath, Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N")));
    }
}
