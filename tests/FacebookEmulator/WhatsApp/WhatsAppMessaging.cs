using System.Globalization;
using System.Security.Cryptography;

namespace FacebookEmulator;

/// <summary>
/// The messaging side of the WhatsApp world: message templates per WABA, messages sent, customer-service windows,
/// subscribed apps, registered phone numbers, and the per-WABA business-use-case usage. Thread-safe; reset with
/// <see cref="EmulatorState.Reset"/>.
/// </summary>
public sealed class WhatsAppMessaging
{
    /// <summary>A recipient that is not on WhatsApp: a send to it is accepted, then fails with 131026 by webhook.</summary>
    public const string UndeliverableRecipient = "15550009999";

    private const int MaxSentMessages = 100_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, List<WhatsAppTemplate>> _templates = new(StringComparer.Ordinal);
    private readonly List<WhatsAppSentMessage> _sent = new();
    private readonly Dictionary<(string PhoneNumberId, string WaId), DateTimeOffset> _windows = new();
    private readonly Dictionary<string, List<string>> _subscribedApps = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unregistered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _businessUseCaseCalls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _undeliverable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _statuses = new(StringComparer.Ordinal);
    private readonly HashSet<(string PhoneNumberId, string MessageId)> _received = new();
    private readonly List<WhatsAppReadReceipt> _reads = new();
    private readonly Dictionary<string, string> _twoStepPins = new(StringComparer.Ordinal);
    private long _nextTemplateId;

    internal WhatsAppMessaging()
    {
        Reset();
    }

    /// <summary>A snapshot of the messages sent, oldest first.</summary>
    public IReadOnlyList<WhatsAppSentMessage> SentMessages
    {
        get
        {
            lock (_gate)
            {
                return _sent.ToArray();
            }
        }
    }

    /// <summary>The messages marked read, oldest first (a snapshot).</summary>
    public IReadOnlyList<WhatsAppReadReceipt> Reads
    {
        get
        {
            lock (_gate)
            {
                return _reads.ToArray();
            }
        }
    }

    /// <summary>The templates of a WABA in creation order (a snapshot; empty for an unknown WABA).</summary>
    public IReadOnlyList<WhatsAppTemplate> TemplatesOf(string accountId)
    {
        lock (_gate)
        {
            return _templates.TryGetValue(accountId, out List<WhatsAppTemplate>? list) ? list.ToArray() : Array.Empty<WhatsAppTemplate>();
        }
    }

    /// <summary>
    /// One page of a WABA's templates with that status and name (either null: any), cheap for 10,000 (no full copy when
    /// nothing is filtered): <paramref name="window"/> picks the page from the number of templates that match.
    /// </summary>
    internal (IReadOnlyList<WhatsAppTemplate> Page, GraphPaging.Window Window) TemplatePage(
        string accountId,
        string? status,
        string? name,
        Func<int, GraphPaging.Window> window)
    {
        lock (_gate)
        {
            IList<WhatsAppTemplate> source = !_templates.TryGetValue(accountId, out List<WhatsAppTemplate>? list) ? Array.Empty<WhatsAppTemplate>()
                : status is null && name is null ? list
                : list.Where(t => (status is null || t.Status == status) && (name is null || t.Name == name)).ToList();
            GraphPaging.Window picked = window(source.Count);
            var page = new List<WhatsAppTemplate>(picked.End - picked.Start);
            for (int i = picked.Start; i < picked.End; i++)
            {
                page.Add(source[i]);
            }

            return (page, picked);
        }
    }

    /// <summary>Adds a template (status APPROVED unless given).</summary>
    public WhatsAppTemplate AddTemplate(string accountId, string name, string language = "en_US", string status = "APPROVED", string category = "UTILITY")
    {
        lock (_gate)
        {
            var template = new WhatsAppTemplate(
                (++_nextTemplateId + 1_500_000_000_000_000).ToString(CultureInfo.InvariantCulture),
                accountId,
                name,
                language,
                status,
                category);
            if (!_templates.TryGetValue(accountId, out List<WhatsAppTemplate>? list))
            {
                _templates[accountId] = list = new List<WhatsAppTemplate>();
            }

            list.Add(template);
            return template;
        }
    }

    /// <summary>
    /// The template of that name and language gets the status and category (keeping its id), or is added when the WABA
    /// has none (an --apps file's templates).
    /// </summary>
    public WhatsAppTemplate SetTemplate(string accountId, string name, string language, string status, string category)
    {
        lock (_gate)
        {
            if (_templates.TryGetValue(accountId, out List<WhatsAppTemplate>? list))
            {
                int index = list.FindIndex(t => t.Name == name && t.Language == language);
                if (index >= 0)
                {
                    return list[index] = list[index] with { Status = status, Category = category };
                }
            }
        }

        return AddTemplate(accountId, name, language, status, category);
    }

    /// <summary>Adds <paramref name="count"/> approved templates named prefix_00001, prefix_00002, ... (Bench lists 10,000).</summary>
    public int SeedTemplates(string accountId, int count, string prefix, string language)
    {
        for (int i = 1; i <= count; i++)
        {
            AddTemplate(accountId, prefix + "_" + i.ToString("D5", CultureInfo.InvariantCulture), language);
        }

        return TemplatesOf(accountId).Count;
    }

    /// <summary>The approved template of that name and language, or null.</summary>
    public WhatsAppTemplate? FindTemplate(string accountId, string name, string language)
    {
        lock (_gate)
        {
            return _templates.TryGetValue(accountId, out List<WhatsAppTemplate>? list)
                ? list.FirstOrDefault(t => t.Name == name && t.Language == language)
                : null;
        }
    }

    /// <summary>Opens (or renews) the 24-hour customer-service window, as a message from the customer would.</summary>
    public void OpenWindow(string phoneNumberId, string waId, DateTimeOffset at)
    {
        lock (_gate)
        {
            _windows[(phoneNumberId, waId)] = at;
        }
    }

    /// <summary>A customer's message to the number: opens (or renews) the 24-hour window; its wamid can be marked read.</summary>
    public string ReceiveMessage(string phoneNumberId, string waId, DateTimeOffset at)
    {
        string id = NewMessageId();
        OpenWindow(phoneNumberId, waId, at);
        lock (_gate)
        {
            _received.Add((phoneNumberId, id));
        }

        return id;
    }

    /// <summary>
    /// Marks a message of the number read: one the number sent or received. False for a wamid the number does not know
    /// (marking a message read twice is still true, as the receipt is idempotent).
    /// </summary>
    public bool MarkRead(string phoneNumberId, string messageId, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_received.Contains((phoneNumberId, messageId)) && !_sent.Exists(m => m.Id == messageId && m.PhoneNumberId == phoneNumberId))
            {
                return false;
            }

            if (_reads.Count >= MaxSentMessages)
            {
                _reads.RemoveAt(0);
            }

            _reads.Add(new WhatsAppReadReceipt(messageId, phoneNumberId, at));
            return true;
        }
    }

    /// <summary>True when the customer wrote to this number less than 24 hours ago.</summary>
    public bool IsWindowOpen(string phoneNumberId, string waId, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _windows.TryGetValue((phoneNumberId, waId), out DateTimeOffset opened) && now - opened < TimeSpan.FromHours(24);
        }
    }

    public bool IsUndeliverable(string waId)
    {
        lock (_gate)
        {
            return _undeliverable.Contains(waId);
        }
    }

    public bool IsRegistered(string phoneNumberId)
    {
        lock (_gate)
        {
            return !_unregistered.Contains(phoneNumberId);
        }
    }

    /// <summary>Marks a number registered (POST /{phone-number-id}/register) or not (control).</summary>
    public void SetRegistered(string phoneNumberId, bool registered)
    {
        lock (_gate)
        {
            if (registered)
            {
                _unregistered.Remove(phoneNumberId);
            }
            else
            {
                _unregistered.Add(phoneNumberId);
            }
        }
    }

    /// <summary>Sets (or changes) the number's two-step verification PIN (POST /{phone-number-id} with pin); "" removes it.</summary>
    public void SetTwoStepPin(string phoneNumberId, string pin)
    {
        lock (_gate)
        {
            if (pin.Length == 0)
            {
                _twoStepPins.Remove(phoneNumberId);
            }
            else
            {
                _twoStepPins[phoneNumberId] = pin;
            }
        }
    }

    /// <summary>True when the PIN is the number's two-step PIN, or the number had none (the PIN becomes it).</summary>
    public bool CheckOrSetTwoStepPin(string phoneNumberId, string pin)
    {
        lock (_gate)
        {
            if (_twoStepPins.TryGetValue(phoneNumberId, out string? current))
            {
                return current == pin;
            }

            _twoStepPins[phoneNumberId] = pin;
            return true;
        }
    }

    public WhatsAppSentMessage RecordMessage(DateTimeOffset now, string phoneNumberId, string to, string type, string content, string waId, string appId)
    {
        var message = new WhatsAppSentMessage(NewMessageId(), now, phoneNumberId, to, type, content, waId, appId);
        lock (_gate)
        {
            if (_sent.Count >= MaxSentMessages)
            {
                _statuses.Remove(_sent[0].Id);
                _sent.RemoveAt(0);
            }

            _sent.Add(message);
        }

        return message;
    }

    /// <summary>A new message id in Facebook's form (wamid. and base64 text).</summary>
    public static string NewMessageId() =>
        "wamid.HBgL" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The last status a webhook reported for a message (sent, delivered, read, failed), or accepted.</summary>
    public string StatusOf(string messageId)
    {
        lock (_gate)
        {
            return _statuses.GetValueOrDefault(messageId) ?? "accepted";
        }
    }

    public void SetStatus(string messageId, string status)
    {
        lock (_gate)
        {
            _statuses[messageId] = status;
        }
    }

    public IReadOnlyList<string> SubscribedAppsOf(string accountId)
    {
        lock (_gate)
        {
            return _subscribedApps.TryGetValue(accountId, out List<string>? apps) ? apps.ToArray() : Array.Empty<string>();
        }
    }

    public void Subscribe(string accountId, string appId)
    {
        lock (_gate)
        {
            if (!_subscribedApps.TryGetValue(accountId, out List<string>? apps))
            {
                _subscribedApps[accountId] = apps = new List<string>();
            }

            if (!apps.Contains(appId))
            {
                apps.Add(appId);
            }
        }
    }

    public bool Unsubscribe(string accountId, string appId)
    {
        lock (_gate)
        {
            return _subscribedApps.TryGetValue(accountId, out List<string>? apps) && apps.Remove(appId);
        }
    }

    /// <summary>
    /// X-Business-Use-Case-Usage after one more call on a WABA: its call_count (and time) percentages grow by one per call
    /// since the last reset, capped at 100.
    /// </summary>
    public string NextBusinessUseCaseUsage(string accountId)
    {
        int calls;
        lock (_gate)
        {
            _businessUseCaseCalls.TryGetValue(accountId, out calls);
            _businessUseCaseCalls[accountId] = ++calls;
        }

        int percent = Math.Min(100, calls);
        return "{\"" + accountId + "\":[{\"type\":\"whatsapp_business_management\",\"call_count\":" + percent
            + ",\"total_cputime\":" + (percent / 2) + ",\"total_time\":" + (percent / 2) + ",\"estimated_time_to_regain_access\":0}]}";
    }

    /// <summary>Back to the seed: three templates for the default WABA (one pending), one for the client WABA, every number registered, no windows or messages.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _templates.Clear();
            _sent.Clear();
            _windows.Clear();
            _subscribedApps.Clear();
            _unregistered.Clear();
            _businessUseCaseCalls.Clear();
            _undeliverable.Clear();
            _statuses.Clear();
            _received.Clear();
            _reads.Clear();
            _twoStepPins.Clear();
            _undeliverable.Add(UndeliverableRecipient);
            _nextTemplateId = 0;
        }

        AddTemplate("102290129340398", "hello_world", "en_US", category: "UTILITY");
        AddTemplate("102290129340398", "order_update", "en_US");
        AddTemplate("102290129340398", "order_update", "es");
        AddTemplate("102290129340398", "spring_sale", "en_US", "PENDING", "MARKETING");
        AddTemplate("102290129340399", "hello_world", "en_US");
    }
}
