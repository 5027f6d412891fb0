using System;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>The cache as an encrypted file, keyed by FACEBOOK_TOKEN_CACHE_KEY or -CacheKey.</summary>
/// <remarks>The key is held as a SecureString and becomes text only for the read or write that uses it.</remarks>
internal sealed class KeyFileStore : ICacheStore
{
    private readonly string _path;
    private readonly SecureString _key;

    public KeyFileStore(string path, string key)
    {
        _path = path;
        _key = key.ToSecureString();
        _key.MakeReadOnly();
        using SHA256 sha = SHA256.Create();
        Identity = path + "|" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes("FacebookToken snapshot|" + key)));
    }

    public string Location => _path;

    public string ChangeMarkerPath => _path;

    public string Identity { get; }

    public byte[] Read()
    {
        byte[] data = SecureFile.ReadAllOrEmpty(_path);
        return data.Length == 0 ? data : KeyFileFormat.Decrypt(data, _key.ToPlainText());
    }

    public void Write(byte[] document)
    {
        string key = _key.ToPlainText();
        byte[] existing = SecureFile.ReadAllOrEmpty(_path);
        byte[]? salt = null;
        int iterations = CacheKeyMaterial.DefaultIterations;
        if (KeyFileFormat.TryReadParameters(existing, out byte[] oldSalt, out int oldIterations))
        {
            // A file made by the other kind of key (passphrase or raw key) is never rewritten under this one.
            KeyFileFormat.RequireSameKind(KeyFileFormat.AlgorithmOf(existing), key);
            // Same salt and cost: the key this process derived to read the file serves to write it.
            salt = oldSalt;
            iterations = oldIterations;
        }

        SecureFile.WriteAtomic(_path, KeyFileFormat.Encrypt(document, key, salt, iterations));
    }
}
