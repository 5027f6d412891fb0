using FacebookToken.Cache;

namespace FacebookToken.Tests;

/// <summary>An OS secret store held in memory, for cache tests that need one that works.</summary>
internal sealed class MemoryOsStore : IOsProtectedStore
{
    private byte[] _data = Array.Empty<byte>();

    public string BackendName => "TestOS";

    public string Location => "test OS store";

    public byte[] ReadData() => (byte[])_data.Clone();

    public void WriteData(byte[] data) => _data = (byte[])data.Clone();

    public void Clear() => _data = Array.Empty<byte>();
}
