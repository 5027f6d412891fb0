using System;
using System.IO;

namespace FacebookToken.Cache;

/// <summary>Owner-only folders and files, and writes that a crash cannot tear: temp file, flush to disk, rename.</summary>
internal static class SecureFile
{
    /// <summary>Creates the folder owner-only; one that exists is left as it is.</summary>
    public static void EnsureDirectory(string path)
    {
#if NET8_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return;
        }
#endif
        Directory.CreateDirectory(path);
    }

    /// <summary>The file's bytes, or an empty array when it does not exist.</summary>
    public static byte[] ReadAllOrEmpty(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
        {
            return new byte[0];
        }
    }

    /// <summary>Replaces <paramref name="path"/> atomically: readers see the old or the new file, never a part.</summary>
    public static void WriteAtomic(string path, byte[] data)
    {
        string directory = Path.GetDirectoryName(path)!;
        EnsureDirectory(directory);
        string temp = Path.Combine(directory, Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (FileStream stream = CreateOwnerOnly(temp))
            {
                stream.Write(data, 0, data.Length);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temp, path, null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temp, path);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        RemoveStaleTempFiles(path);
    }

    /// <summary>Removes temp files a killed writer left behind (older than a minute, so no live writer's).</summary>
    private static void RemoveStaleTempFiles(string path)
    {
        foreach (string temp in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*.tmp"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(temp) < DateTime.UtcNow.AddMinutes(-1))
                {
                    File.Delete(temp);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Another cleaner took it, or it is not ours to delete: the next write tries again.
            }
        }
    }

    private static FileStream CreateOwnerOnly(string path)
    {
#if NET8_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
#endif
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
    }
}
