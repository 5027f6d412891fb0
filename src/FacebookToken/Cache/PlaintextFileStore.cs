using System;
using System.Linq;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>The opt-in unencrypted cache file: a marker line, then the records (<see cref="RecordContainer"/>) or an earlier version's document.</summary>
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

    public CacheContents Read()
    {
        byte[] data = SecureFile.ReadAllOrEmpty(_path);
        if (data.Length > 0 && !HasMagic(data))
        {
            throw new FormatException("not an unencrypted FacebookToken cache");
        }

        return RecordContainer.ReadPlain(data.Skip(s_magic.Length).ToArray());
    }

    public void Write(CacheContents contents) => SecureFile.WriteAtomic(_path, s_magic.Concat(RecordContainer.WritePlain(contents)).ToArray());
}
