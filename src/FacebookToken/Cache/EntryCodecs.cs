using System;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// A key file's entries: each sealed with AES-256-CBC under the file's encryption key (a new IV each), tags an
/// HMAC-SHA256 of the name under a key derived from the file's authentication key, so the file shows no name. The
/// whole file is authenticated by <see cref="KeyFileFormat"/>; a record is opened only after that check.
/// </summary>
internal sealed class KeyFileCodec : IEntryCodec
{
    private readonly SecureString _key;

    public KeyFileCodec(SecureString key, byte[] salt, int iterations, bool raw)
    {
        _key = key;
        Salt = salt;
        Iterations = raw ? 0 : iterations;
        Raw = raw;
    }

    public byte[] Salt { get; }

    public int Iterations { get; }

    public bool Raw { get; }

    public IEntryCodecSession Begin() => BeginKeyFile();

    /// <summary>A session that also lends its 64 derived bytes to <see cref="KeyFileFormat"/> for the header and the file's MAC.</summary>
    public Session BeginKeyFile()
    {
        string text = _key.ToPlainText();
        // The passphrase's derivation is kept for the process (CacheKeyMaterial); the session wipes its own copy.
        byte[] key = Raw ? CacheKeyMaterial.DeriveFromRawKey(text, Salt) : (byte[])CacheKeyMaterial.Derive(text, Salt, Iterations).Clone();
        return new Session(key);
    }

    internal sealed class Session : AesEntrySession
    {
        private static readonly byte[] s_tagLabel = Encoding.ASCII.GetBytes("FacebookToken name tag v2");
        private readonly HMACSHA256 _tagger;

        public Session(byte[] key)
            : base(Slice(key, 0, 32))
        {
            Key = key;
            using var mac = new HMACSHA256(Slice(key, 32, 32));
            _tagger = new HMACSHA256(mac.ComputeHash(s_tagLabel));
        }

        /// <summary>The 64 derived bytes: 32 encrypt, 32 authenticate.</summary>
        public byte[] Key { get; }

        public override CacheTag Tag(string name) => new(_tagger.ComputeHash(Encoding.UTF8.GetBytes(CacheTag.NameKey(name))), 0);

        public override void Dispose()
        {
            base.Dispose();
            _tagger.Dispose();
            Array.Clear(Key, 0, Key.Length);
        }
    }

    private static byte[] Slice(byte[] data, int offset, int count)
    {
        var result = new byte[count];
        Buffer.BlockCopy(data, offset, result, 0, count);
        return result;
    }
}

/// <summary>
/// The entries of a store that keeps them as the operating system protects them (the keyring, DPAPI, the Keychain) or
/// unencrypted: plain on disk, and in memory sealed under a key made at random for this process, so a cache read
/// leaves no token text behind. Tags are a SHA-256 of the name, the same in every process.
/// </summary>
internal sealed class ProcessCodec : IEntryCodec
{
    public static readonly ProcessCodec Instance = new();

    private readonly byte[] _key = new byte[32];

    private ProcessCodec()
    {
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(_key);
    }

    public IEntryCodecSession Begin() => new Session((byte[])_key.Clone());

    private sealed class Session : AesEntrySession
    {
        private readonly SHA256 _sha = SHA256.Create();

        public Session(byte[] key)
            : base(key)
        {
        }

        public override CacheTag Tag(string name) => new(_sha.ComputeHash(Encoding.UTF8.GetBytes(CacheTag.NameKey(name))), 0);

        public override void Dispose()
        {
            base.Dispose();
            _sha.Dispose();
        }
    }
}

/// <summary>AES-256-CBC, PKCS#7, a random IV before each sealed entry.</summary>
internal abstract class AesEntrySession : IEntryCodecSession
{
    private const int IvLength = 16;
    private readonly Aes _aes;
    private readonly byte[] _encryptionKey;
    private RandomNumberGenerator? _rng;

    protected AesEntrySession(byte[] encryptionKey)
    {
        _encryptionKey = encryptionKey;
        _aes = Aes.Create();
        _aes.Key = encryptionKey;
        _aes.Mode = CipherMode.CBC;
        _aes.Padding = PaddingMode.PKCS7;
    }

    public abstract CacheTag Tag(string name);

    public byte[] Seal(byte[] entry)
    {
        byte[] iv = new byte[IvLength];
        // Made on the first seal: a read only opens.
        (_rng ??= RandomNumberGenerator.Create()).GetBytes(iv);
#if NET
        byte[] cipher = _aes.EncryptCbc(entry, iv);
#else
        byte[] cipher;
        using (ICryptoTransform encryptor = _aes.CreateEncryptor(_encryptionKey, iv))
        {
            cipher = encryptor.TransformFinalBlock(entry, 0, entry.Length);
        }
#endif
        byte[] result = new byte[IvLength + cipher.Length];
        Buffer.BlockCopy(iv, 0, result, 0, IvLength);
        Buffer.BlockCopy(cipher, 0, result, IvLength, cipher.Length);
        return result;
    }

    public byte[] Open(byte[] sealedEntry)
    {
        if (sealedEntry.Length < IvLength + 16 || (sealedEntry.Length - IvLength) % 16 != 0)
        {
            throw new FormatException("a cache entry is cut short");
        }

        try
        {
#if NET
            return _aes.DecryptCbc(new ReadOnlySpan<byte>(sealedEntry, IvLength, sealedEntry.Length - IvLength), new ReadOnlySpan<byte>(sealedEntry, 0, IvLength));
#else
            byte[] iv = new byte[IvLength];
            Buffer.BlockCopy(sealedEntry, 0, iv, 0, IvLength);
            using ICryptoTransform decryptor = _aes.CreateDecryptor(_encryptionKey, iv);
            return decryptor.TransformFinalBlock(sealedEntry, IvLength, sealedEntry.Length - IvLength);
#endif
        }
        catch (CryptographicException ex)
        {
            throw new FormatException("a cache entry cannot be decrypted", ex);
        }
    }

    public virtual void Dispose()
    {
        _aes.Dispose();
        _rng?.Dispose();
        Array.Clear(_encryptionKey, 0, _encryptionKey.Length);
    }
}
