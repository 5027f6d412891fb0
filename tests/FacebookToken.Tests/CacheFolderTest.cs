using FacebookToken.Cache;
using FacebookToken.Secrets;

namespace FacebookToken.Tests;

/// <summary>A test class's own cache folder under the temp folder, deleted after each test, and caches opened on it.</summary>
public abstract class CacheFolderTest : IDisposable
{
    protected CacheFolderTest(string prefix)
    {
        Dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
    }

    protected string Dir { get; }

    internal RecordingLog Log { get; } = new();

    protected string CacheFile => Path.Combine(Dir, TokenCache.CacheFileName);

    public void Dispose()
    {
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }

    /// <summary>A cache on the folder: a key file under <paramref name="key"/>, or unencrypted; the OS store from <paramref name="factory"/> (none by default).</summary>
    internal TokenCache OpenCache(string? key, bool plaintext = false, IOsStoreFactory? factory = null) =>
        TokenCache.Open(new TokenCacheOptions { CachePath = Dir, CacheKey = key?.ToSecureString(), AllowPlaintext = plaintext }, Log, () => factory ?? new TestStoreFactory());
}
