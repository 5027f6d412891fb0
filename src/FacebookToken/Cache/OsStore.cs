namespace FacebookToken.Cache;

/// <summary>The cache inside the operating system's secret store (through the isolated MSAL Storage).</summary>
internal sealed class OsStore : ICacheStore
{
    private readonly IOsProtectedStore _store;

    public OsStore(IOsProtectedStore store)
    {
        _store = store;
    }

    public string Location => _store.Location;

    public byte[] Read() => _store.ReadData();

    public void Write(byte[] document) => _store.WriteData(document);
}
