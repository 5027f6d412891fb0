using System;
using System.IO;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// The key-file cache format: a header, then the document encrypted with AES-256-CBC and authenticated with
/// HMAC-SHA256 (encrypt-then-MAC) under keys derived from FACEBOOK_TOKEN_CACHE_KEY. Both builds write it and read it.
/// </summary>
/// <remarks>
/// Layout: "FBTK" | version | algorithm | iterations (int32 LE) | salt (16) | key check (16) | body.
/// Version 2 (written since cache format 2): the body is one record per token (<see cref="RecordContainer"/>: a tag of
/// the name, then the entry sealed by <see cref="KeyFileCodec"/>), then an HMAC (32) of everything before it; a save
/// seals only its own entry and copies the others as bytes. Version 1 (read, and rewritten as 2 by the next change),
/// whose algorithms follow, holds the whole document in one ciphertext.
/// Algorithm 2, written under a passphrase: IV (16) | ciphertext | HMAC (32) of header, IV and ciphertext; the first
/// 32 derived bytes encrypt, the last 32 authenticate. Algorithm 3, written under a raw 256-bit key ("base64:..."):
/// the same body, the 64 bytes from HKDF-SHA256 of the raw key and the salt, iterations 0. The algorithm byte records
/// which kind of key made the file: a passphrase never opens an algorithm 3 file, nor a raw key an algorithm 2 one,
/// even where the two are the same text. FacebookToken before the raw key refuses an algorithm 3 file as unknown. Algorithm 1, only read: nonce (12) | ciphertext | tag (16), AES-256-GCM
/// with the header as associated data, which FacebookToken 0.1.0 wrote on PowerShell 7. The key check (an HMAC of a
/// constant under the authentication key) tells a wrong key from a damaged file.
/// Why not GCM where the runtime has it: .NET Framework 4.7.2 has no AesGcm, so a GCM file written by pwsh could not
/// be read by powershell.exe on the same machine. Algorithm 2 is also what 0.1.0 read on both editions, so a file
/// written now stays readable by it.
/// </remarks>
internal static class KeyFileFormat
{
    /// <summary>AES-256-GCM: written by FacebookToken 0.1.0 on PowerShell 7; read by the net8.0 build only.</summary>
    public const byte LegacyAlgorithmGcm = 1;

    /// <summary>AES-256-CBC with HMAC-SHA256 under a PBKDF2-stretched passphrase: what both builds write for a passphrase.</summary>
    public const byte AlgorithmCbcHmac = 2;

    /// <summary>AES-256-CBC with HMAC-SHA256 under a raw 256-bit key expanded by HKDF: what both builds write for a raw key.</summary>
    public const byte AlgorithmCbcHmacRawKey = 3;

    /// <summary>The most key-derivation rounds a file may ask for: ten times what is written.</summary>
    public const int MaxIterations = 10 * CacheKeyMaterial.DefaultIterations;

    /// <summary>Format 1: the whole document in one ciphertext. Read only.</summary>
    private const byte FormatVersion = 1;

    /// <summary>Format 2: header | records (<see cref="RecordContainer"/>, each entry sealed by <see cref="KeyFileCodec"/>) | HMAC (32) of all before it.</summary>
    public const byte RecordsVersion = 2;
    private const int HeaderLength = 4 + 1 + 1 + 4 + 16 + 16;
    private const int IvLength = 16;
    private const int MacLength = 32;
    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("FBTK");
    private static readonly byte[] s_keyCheckLabel = Encoding.ASCII.GetBytes("FacebookToken key check v1");

    public static bool HasMagic(byte[] data) => ConstantTime.StartsWith(data, s_magic);

    /// <summary>The salt and cost of an existing file, so a rewrite reuses the key this process already derived.</summary>
    public static bool TryReadParameters(byte[] data, out byte[] salt, out int iterations)
    {
        salt = new byte[16];
        iterations = 0;
        if (data.Length < HeaderLength || !HasMagic(data))
        {
            return false;
        }

        iterations = BitConverter.ToInt32(data, 6);
        Buffer.BlockCopy(data, 10, salt, 0, 16);
        return true;
    }

    /// <summary>
    /// A version 1 file (the module writes version 2, <see cref="WriteRecords"/>; tests make the files earlier versions
    /// wrote with this). Encrypts under a passphrase (algorithm 2, <paramref name="iterations"/> PBKDF2 rounds) or a raw key (algorithm 3,
    /// no rounds: <paramref name="iterations"/> is ignored).
    /// </summary>
    public static byte[] Encrypt(byte[] plaintext, string keyText, byte[]? salt = null, int iterations = CacheKeyMaterial.DefaultIterations)
    {
        if (salt is null)
        {
            salt = new byte[16];
            Fill(salt);
        }

        bool raw = CacheKeyMaterial.IsRawKey(keyText);
        if (raw)
        {
            iterations = 0;
        }

        byte[] key = raw ? CacheKeyMaterial.DeriveFromRawKey(keyText, salt) : CacheKeyMaterial.Derive(keyText, salt, iterations);
        byte[] header = new byte[HeaderLength];
        Buffer.BlockCopy(s_magic, 0, header, 0, 4);
        header[4] = FormatVersion;
        header[5] = raw ? AlgorithmCbcHmacRawKey : AlgorithmCbcHmac;
        Buffer.BlockCopy(BitConverter.GetBytes(iterations), 0, header, 6, 4);
        Buffer.BlockCopy(salt, 0, header, 10, 16);
        Buffer.BlockCopy(KeyCheck(key), 0, header, 26, 16);

        byte[] iv = new byte[IvLength];
        Fill(iv);
        byte[] cipher;
        using (Aes aes = CreateAes(key, iv))
        using (ICryptoTransform encryptor = aes.CreateEncryptor())
        {
            cipher = encryptor.TransformFinalBlock(plaintext, 0, plaintext.Length);
        }

        byte[] mac = Mac(key, header, iv, cipher);
        using var output = new MemoryStream(HeaderLength + IvLength + cipher.Length + MacLength);
        output.Write(header, 0, header.Length);
        output.Write(iv, 0, iv.Length);
        output.Write(cipher, 0, cipher.Length);
        output.Write(mac, 0, mac.Length);
        return output.ToArray();
    }

    /// <summary>
    /// Decrypts; throws <see cref="CacheKeyException"/> for a wrong key, <see cref="FormatException"/> for a damaged or
    /// unknown file, and <see cref="InvalidOperationException"/> for a sound file this runtime cannot decrypt.
    /// </summary>
    public static byte[] Decrypt(byte[] data, string keyText)
    {
        (byte algorithm, byte[] salt, int iterations) = ReadHeader(data, keyText, FormatVersion);
        byte[] header = Slice(data, 0, HeaderLength);
        byte[] key = algorithm == AlgorithmCbcHmacRawKey ? CacheKeyMaterial.DeriveFromRawKey(keyText, salt) : CacheKeyMaterial.Derive(keyText, salt, iterations);
        RequireKey(key, data);
        return algorithm == LegacyAlgorithmGcm ? DecryptGcm(data, key, header) : DecryptCbcHmac(data, key, header);
    }

    /// <summary>
    /// A key file's records (format 2), or a format 1 file's entries sealed as records under the same salt and cost, so
    /// the next write turns it into format 2. Throws <see cref="CacheKeyException"/> for a wrong key and
    /// <see cref="FormatException"/> for a damaged or unknown file.
    /// </summary>
    public static CacheContents ReadRecords(byte[] data, SecureString key)
    {
        string keyText = key.ToPlainText();
        if (data.Length >= HeaderLength && HasMagic(data) && data[4] == FormatVersion)
        {
            byte[] plain = Decrypt(data, keyText);
            try
            {
                CacheDocument doc = CacheDocument.Deserialize(plain);
                TryReadParameters(data, out byte[] oldSalt, out int oldIterations);
                var legacy = new KeyFileCodec(key, oldSalt, oldIterations, data[5] == AlgorithmCbcHmacRawKey);
                using KeyFileCodec.Session session = legacy.BeginKeyFile();
                return new CacheContents(RecordContainer.FromDocument(doc, session), legacy);
            }
            finally
            {
                Array.Clear(plain, 0, plain.Length);
            }
        }

        if (data.Length < HeaderLength + MacLength)
        {
            throw new FormatException("not a FacebookToken key-file cache");
        }

        (byte algorithm, byte[] salt, int iterations) = ReadHeader(data, keyText, RecordsVersion);
        var codec = new KeyFileCodec(key, salt, iterations, algorithm == AlgorithmCbcHmacRawKey);
        using (KeyFileCodec.Session session = codec.BeginKeyFile())
        {
            RequireKey(session.Key, data);
            using var hmac = new HMACSHA256(Slice(session.Key, 32, 32));
            if (!ConstantTime.EqualsBytes(hmac.ComputeHash(data, 0, data.Length - MacLength), Slice(data, data.Length - MacLength, MacLength)))
            {
                throw new FormatException("its contents fail authentication (damaged or altered)");
            }
        }

        return new CacheContents(RecordContainer.Read(data, HeaderLength, data.Length - MacLength), codec);
    }

    /// <summary>A new cache's codec under <paramref name="key"/>: a new salt, and the default cost for a passphrase.</summary>
    public static KeyFileCodec NewCodec(SecureString key, bool raw)
    {
        byte[] salt = new byte[16];
        Fill(salt);
        return new KeyFileCodec(key, salt, CacheKeyMaterial.DefaultIterations, raw);
    }

    /// <summary>A format 2 key file of <paramref name="contents"/>, whose codec is the file's own (<see cref="ReadRecords"/> or <see cref="NewCodec"/>).</summary>
    public static byte[] WriteRecords(CacheContents contents)
    {
        var codec = contents.Codec as KeyFileCodec ?? throw new InvalidOperationException("a key file's records are sealed by its own codec");
        using KeyFileCodec.Session session = codec.BeginKeyFile();
        byte[] header = new byte[HeaderLength];
        Buffer.BlockCopy(s_magic, 0, header, 0, 4);
        header[4] = RecordsVersion;
        header[5] = codec.Raw ? AlgorithmCbcHmacRawKey : AlgorithmCbcHmac;
        Buffer.BlockCopy(BitConverter.GetBytes(codec.Iterations), 0, header, 6, 4);
        Buffer.BlockCopy(codec.Salt, 0, header, 10, 16);
        Buffer.BlockCopy(KeyCheck(session.Key), 0, header, 26, 16);

        using var output = new MemoryStream();
        output.Write(header, 0, header.Length);
        RecordContainer.Write(output, contents.Records);
        using var hmac = new HMACSHA256(Slice(session.Key, 32, 32));
        byte[] mac = hmac.ComputeHash(output.GetBuffer(), 0, (int)output.Length);
        output.Write(mac, 0, mac.Length);
        return output.ToArray();
    }

    /// <summary>
    /// Throws <see cref="CacheKeyException"/> when the file was made by the other kind of key (before any derivation):
    /// a passphrase and a raw key never open each other's files, even as the same text.
    /// </summary>
    public static void RequireSameKind(byte algorithm, string keyText)
    {
        bool rawFile = algorithm == AlgorithmCbcHmacRawKey;
        bool rawKey = CacheKeyMaterial.IsRawKey(keyText);
        if (rawFile && !rawKey)
        {
            throw new CacheKeyException("the cache was written with a raw 256-bit key ('" + CacheKeyMaterial.RawKeyPrefix + "...'), and the key given is a passphrase", otherKindOfKey: true);
        }

        if (!rawFile && rawKey)
        {
            throw new CacheKeyException("the cache was written with a passphrase, and the key given is a raw 256-bit key ('" + CacheKeyMaterial.RawKeyPrefix + "...'); a raw key and a passphrase never open each other's caches", otherKindOfKey: true);
        }
    }

    /// <summary>
    /// The algorithm, salt and cost of a sound header of <paramref name="version"/>, checked before anything is derived:
    /// the magic, the version, a known algorithm (AES-GCM only in version 1), the cost, and the kind of key given.
    /// </summary>
    private static (byte Algorithm, byte[] Salt, int Iterations) ReadHeader(byte[] data, string keyText, byte version)
    {
        if (data.Length < HeaderLength || !HasMagic(data))
        {
            throw new FormatException("not a FacebookToken key-file cache");
        }

        if (data[4] != version)
        {
            throw new FormatException("written by a newer FacebookToken (key-file format " + data[4] + ")");
        }

        byte algorithm = data[5];
        if (algorithm != AlgorithmCbcHmac && algorithm != AlgorithmCbcHmacRawKey && !(algorithm == LegacyAlgorithmGcm && version == FormatVersion))
        {
            throw new FormatException("unknown encryption algorithm " + algorithm);
        }

        TryReadParameters(data, out byte[] salt, out int iterations);
        CheckCost(algorithm, iterations);

        // A sound header; now the kind of key it was made with must be the kind given (a passphrase never opens a raw-key file, nor the reverse).
        RequireSameKind(algorithm, keyText);
        return (algorithm, salt, iterations);
    }

    /// <summary>Throws <see cref="CacheKeyException"/> when the header's key check was not made by <paramref name="key"/> (a wrong key, not damage).</summary>
    private static void RequireKey(byte[] key, byte[] data)
    {
        if (!ConstantTime.EqualsBytes(KeyCheck(key), Slice(data, 26, 16)))
        {
            throw new CacheKeyException("the key does not match the one the cache was written with");
        }
    }

    /// <summary>Refuses a header's key-derivation cost before anything is derived: none for a raw key, 1,000 to <see cref="MaxIterations"/> for a passphrase.</summary>
    private static void CheckCost(byte algorithm, int iterations)
    {
        bool rawFile = algorithm == AlgorithmCbcHmacRawKey;
        if (rawFile && iterations != 0)
        {
            throw new FormatException("a raw-key file's header asks for " + iterations.ToString(System.Globalization.CultureInfo.InvariantCulture) + " key-derivation rounds; it has none");
        }

        if (!rawFile && (iterations < 1000 || iterations > MaxIterations))
        {
            // Checked before deriving: a hostile header asking for 100,000,000 rounds would otherwise cost a minute per read.
            throw new FormatException("the header asks for " + iterations.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " key-derivation rounds; a FacebookToken cache uses 1,000 to " + MaxIterations.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The algorithm byte of a key file, or 0 for anything else.</summary>
    public static byte AlgorithmOf(byte[] data) => data.Length >= HeaderLength && HasMagic(data) ? data[5] : (byte)0;

    private static byte[] DecryptCbcHmac(byte[] data, byte[] key, byte[] header)
    {
        if (data.Length < HeaderLength + IvLength + 16 + MacLength)
        {
            throw new FormatException("the file is truncated");
        }

        byte[] iv = Slice(data, HeaderLength, IvLength);
        byte[] body = Slice(data, HeaderLength + IvLength, data.Length - HeaderLength - IvLength - MacLength);
        byte[] givenMac = Slice(data, data.Length - MacLength, MacLength);
        if (!ConstantTime.EqualsBytes(Mac(key, header, iv, body), givenMac))
        {
            throw new FormatException("its contents fail authentication (damaged or altered)");
        }

        using Aes aes = CreateAes(key, iv);
        using ICryptoTransform decryptor = aes.CreateDecryptor();
        try
        {
            return decryptor.TransformFinalBlock(body, 0, body.Length);
        }
        catch (CryptographicException ex)
        {
            throw new FormatException("its contents cannot be decrypted", ex);
        }
    }

#if NET8_0_OR_GREATER
    private static byte[] DecryptGcm(byte[] data, byte[] key, byte[] header)
    {
        if (!AesGcm.IsSupported)
        {
            throw GcmUnavailable("this system's cryptography library has no AES-GCM");
        }

        if (data.Length < HeaderLength + 12 + 16)
        {
            throw new FormatException("the file is truncated");
        }

        byte[] nonce = Slice(data, HeaderLength, 12);
        byte[] cipher = Slice(data, HeaderLength + 12, data.Length - HeaderLength - 12 - 16);
        byte[] tag = Slice(data, data.Length - 16, 16);
        byte[] plain = new byte[cipher.Length];
        try
        {
            using var gcm = new AesGcm(new ReadOnlySpan<byte>(key, 0, 32), 16);
            gcm.Decrypt(nonce, cipher, tag, plain, header);
        }
        catch (CryptographicException ex)
        {
            throw new FormatException("its contents fail authentication (damaged or altered)", ex);
        }

        return plain;
    }
#else
    private static byte[] DecryptGcm(byte[] data, byte[] key, byte[] header) =>
        throw GcmUnavailable("Windows PowerShell (.NET Framework) has no AES-GCM");
#endif

    private static InvalidOperationException GcmUnavailable(string why) =>
        new(
            "it was written with AES-GCM by FacebookToken 0.1.0 on PowerShell 7, and " + why + ". It was left as it is. "
                + "Save to it once from PowerShell 7 with the same cache path and key, e.g. "
                + "Get-FacebookToken -IncludeExpired | Select-Object -First 1 | Save-FacebookToken; "
                + "that rewrites it in the format both PowerShell editions read.");

    private static Aes CreateAes(byte[] key, byte[] iv)
    {
        Aes aes = Aes.Create();
        aes.Key = Slice(key, 0, 32);
        aes.IV = iv;
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.PKCS7;
        return aes;
    }

    private static byte[] KeyCheck(byte[] key)
    {
        using var hmac = new HMACSHA256(Slice(key, 32, 32));
        return Slice(hmac.ComputeHash(s_keyCheckLabel), 0, 16);
    }

    private static byte[] Mac(byte[] key, byte[] header, byte[] iv, byte[] cipher)
    {
        using var hmac = new HMACSHA256(Slice(key, 32, 32));
        hmac.TransformBlock(header, 0, header.Length, null, 0);
        hmac.TransformBlock(iv, 0, iv.Length, null, 0);
        hmac.TransformFinalBlock(cipher, 0, cipher.Length);
        return hmac.Hash!;
    }

    private static byte[] Slice(byte[] data, int offset, int count)
    {
        var result = new byte[count];
        Buffer.BlockCopy(data, offset, result, 0, count);
        return result;
    }

    private static void Fill(byte[] buffer)
    {
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(buffer);
    }
}
