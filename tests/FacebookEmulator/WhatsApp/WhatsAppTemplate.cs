namespace FacebookEmulator;

/// <summary>A message template of a WABA (GET /{waba-id}/message_templates); only APPROVED ones can be sent.</summary>
public sealed record WhatsAppTemplate(string Id, string AccountId, string Name, string Language, string Status, string Category);
