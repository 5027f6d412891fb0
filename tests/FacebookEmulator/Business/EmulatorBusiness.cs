namespace FacebookEmulator;

/// <summary>A Business Manager (business portfolio): the owner of apps, WhatsApp Business Accounts and system users.</summary>
public sealed record EmulatorBusiness(string Id, string Name);
