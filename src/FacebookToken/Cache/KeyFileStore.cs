using System;
using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>The cache as an encrypted file, keyed by FACEBOOK_TOKEN_CACHE_KEY or -CacheKey.</summary>
/// <remarks>The key is held as a SecureString and becomes text only for the read, write or entry (<see cref="KeyFileCodec"/>) that uses it.</remarks>
internal sealed class KeyFileStore : ICacheStore
{
    private readonly string _path;
    private readonly SecureString _key;
    private readonly bool _raw;

    public KeyFileStore(string path, string key)
    {
        _path = path;
        _key = key.ToSecureString();
        _key.MakeReadOnly();
        _raw = CacheKeyMaterial.IsRawKey(key);
        using SHA256 sha = SHA256.Create();
        Identity = path + "|" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes("FacebookToken snapshot|" + key)));
    }

    public string Location => _path;

    public string ChangeMarkerPath => _path;

    public string Identity { get; }

    public CacheContents Read()
    {
        byte[] data = SecureFile.ReadAllOrEmpty(_path);
        return data.Length == 0 ? new CacheContents(new List<CacheRecord>(), KeyFileFormat.NewCodec(_key, _raw)) : KeyFileFormat.ReadRecords(data, _key);
    }

    public void Write(CacheContents contents) => SecureFile.WriteAtomic(_path, KeyFileFormat.WriteRecords(contents));
}
