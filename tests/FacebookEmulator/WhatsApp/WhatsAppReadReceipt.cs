namespace FacebookEmulator;

/// <summary>
/// A message marked read: POST /{phone-number-id}/messages with <c>{"messaging_product":"whatsapp","status":"read",
/// "message_id":"wamid..."}</c>, listed in GET /_emulator/log's <c>reads</c>.
/// </summary>
public sealed record WhatsAppReadReceipt(string MessageId, string PhoneNumberId, DateTimeOffset Timestamp);
