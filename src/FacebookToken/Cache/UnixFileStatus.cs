using System;
using System.Runtime.InteropServices;

namespace FacebookToken.Cache;

/// <summary>
/// The type, owner and mode of a path on Unix, from the .NET runtime's own native shim (libSystem.Native), which the
/// BCL does not expose: it has no owner API and no file type beyond file or folder (a FIFO reads as a file).
/// </summary>
/// <remarks>
/// libSystem.Native rather than libc: its <c>FileStatus</c> is one layout on every Unix and architecture the runtime
/// supports (glibc's <c>struct stat</c> differs between x64 and arm64, and older glibc exports no <c>stat</c> symbol).
/// Only the leading fields are read; the struct is padded past the runtime's full size so that later fields never
/// overrun. Works in the Desktop build too when it runs on .NET (PowerShell 7 on Linux); not used on Windows.
/// </remarks>
internal readonly struct UnixFileStatus
{
    private const int TypeMask = 0xF000;

    private UnixFileStatus(int mode, uint ownerId, long size)
    {
        Mode = mode;
        OwnerId = ownerId;
        Size = size;
    }

    public enum Kind
    {
        Other,
        Regular,
        Directory,
        SymbolicLink,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
    }

    /// <summary>st_mode: type and permission bits.</summary>
    public int Mode { get; }

    public uint OwnerId { get; }

    public long Size { get; }

    public Kind Type => (Mode & TypeMask) switch
    {
        0x8000 => Kind.Regular,
        0x4000 => Kind.Directory,
        0xA000 => Kind.SymbolicLink,
        0x1000 => Kind.Fifo,
        0x2000 => Kind.CharacterDevice,
        0x6000 => Kind.BlockDevice,
        0xC000 => Kind.Socket,
        _ => Kind.Other,
    };

    /// <summary>Permission bits only (e.g. 0700).</summary>
    public int Permissions => Mode & 0xFFF;

    public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>The effective user id of this process.</summary>
    public static uint CurrentUserId => NativeMethods.SystemNative_GetEUid();

    /// <summary>stat (<paramref name="followLinks"/>) or lstat of <paramref name="path"/>; false when it does not exist.</summary>
    public static bool TryGet(string path, bool followLinks, out UnixFileStatus status)
    {
        NativeMethods.FileStatus raw;
        int result = followLinks ? NativeMethods.SystemNative_Stat(path, out raw) : NativeMethods.SystemNative_LStat(path, out raw);
        if (result != 0)
        {
            status = default;
            return false;
        }

        status = new UnixFileStatus(raw.Mode, raw.Uid, raw.Size);
        return true;
    }

    /// <summary>Whether the sticky bit is set: in such a folder only a file's owner (or root) may rename or delete it.</summary>
    public bool IsSticky => (Mode & 0x200) != 0;

    /// <summary>
    /// The number of hard links to <paramref name="path"/> itself (a symbolic link is not followed), or null where it cannot
    /// be read: the runtime's FileStatus has no link count, so this asks the C library, on Linux through statx (one
    /// layout on every architecture) and on macOS through lstat (Darwin's 64-bit-inode layout).
    /// </summary>
    public static long? LinkCount(string path)
    {
        try
        {
            var buffer = new byte[256];
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                // statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_NLINK): stx_mask at 0, stx_nlink (u32) at 16.
                if (NativeMethods.statx(-100, path, 0x100, 0x4, buffer) != 0 || (BitConverter.ToUInt32(buffer, 0) & 0x4) == 0)
                {
                    return null;
                }

                return BitConverter.ToUInt32(buffer, 16);
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                // struct stat: st_dev (i32) at 0, st_mode (u16) at 4, st_nlink (u16) at 6.
                int result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? NativeMethods.lstat_x64(path, buffer) : NativeMethods.lstat(path, buffer);
                return result == 0 ? (long?)BitConverter.ToUInt16(buffer, 6) : null;
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException || ex is DllNotFoundException)
        {
            // A C library without statx (glibc before 2.28): the count is unknown, as elsewhere.
        }

        return null;
    }

    /// <summary>The path with every link and <c>..</c> resolved (realpath(3)); null when it cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        IntPtr resolved = NativeMethods.realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            int length = 0;
            while (Marshal.ReadByte(resolved, length) != 0)
            {
                length++;
            }

            var bytes = new byte[length];
            Marshal.Copy(resolved, bytes, 0, length);
            return System.Text.Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            NativeMethods.free(resolved);
        }
    }

    public static string Describe(Kind kind) => kind switch
    {
        Kind.Regular => "a file",
        Kind.Directory => "a folder",
        Kind.SymbolicLink => "a symbolic link",
        Kind.Fifo => "a named pipe (FIFO)",
        Kind.CharacterDevice => "a character device",
        Kind.BlockDevice => "a block device",
        Kind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static class NativeMethods
    {
        private const string Library = "libSystem.Native";

        [DllImport(Library, EntryPoint = "SystemNative_Stat", SetLastError = true)]
        public static extern int SystemNative_Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus output);

        [DllImport(Library, EntryPoint = "SystemNative_LStat", SetLastError = true)]
        public static extern int SystemNative_LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus output);

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] output);

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        public static extern int lstat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);

        [DllImport("libc", EntryPoint = "lstat$INODE64", SetLastError = true)]
        public static extern int lstat_x64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        public static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        public static extern void free(IntPtr pointer);

        [DllImport(Library, EntryPoint = "SystemNative_GetEUid")]
        public static extern uint SystemNative_GetEUid();

        // The runtime's FileStatus starts Flags, Mode, Uid, Gid, Size on every version; the rest (times, device, inode) is
        // not read, and Size = 256 leaves room for all of it.
        [StructLayout(LayoutKind.Sequential, Size = 256)]
        public struct FileStatus
        {
            public int Flags;
            public int Mode;
            public uint Uid;
            public uint Gid;
            public long Size;
        }
    }
}
