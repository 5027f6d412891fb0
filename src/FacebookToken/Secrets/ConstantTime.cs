namespace FacebookToken.Secrets;

/// <summary>Comparisons whose time does not depend on where two values first differ.</summary>
public static class ConstantTime
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
}
