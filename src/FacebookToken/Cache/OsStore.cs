using System;
using System.IO;
using System.Text;

namespace FacebookToken.Cache;

/// <summary>The cache inside the operating system's secret store (through the isolated MSAL Storage).</summary>
/// <remarks>One <see cref="IOsProtectedStore"/> serves a folder for the whole process and is not thread safe, so each call holds it.</remarks>
internal sealed class OsStore : ICacheStore
{
    private readonly IOsProtectedStore _store;

    public OsStore(IOsProtectedStore store, string directory)
    {
        _store = store;
        // Rewritten after every write: a keyring has no cheap change marker of its own.
        StampPath = Path.Combine(directory, "tokens.os.stamp");
    }

    public string Location => _store.Location;

    public string StampPath { get; }

    public string ChangeMarkerPath => StampPath;

    public string Identity => "os|" + StampPath;

    public CacheContents Read()
    {
        byte[] data;
        lock (_store)
        {
            data = _store.ReadData();
        }

        try
        {
            return RecordContainer.ReadPlain(data);
        }
        finally
        {
            Array.Clear(data, 0, data.Length);
        }
    }

    public void Write(CacheContents contents)
    {
        byte[] data = RecordContainer.WritePlain(contents);
        try
        {
            lock (_store)
            {
                _store.WriteData(data);
            }
        }
        finally
        {
            Array.Clear(data, 0, data.Length);
        }

        SecureFile.WriteAtomic(StampPath, Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N")));
    }
}
