namespace FacebookEmulator;

/// <summary>A system user of a business: its role (EMPLOYEE or ADMIN) and the WhatsApp Business Accounts assigned to it.</summary>
public sealed record EmulatorSystemUser(string Id, string Name, string Role, string BusinessId, IReadOnlyList<string> AssignedWabaIds)
{
    public bool IsAdmin => string.Equals(Role, "ADMIN", StringComparison.Ordinal);
}
