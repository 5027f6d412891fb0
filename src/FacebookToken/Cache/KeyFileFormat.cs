using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// The key-file cache format: a header, then the document encrypted and authenticated with a key derived from
/// FACEBOOK_TOKEN_CACHE_KEY. AES-256-GCM where the runtime has it (PowerShell 7); AES-256-CBC with HMAC-SHA256
/// (encrypt-then-MAC) where it does not (Windows PowerShell).
/// </summary>
/// <remarks>
/// Layout: "FBTK" | version 1 | algorithm (1 GCM, 2 CBC+HMAC) | iterations (int32 LE) | salt (16) | key check (16) |
/// nonce (12) or IV (16) | ciphertext | tag (16) or HMAC (32). The header is authenticated as associated data. The
/// key check (an HMAC of a constant under the derived key) tells a wrong key from a damaged file.
/// </remarks>
internal static class KeyFileFormat
{
    public const byte AlgorithmGcm = 1;
    public const byte AlgorithmCbcHmac = 2;
    private const int HeaderLength = 4 + 1 + 1 + 4 + 16 + 16;
    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("FBTK");
    private static readonly byte[] s_keyCheckLabel = Encoding.ASCII.GetBytes("FacebookToken key check v1");

    public static bool HasMagic(byte[] data) => ConstantTime.StartsWith(data, s_magic);

#if NET8_0_OR_GREATER
    public static byte PreferredAlgorithm => AesGcm.IsSupported ? AlgorithmGcm : AlgorithmCbcHmac;
#else
    public static byte PreferredAlgorithm => AlgorithmCbcHmac;
#endif

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

    public static byte[] Encrypt(byte[] plaintext, string keyText, byte[]? salt = null, int iterations = CacheKeyMaterial.DefaultIterations, byte? algorithm = null)
    {
        byte alg = algorithm ?? PreferredAlgorithm;
        if (salt is null)
        {
            salt = new byte[16];
            Fill(salt);
        }

        byte[] key = CacheKeyMaterial.Derive(keyText, salt, iterations);
        byte[] header = new byte[HeaderLength];
        Buffer.BlockCopy(s_magic, 0, header, 0, 4);
        header[4] = 1;
        header[5] = alg;
        Buffer.BlockCopy(BitConverter.GetBytes(iterations), 0, header, 6, 4);
        Buffer.BlockCopy(salt, 0, header, 10, 16);
        Buffer.BlockCopy(KeyCheck(key), 0, header, 26, 16);

        using var output = new MemoryStream();
        output.Write(header, 0, header.Length);
        if (alg == AlgorithmGcm)
        {
#if NET8_0_OR_GREATER
            byte[] nonce = new byte[12];
            Fill(nonce);
            byte[] cipher = new byte[plaintext.Length];
            byte[] tag = new byte[16];
            using (var gcm = new AesGcm(new ReadOnlySpan<byte>(key, 0, 32), 16))
            {
                gcm.Encrypt(nonce, plaintext, cipher, tag, header);
            }

            output.Write(nonce, 0, nonce.Length);
            output.Write(cipher, 0, cipher.Length);
            output.Write(tag, 0, tag.Length);
#else
            throw new PlatformNotSupportedException("AES-GCM is not available in this runtime.");
#endif
        }
        else
        {
            byte[] iv = new byte[16];
            Fill(iv);
            byte[] cipher;
            using (Aes aes = Aes.Create())
            {
                aes.Key = Slice(key, 0, 32);
                aes.IV = iv;
                aes.Mode = CipherMode.CBC;
                aes.Padding = PaddingMode.PKCS7;
                using ICryptoTransform enc = aes.CreateEncryptor();
                cipher = enc.TransformFinalBlock(plaintext, 0, plaintext.Length);
            }

            output.Write(iv, 0, iv.Length);
            output.Write(cipher, 0, cipher.Length);
            byte[] mac = Mac(key, header, iv, cipher);
            output.Write(mac, 0, mac.Length);
        }

        return output.ToArray();
    }

    /// <summary>Decrypts; throws <see cref="CacheKeyException"/> for a wrong key and <see cref="FormatException"/> for a damaged or unreadable file.</summary>
    public static byte[] Decrypt(byte[] data, string keyText)
    {
        if (data.Length < HeaderLength || !HasMagic(data))
        {
            throw new FormatException("not a FacebookToken key-file cache");
        }

        if (data[4] != 1)
        {
            throw new FormatException("written by a newer FacebookToken (key-file format " + data[4] + ")");
        }

        byte alg = data[5];
        TryReadParameters(data, out byte[] salt, out int iterations);
        if (iterations < 1000 || iterations > 100_000_000)
        {
            throw new FormatException("the header's key-derivation cost is out of range");
        }

        byte[] header = Slice(data, 0, HeaderLength);
        byte[] key = CacheKeyMaterial.Derive(keyText, salt, iterations);
        if (!ConstantTime.EqualsBytes(KeyCheck(key), Slice(data, 26, 16)))
        {
            throw new CacheKeyException("the key does not match the one the cache was written with");
        }

        int offset = HeaderLength;
        if (alg == AlgorithmGcm)
        {
#if NET8_0_OR_GREATER
            if (data.Length < offset + 12 + 16)
            {
                throw new FormatException("the file is truncated");
            }

            byte[] nonce = Slice(data, offset, 12);
            byte[] cipher = Slice(data, offset + 12, data.Length - offset - 12 - 16);
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
#else
            throw new FormatException("it was written with AES-GCM by PowerShell 7, which Windows PowerShell cannot decrypt; read it from PowerShell 7");
#endif
        }

        if (alg != AlgorithmCbcHmac)
        {
            throw new FormatException("unknown encryption algorithm " + alg);
        }

        if (data.Length < offset + 16 + 16 + 32)
        {
            throw new FormatException("the file is truncated");
        }

        byte[] iv = Slice(data, offset, 16);
        byte[] body = Slice(data, offset + 16, data.Length - offset - 16 - 32);
        byte[] givenMac = Slice(data, data.Length - 32, 32);
        if (!ConstantTime.EqualsBytes(Mac(key, header, iv, body), givenMac))
        {
            throw new FormatException("its contents fail authentication (damaged or altered)");
        }

        using Aes aesDec = Aes.Create();
        aesDec.Key = Slice(key, 0, 32);
        aesDec.IV = iv;
        aesDec.Mode = CipherMode.CBC;
        aesDec.Padding = PaddingMode.PKCS7;
        using ICryptoTransform dec = aesDec.CreateDecryptor();
        try
        {
            return dec.TransformFinalBlock(body, 0, body.Length);
        }
        catch (CryptographicException ex)
        {
            throw new FormatException("its contents cannot be decrypted", ex);
        }
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
