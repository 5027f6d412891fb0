namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/apps.</summary>
public sealed class AppRegistration
{
    public string? AppId { get; set; }

    public string? AppSecret { get; set; }

    public string? Name { get; set; }

    public List<string>? RedirectUris { get; set; }

    /// <summary>The app's "Require App Secret" switch (default off).</summary>
    public bool? RequireAppSecret { get; set; }
}
