using System;
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

    public static bool HasMagic(byte[] data) => ConstantTime.StartsWith(data, s_magic);

    public byte[] Read()
    {
        byte[] data = SecureFile.ReadAllOrEmpty(_path);
        if (data.Length == 0)
        {
            return data;
        }

        if (!HasMagic(data))
        {
            throw new FormatException("not an unencrypted FacebookToken cache");
        }

        var document = new byte[data.Length - s_magic.Length];
        Buffer.BlockCopy(data, s_magic.Length, document, 0, document.Length);
        return document;
    }

    public void Write(byte[] document)
    {
        var data = new byte[s_magic.Length + document.Length];
        Buffer.BlockCopy(s_magic, 0, data, 0, s_magic.Length);
        Buffer.BlockCopy(document, 0, data, s_magic.Length, document.Length);
        SecureFile.WriteAtomic(_path, data);
    }
}
