using System;
using System.IO;

namespace FacebookToken.Cache;

/// <summary>Owner-only folders and files, and writes that a crash cannot tear: temp file, flush to disk, rename.</summary>
internal static class SecureFile
{
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

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
        catch (FileNotFoundException)
        {
            return new byte[0];
        }
        catch (DirectoryNotFoundException)
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
    }

    /// <summary>Removes temp files a killed writer left behind (older than a minute, so no live writer's).</summary>
    public static void RemoveStaleTempFiles(string path)
    {
        string? directory = Path.GetDirectoryName(path);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        foreach (string temp in Directory.GetFiles(directory, Path.GetFileName(path) + ".*.tmp"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(temp) < DateTime.UtcNow.AddMinutes(-1))
                {
                    File.Delete(temp);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
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
