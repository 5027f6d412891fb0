using System.Collections.Generic;
using System.Security;
using System.Threading;

namespace FacebookToken.Secrets;

/// <summary>
/// Test seam: counts, for the code that runs in one async flow, how often each SecureString was turned into a string
/// (<see cref="SecureStringExtensions.ToPlainText"/>) and checked (<see cref="CheckedSecret"/>). Off (a null check per
/// conversion) unless a test called <see cref="Begin"/>; it keeps the SecureString objects, never their text.
/// </summary>
internal static class SecretAudit
{
    private static readonly AsyncLocal<Counts?> s_current = new();

    /// <summary>Starts counting for this async flow and the tasks it starts.</summary>
    public static Counts Begin() => s_current.Value = new Counts();

    internal static void Converted(SecureString value) => s_current.Value?.Add(value, checkedOnly: false);

    internal static void Checked(SecureString value) => s_current.Value?.Add(value, checkedOnly: true);

    internal sealed class Counts
    {
        private readonly Dictionary<SecureString, int> _conversions = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<SecureString, int> _checks = new(ReferenceEqualityComparer.Instance);

        /// <summary>How often <paramref name="value"/> became a string.</summary>
        public int Conversions(SecureString value)
        {
            lock (_conversions)
            {
                return _conversions.TryGetValue(value, out int n) ? n : 0;
            }
        }

        /// <summary>How often <paramref name="value"/> was checked.</summary>
        public int Checks(SecureString value)
        {
            lock (_conversions)
            {
                return _checks.TryGetValue(value, out int n) ? n : 0;
            }
        }

        internal void Add(SecureString value, bool checkedOnly)
        {
            lock (_conversions)
            {
                Dictionary<SecureString, int> counts = checkedOnly ? _checks : _conversions;
                counts[value] = (counts.TryGetValue(value, out int n) ? n : 0) + 1;
            }
        }
    }

    /// <summary>Reference identity: two SecureStrings are never equal by value here.</summary>
    private sealed class ReferenceEqualityComparer : IEqualityComparer<SecureString>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(SecureString? x, SecureString? y) => ReferenceEquals(x, y);

        public int GetHashCode(SecureString obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
