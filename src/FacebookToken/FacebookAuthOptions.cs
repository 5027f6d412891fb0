using System.Collections.Generic;

namespace FacebookToken;

/// <summary>What goes into a login dialog URL.</summary>
public sealed class FacebookAuthOptions
{
    public string? AppId { get; set; }

    public string? RedirectUri { get; set; }

    public IEnumerable<string?>? Scope { get; set; }

    /// <summary>Null: 256 random bits are generated.</summary>
    public string? State { get; set; }

    public string? ResponseType { get; set; }

    public string? AuthType { get; set; }

    public string? ConfigId { get; set; }

    public string? Display { get; set; }

    public bool UsePkce { get; set; }
}
