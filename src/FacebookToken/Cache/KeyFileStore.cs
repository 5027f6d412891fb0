using System;
using System.Security.Cryptography;
using System.Text;

namespace FacebookToken.Cache;

/// <summary>The cache as an encrypted file, keyed by FACEBOOK_TOKEN_CACHE_KEY or -CacheKey.</summary>
internal sealed class KeyFileStore : ICacheStore
{
    private readonly string _path;
    private readonly string _key;

    public KeyFileStore(string path, string key)
    {
        _path = path;
        _key = key;
        using SHA256 sha = SHA256.Create();
        Identity = path + "|" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes("FacebookToken snapshot|" + key)));
    }

    public string Location => _path;

    public string Identity { get; }

    public byte[] Read()
    {
        byte[] data = SecureFile.ReadAllOrEmpty(_path);
        return data.Length == 0 ? data : KeyFileFormat.Decrypt(data, _key);
    }

    public void Write(byte[] document)
    {
        byte[] existing = SecureFile.ReadAllOrEmpty(_path);
        byte[]? salt = null;
        int iterations = CacheKeyMaterial.DefaultIterations;
        if (KeyFileFormat.TryReadParameters(existing, out byte[] oldSalt, out int oldIterations))
        {
            // A file made by the other kind of key (passphrase or raw key) is never rewritten under this one.
            KeyFileFormat.RequireSameKind(KeyFileFormat.AlgorithmOf(existing), _key);
            // Same salt and cost: the key this process derived to read the file serves to write it.
            salt = oldSalt;
            iterations = oldIterations;
        }

        SecureFile.WriteAtomic(_path, KeyFileFormat.Encrypt(document, _key, salt, iterations));
    }
}
