namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/systemusers: adds (or replaces) a system user.</summary>
public sealed class SystemUserRegistration
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>EMPLOYEE (default) or ADMIN.</summary>
    public string? Role { get; set; }

    /// <summary>Default: the emulator's business 1980000000000001.</summary>
    public string? BusinessId { get; set; }

    /// <summary>Default: the emulator's WABA.</summary>
    public List<string>? AssignedWabaIds { get; set; }

    /// <summary>Install these apps for the system user right away.</summary>
    public List<string>? InstalledAppIds { get; set; }
}
