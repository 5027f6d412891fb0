using System.Security.Cryptography;
using System.Text;
using FacebookToken.Cache;
using Xunit;

namespace FacebookToken.Tests;

public class KeyFileFormatTests
{
    private static readonly byte[] s_plain = Encoding.UTF8.GetBytes("{\"format\":\"FacebookToken.Cache\",\"tokens\":[{\"accessToken\":\"EAAGsecret\"}]}");

    [Theory]
    [InlineData(KeyFileFormat.AlgorithmGcm)]
    [InlineData(KeyFileFormat.AlgorithmCbcHmac)]
    public void RoundTripsWithTheRightKey(byte algorithm)
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, "correct horse battery staple", iterations: 1000, algorithm: algorithm);
        Assert.True(KeyFileFormat.HasMagic(data));
        Assert.Equal(algorithm, data[5]);
        Assert.Equal(s_plain, KeyFileFormat.Decrypt(data, "correct horse battery staple"));
        Assert.DoesNotContain("EAAGsecret", Encoding.UTF8.GetString(data));
    }

    [Theory]
    [InlineData(KeyFileFormat.AlgorithmGcm)]
    [InlineData(KeyFileFormat.AlgorithmCbcHmac)]
    public void WrongKeyIsToldApartFromDamage(byte algorithm)
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, "key one", iterations: 1000, algorithm: algorithm);
        Assert.Throws<CacheKeyException>(() => KeyFileFormat.Decrypt(data, "key two"));

        byte[] tampered = (byte[])data.Clone();
        tampered[tampered.Length - 20] ^= 0x01;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(tampered, "key one"));

        // FormatException is what TokenCache turns into CacheCorrupt (TokenCacheTests.TruncatedKeyFileIsCorrupt).
        byte[] truncated = data.Take(50).ToArray();
        var ex = Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(truncated, "key one"));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyFileFormat.AlgorithmGcm)]
    [InlineData(KeyFileFormat.AlgorithmCbcHmac)]
    public void EveryTruncationIsAFormatException(byte algorithm)
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, "key one", iterations: 1000, algorithm: algorithm);

        for (int length = 0; length < data.Length; length++)
        {
            byte[] truncated = data.Take(length).ToArray();
            Exception? thrown = Record.Exception(() => KeyFileFormat.Decrypt(truncated, "key one"));
            Assert.True(thrown is FormatException, $"A file cut to {length} of {data.Length} bytes threw {thrown?.GetType().FullName ?? "nothing"}, not FormatException.");
        }
    }

    [Fact]
    public void HeaderIsAuthenticated()
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, "k", iterations: 1000, algorithm: KeyFileFormat.AlgorithmGcm);
        byte[] changed = (byte[])data.Clone();
        changed[5] = KeyFileFormat.AlgorithmCbcHmac;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(changed, "k"));
    }

    [Fact]
    public void RewritesReuseSaltAndCost()
    {
        byte[] first = KeyFileFormat.Encrypt(s_plain, "k", iterations: 1234);
        Assert.True(KeyFileFormat.TryReadParameters(first, out byte[] salt, out int iterations));
        Assert.Equal(1234, iterations);
        byte[] second = KeyFileFormat.Encrypt(s_plain, "k", salt, iterations);
        Assert.True(KeyFileFormat.TryReadParameters(second, out byte[] salt2, out _));
        Assert.Equal(salt, salt2);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void DefaultCostIsDeliberate()
    {
        Assert.True(CacheKeyMaterial.DefaultIterations >= 600_000);
        byte[] data = KeyFileFormat.Encrypt(s_plain, "k-default-cost");
        Assert.True(KeyFileFormat.TryReadParameters(data, out _, out int iterations));
        Assert.Equal(CacheKeyMaterial.DefaultIterations, iterations);
    }

    [Fact]
    public void Pbkdf2MatchesTheFrameworkImplementation()
    {
        byte[] salt = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        byte[] expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("password"), salt, 2000, HashAlgorithmName.SHA256, 64);
        Assert.Equal(expected, CacheKeyMaterial.Derive("password", salt, 2000));
    }
}
