namespace FacebookToken;

/// <summary>A permission and the objects (e.g. WhatsApp Business Account ids) it covers.</summary>
public sealed class FacebookGranularScope
{
    public FacebookGranularScope(string scope, string[] targetIds)
    {
        Scope = scope;
        TargetIds = targetIds;
    }

    public string Scope { get; }

    /// <summary>Empty when the permission covers everything the user can reach.</summary>
    public string[] TargetIds { get; }

    public override string ToString() =>
        TargetIds.Length == 0 ? Scope : Scope + " (" + string.Join(", ", TargetIds) + ")";
}
