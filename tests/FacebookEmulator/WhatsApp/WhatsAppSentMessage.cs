namespace FacebookEmulator;

/// <summary>A message the emulator accepted (POST /{phone-number-id}/messages), listed by GET /_emulator/whatsapp/messages.</summary>
/// <param name="Type">text or template.</param>
/// <param name="Content">The text body, or the template's name and language ("hello_world/en_US").</param>
/// <param name="WaId">The recipient's digits (the answer's contacts[].wa_id and the webhooks' recipient_id).</param>
/// <param name="AppId">The app of the token that sent it (its secret signs the message's webhooks).</param>
public sealed record WhatsAppSentMessage(string Id, DateTimeOffset Timestamp, string PhoneNumberId, string To, string Type, string Content, string WaId, string AppId);
