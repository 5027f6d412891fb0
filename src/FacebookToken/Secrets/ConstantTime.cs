namespace FacebookToken.Secrets;

/// <summary>Comparisons whose time does not depend on where two values first differ.</summary>
internal static class ConstantTime
{
    public static bool EqualsOrdinal(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        int diff = a.Length ^ b.Length;
        int n = a.Length < b.Length ? a.Length : b.Length;
        for (int i = 0; i < n; i++)
        {
            diff |= a[i] ^ b[i];
        }

        return diff == 0;
    }

    public static bool EqualsChars(char[] a, char[] b)
    {
        int diff = a.Length ^ b.Length;
        int n = a.Length < b.Length ? a.Length : b.Length;
        for (int i = 0; i < n; i++)
        {
            diff |= a[i] ^ b[i];
        }

        return diff == 0;
    }

    public static bool EqualsBytes(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        int diff = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diff |= a[i] ^ b[i];
        }

        return diff == 0;
    }

    /// <summary>Whether <paramref name="data"/> begins with <paramref name="prefix"/> (file magic; not secret, not constant time).</summary>
    public static bool StartsWith(byte[] data, byte[] prefix)
    {
        if (data.Length < prefix.Length)
        {
            return false;
        }

        for (int i = 0; i < prefix.Length; i++)
        {
            if (data[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }
}
