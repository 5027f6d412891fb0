using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
#if NET8_0_OR_GREATER
using System.Runtime.Versioning;
#endif
using System.Security.AccessControl;
using System.Security.Principal;

namespace FacebookToken.Cache;

/// <summary>
/// Owner-only folders and files, and writes that a crash cannot tear: temp file, flush to disk, rename. Refuses a folder
/// another account may write to, a lock file that is a link, and cache files that are not regular or too large to be one.
/// </summary>
/// <remarks>
/// Temp files are created with <see cref="FileMode.CreateNew"/> (O_CREAT|O_EXCL), which never follows a link, and
/// renamed over the target, which replaces a link rather than writing through it.
/// </remarks>
internal static class SecureFile
{
    /// <summary>Far above any real cache (an entry is about 1 KB); a file larger than this is refused before it is read.</summary>
    public const int MaxCacheFileBytes = 16 * 1024 * 1024;

    // Group-write and other-write (octal 022).
    private const int GroupOrOtherWrite = 0x12;

    /// <summary>
    /// Throws <see cref="FacebookCacheException"/> (UnsafeCacheFolder) when an existing <paramref name="path"/> is not this
    /// account's own or may be written by another one: there, another account could plant a lock-file link or swap the cache file.
    /// A folder that does not exist yet passes: it is created owner-only.
    /// </summary>
    public static void CheckFolder(string path)
    {
#if NET8_0_OR_GREATER
        if (OperatingSystem.IsWindows())
        {
            CheckWindowsFolder(path);
            return;
        }
#else
        if (!UnixFileStatus.IsUnix)
        {
            CheckWindowsFolder(path);
            return;
        }
#endif
        // The folder itself, a link to it followed: a user may keep the cache on another disk through a link.
        uint me = UnixFileStatus.CurrentUserId;
        if (!UnixFileStatus.TryGet(path, followLinks: true, out UnixFileStatus folder) || folder.Type != UnixFileStatus.Kind.Directory)
        {
            CheckParents(path, me);
            return;
        }

        if (folder.OwnerId != me)
        {
            throw UnsafeFolder(
                path,
                "it is owned by user id " + folder.OwnerId + ", not by this account (user id " + me + "), so its owner can plant or swap files in it",
                "Use a folder of your own: give another -CachePath (or " + TokenCacheOptions.PathVariable + "), or have it handed over with chown " + me + " '" + path + "' and then chmod 700 '" + path + "'.");
        }

        if ((folder.Permissions & GroupOrOtherWrite) != 0)
        {
            throw UnsafeFolder(
                path,
                "its mode is " + Convert.ToString(folder.Permissions, 8).PadLeft(4, '0') + ", so " + WhoMayWrite(folder.Permissions) + " may create, replace and delete files in it",
                "Run chmod 700 '" + path + "', or give another -CachePath (or " + TokenCacheOptions.PathVariable + ").");
        }

        CheckParents(path, me);
    }

    /// <summary>
    /// OpenSSH's secure-path rule for every folder above the cache folder, up to /, along the path as given and along the
    /// path with its links resolved: each is owned by this account or root, and no other account may write to it unless
    /// it is sticky (as /tmp is), since whoever may rename entries in a parent can put a folder of theirs in the cache's place.
    /// For a cache folder not made yet, the nearest folder that exists is checked too: the new one is made inside it.
    /// </summary>
    private static void CheckParents(string path, uint me)
    {
        string full = Path.GetFullPath(path);
        string? existing = full;
        while (existing != null && !UnixFileStatus.TryGet(existing, followLinks: true, out _))
        {
            existing = Path.GetDirectoryName(existing);
        }

        if (existing == null)
        {
            return;
        }

        var paths = new List<string> { existing };
        string? real = UnixFileStatus.RealPath(existing);
        if (real != null && real != existing)
        {
            paths.Add(real);
        }

        foreach (string start in paths)
        {
            for (string? parent = start == full ? Path.GetDirectoryName(start) : start; parent != null; parent = Path.GetDirectoryName(parent))
            {
                if (!UnixFileStatus.TryGet(parent, followLinks: true, out UnixFileStatus status))
                {
                    continue;
                }

                if (status.OwnerId != me && status.OwnerId != 0)
                {
                    throw UnsafeFolder(
                        path,
                        "the folder " + parent + " above it is owned by user id " + status.OwnerId + ", neither this account (user id " + me + ") nor root, so its owner can put a folder of theirs in the cache's place",
                        "Keep the cache under folders that only you and root own: give another -CachePath (or " + TokenCacheOptions.PathVariable + ").");
                }

                if ((status.Permissions & GroupOrOtherWrite) != 0 && !status.IsSticky)
                {
                    throw UnsafeFolder(
                        path,
                        "the folder " + parent + " above it has mode " + Convert.ToString(status.Permissions, 8).PadLeft(4, '0') + ", so " + WhoMayWrite(status.Permissions) + " may rename the cache folder away and put their own in its place",
                        "Run chmod go-w '" + parent + "' (or chmod +t '" + parent + "', as /tmp is), or give another -CachePath (or " + TokenCacheOptions.PathVariable + ").");
                }
            }
        }
    }

    /// <summary>
    /// Throws <see cref="FacebookCacheException"/> (UnsafeCacheLock) when <paramref name="path"/> exists and is a link (symbolic,
    /// or on Unix a hard link: a link count above 1) or anything but a regular file, so that the cross-process lock never opens (and writes its process id) through it.
    /// </summary>
    /// <remarks>
    /// Checked just before MSAL's CrossPlatLock opens the path: a check-then-open, which is safe because
    /// <see cref="CheckFolder"/> has made sure no other account can write to the folder in between.
    /// </remarks>
    public static void CheckLockFile(string path, string cacheDirectory)
    {
        string? what = null;
        if (UnixFileStatus.IsUnix)
        {
            if (UnixFileStatus.TryGet(path, followLinks: false, out UnixFileStatus status))
            {
                if (status.Type != UnixFileStatus.Kind.Regular)
                {
                    what = UnixFileStatus.Describe(status.Type);
                }
                else if (UnixFileStatus.LinkCount(path) is long links && links > 1)
                {
                    // A hard link shares the file: taking the lock would write this process's id into the other name's file.
                    what = "a hard link (one of " + links + " names of the same file)";
                }
            }
        }
        else
        {
            var info = new FileInfo(path);
            if (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                what = "a link (reparse point)";
            }
        }

        if (what != null)
        {
            throw new FacebookCacheException(
                "The token cache's lock file " + path + " is " + what + ", not a regular file; taking the lock would open whatever it points to. Nothing was read or written. "
                    + "Delete it (rm '" + path + "'; FacebookToken creates a new one) and find out who made it.",
                FacebookErrorKind.UnsafeCacheLock,
                cacheDirectory);
        }
    }

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

    /// <summary>
    /// The file's bytes, or an empty array when it does not exist. Throws <see cref="InvalidDataException"/>, before
    /// opening it, when it is not a regular file (a FIFO would block the open, a device never ends) or larger than
    /// <see cref="MaxCacheFileBytes"/>.
    /// </summary>
    /// <summary>
    /// The first <paramref name="count"/> bytes of the file (fewer when it is shorter; empty when it does not exist), with
    /// the checks of <see cref="ReadAllOrEmpty"/>: enough to tell a cache file's format without reading all of it.
    /// </summary>
    public static byte[] ReadHeaderOrEmpty(string path, int count) => ReadOrEmpty(path, count);

    public static byte[] ReadAllOrEmpty(string path) => ReadOrEmpty(path, int.MaxValue);

    private static byte[] ReadOrEmpty(string path, int limit)
    {
        if (UnixFileStatus.IsUnix)
        {
            if (!UnixFileStatus.TryGet(path, followLinks: true, out UnixFileStatus status))
            {
                return new byte[0];
            }

            if (status.Type != UnixFileStatus.Kind.Regular)
            {
                throw new InvalidDataException("it is " + UnixFileStatus.Describe(status.Type) + ", not a regular file");
            }
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxCacheFileBytes)
            {
                throw TooLarge(stream.Length);
            }

            // Read to the end (or the limit) rather than trust Length: the file may have grown since.
            using var buffer = new MemoryStream((int)Math.Min(stream.Length, limit));
            byte[] chunk = new byte[Math.Min(81920, limit)];
            int read;
            while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
            {
                if (buffer.Length + read > MaxCacheFileBytes)
                {
                    throw TooLarge(buffer.Length + read);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
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

    private static string WhoMayWrite(int permissions) => (permissions & GroupOrOtherWrite) switch
    {
        GroupOrOtherWrite => "its group and every other account",
        0x10 => "its group",
        _ => "every other account",
    };

    private static InvalidDataException TooLarge(long length) =>
        new("it is " + length.ToString("N0", CultureInfo.InvariantCulture) + " bytes or more, larger than a token cache can be (" + (MaxCacheFileBytes / 1024 / 1024) + " MB)");

    private static FacebookCacheException UnsafeFolder(string path, string why, string fix) =>
        new(
            "The token cache folder " + path + " is not safe to use: " + why + ". Nothing was read or written. " + fix,
            FacebookErrorKind.UnsafeCacheFolder,
            path);

    /// <summary>The Windows form of the rule: only this user, SYSTEM and Administrators own the folder or may write to it.</summary>
    /// <remarks>Not exercised by the test suites, which run on Linux.</remarks>
#if NET8_0_OR_GREATER
    [SupportedOSPlatform("windows")]
#endif
    private static void CheckWindowsFolder(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

#if NET8_0_OR_GREATER
        DirectorySecurity security = new DirectoryInfo(path).GetAccessControl(AccessControlSections.Access | AccessControlSections.Owner);
#else
        DirectorySecurity security = Directory.GetAccessControl(path, AccessControlSections.Access | AccessControlSections.Owner);
#endif
        using WindowsIdentity identity = WindowsIdentity.GetCurrent();
        var trusted = new HashSet<SecurityIdentifier>
        {
            identity.User!,
            new(WellKnownSidType.LocalSystemSid, null),
            new(WellKnownSidType.BuiltinAdministratorsSid, null),
        };

        if (security.GetOwner(typeof(SecurityIdentifier)) is SecurityIdentifier owner && !trusted.Contains(owner))
        {
            throw UnsafeFolder(path, "it is owned by " + Name(owner) + ", not by this account", "Use a folder of your own: give another -CachePath (or " + TokenCacheOptions.PathVariable + ").");
        }

        const FileSystemRights write = FileSystemRights.WriteData | FileSystemRights.AppendData | FileSystemRights.WriteExtendedAttributes
            | FileSystemRights.WriteAttributes | FileSystemRights.DeleteSubdirectoriesAndFiles | FileSystemRights.Delete
            | FileSystemRights.ChangePermissions | FileSystemRights.TakeOwnership;
        const int genericWriteOrAll = 0x40000000 | 0x10000000;
        foreach (FileSystemAccessRule rule in security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)))
        {
            bool appliesHere = (rule.PropagationFlags & PropagationFlags.InheritOnly) == 0;
            bool writes = (rule.FileSystemRights & write) != 0 || ((int)rule.FileSystemRights & genericWriteOrAll) != 0;
            if (rule.AccessControlType == AccessControlType.Allow && appliesHere && writes && rule.IdentityReference is SecurityIdentifier sid && !trusted.Contains(sid))
            {
                throw UnsafeFolder(
                    path,
                    "its access list lets " + Name(sid) + " write to it",
                    "Remove that entry (folder Properties > Security, or icacls '" + path + "' /remove:g \"" + Name(sid) + "\"), or give another -CachePath (or " + TokenCacheOptions.PathVariable + ").");
            }
        }
    }

#if NET8_0_OR_GREATER
    [SupportedOSPlatform("windows")]
#endif
    private static string Name(SecurityIdentifier sid)
    {
        try
        {
            return sid.Translate(typeof(NTAccount)).Value;
        }
        catch (IdentityNotMappedException)
        {
            return sid.Value;
        }
    }
}
