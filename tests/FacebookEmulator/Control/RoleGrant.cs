namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/roles: give a user a role on an app (both default to the emulator's).</summary>
public sealed class RoleGrant
{
    public string? AppId { get; set; }

    public string? UserId { get; set; }
}
