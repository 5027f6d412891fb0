using System;
using System.Linq;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>The opt-in unencrypted cache file: a marker line, then the document.</summary>
internal sealed class PlaintextFileStore : ICacheStore
{
    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("FBTP-UNENCRYPTED\n");
    private readonly string _path;

    public PlaintextFileStore(string path)
    {
        _path = path;
    }

    public string Location => _path;

    public string ChangeMarkerPath => _path;

    public string Identity => _path;

    public static bool HasMagic(byte[] data) => ConstantTime.StartsWith(data, s_magic);

    public byte[] Read()
    {
        byte[] data = SecureFile.ReadAllOrEmpty(_path);
        if (data.Length > 0 && !HasMagic(data))
        {
            throw new FormatException("not an unencrypted FacebookToken cache");
        }

        return data.Skip(s_magic.Length).ToArray();
    }

    public void Write(byte[] document) => SecureFile.WriteAtomic(_path, s_magic.Concat(document).ToArray());
}
