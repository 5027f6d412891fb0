namespace FacebookEmulator;

/// <summary>A Meta business portfolio (Business Manager): owns apps, WhatsApp Business Accounts and system users.</summary>
public sealed record EmulatorBusiness(string Id, string Name);
