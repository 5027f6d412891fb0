namespace FacebookEmulator;

/// <summary>
/// The emulator's WhatsApp world: the WhatsApp Business Accounts (WABAs) of the businesses in
/// <see cref="BusinessDirectory"/>, their phone numbers, and which of them a token reaches. All members are thread-safe; <see cref="EmulatorState.Reset"/> puts the seed back.
/// </summary>
/// <remarks>
/// The seed (docs: wt/_prompts/ids.md): business 1980000000000001 "Emulated Business" owns WABA 102290129340398 with
/// number 106540352242922; business 1980000000000002 "Client Business" owns WABA 102290129340399 with number
/// 106540352242923, shared with business 1980000000000001 as a client WABA. Extend this class (templates, sent
/// messages, subscribed apps, registration) in its own members; keep the lookups below as they are.
/// </remarks>
public sealed class WhatsAppWorld
{
    public const string BusinessId = BusinessDirectory.DefaultBusinessId;
    public const string ClientBusinessId = BusinessDirectory.ClientBusinessId;
    public const string ClientAccountId = "102290129340399";
    public const string PhoneNumberId = "106540352242922";
    public const string ClientPhoneNumberId = "106540352242923";

    private readonly object _gate = new();
    private readonly EmulatorOptions _options;
    private readonly BusinessDirectory _directory;
    private readonly Dictionary<string, WhatsAppAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WhatsAppPhoneNumber> _phoneNumbers = new(StringComparer.Ordinal);

    internal WhatsAppWorld(EmulatorOptions options, BusinessDirectory directory)
    {
        _options = options;
        _directory = directory;
        Reset();
    }

    /// <summary>The WABA a token reaches when its <see cref="EmulatorToken.TargetIds"/> is null.</summary>
    public string DefaultAccountId => _options.WhatsAppBusinessAccountId;

    /// <summary>A snapshot of the businesses (<see cref="BusinessDirectory.Businesses"/>).</summary>
    public IReadOnlyList<EmulatorBusiness> Businesses => _directory.Businesses;

    /// <summary>A snapshot of the WABAs, in the order they were added.</summary>
    public IReadOnlyList<WhatsAppAccount> Accounts
    {
        get
        {
            lock (_gate)
            {
                return _accounts.Values.ToArray();
            }
        }
    }

    /// <summary>Adds (or replaces) a business (<see cref="BusinessDirectory.AddBusiness"/>).</summary>
    public EmulatorBusiness AddBusiness(string id, string name) => _directory.AddBusiness(id, name);

    /// <summary>Adds (or replaces) a WABA; its owner business is added when unknown.</summary>
    public WhatsAppAccount AddAccount(WhatsAppAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(account.Id);
        _directory.EnsureBusiness(account.OwnerBusinessId);
        lock (_gate)
        {
            WhatsAppAccount stored = account.MessageTemplateNamespace.Length > 0
                ? account
                : account with { MessageTemplateNamespace = "emulated_" + account.Id };
            _accounts[account.Id] = stored;
            return stored;
        }
    }

    /// <summary>Adds (or replaces) a phone number of a known WABA.</summary>
    public WhatsAppPhoneNumber AddPhoneNumber(WhatsAppPhoneNumber phoneNumber)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        lock (_gate)
        {
            if (!_accounts.ContainsKey(phoneNumber.AccountId))
            {
                throw new ArgumentException("No WhatsApp Business Account has the id '" + phoneNumber.AccountId + "'.", nameof(phoneNumber));
            }

            _phoneNumbers[phoneNumber.Id] = phoneNumber;
            return phoneNumber;
        }
    }

    public bool TryGetBusiness(string? id, out EmulatorBusiness business) => _directory.TryGetBusiness(id, out business);

    public bool TryGetAccount(string? id, out WhatsAppAccount account)
    {
        lock (_gate)
        {
            account = null!;
            return id is not null && _accounts.TryGetValue(id, out account!);
        }
    }

    /// <summary>A phone number and the WABA it belongs to.</summary>
    public bool TryGetPhoneNumber(string? id, out WhatsAppPhoneNumber phoneNumber, out WhatsAppAccount account)
    {
        lock (_gate)
        {
            phoneNumber = null!;
            account = null!;
            return id is not null
                && _phoneNumbers.TryGetValue(id, out phoneNumber!)
                && _accounts.TryGetValue(phoneNumber.AccountId, out account!);
        }
    }

    /// <summary>The phone numbers of a WABA, in the order they were added (empty for an unknown WABA).</summary>
    public IReadOnlyList<WhatsAppPhoneNumber> PhoneNumbersOf(string accountId)
    {
        lock (_gate)
        {
            return _phoneNumbers.Values.Where(p => p.AccountId == accountId).ToArray();
        }
    }

    /// <summary>The WABAs a business owns.</summary>
    public IReadOnlyList<WhatsAppAccount> OwnedBy(string businessId)
    {
        lock (_gate)
        {
            return _accounts.Values.Where(a => a.OwnerBusinessId == businessId).ToArray();
        }
    }

    /// <summary>The WABAs shared with a business as its client's.</summary>
    public IReadOnlyList<WhatsAppAccount> ClientOf(string businessId)
    {
        lock (_gate)
        {
            return _accounts.Values.Where(a => a.ClientBusinessIds.Contains(businessId, StringComparer.Ordinal)).ToArray();
        }
    }

    /// <summary>The WABA ids a token reaches: its granular target ids, or the default WABA when it has none.</summary>
    public IReadOnlyList<string> ReachableAccountIds(EmulatorToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Kind is TokenKind.App or TokenKind.Page)
        {
            return Array.Empty<string>();
        }

        return token.TargetIds ?? new[] { DefaultAccountId };
    }

    /// <summary>
    /// True when the token may read the object: a WABA in its target ids, a phone number of such a WABA, or a business
    /// owning or sharing such a WABA. False for unknown ids, app and page tokens (Facebook answers 100/33).
    /// </summary>
    public bool CanReach(EmulatorToken token, string objectId)
    {
        ArgumentNullException.ThrowIfNull(token);
        IReadOnlyList<string> reachable = ReachableAccountIds(token);
        if (TryGetAccount(objectId, out WhatsAppAccount account))
        {
            return reachable.Contains(account.Id, StringComparer.Ordinal);
        }

        if (TryGetPhoneNumber(objectId, out _, out WhatsAppAccount owner))
        {
            return reachable.Contains(owner.Id, StringComparer.Ordinal);
        }

        if (TryGetBusiness(objectId, out EmulatorBusiness business))
        {
            return OwnedBy(business.Id).Concat(ClientOf(business.Id)).Any(a => reachable.Contains(a.Id, StringComparer.Ordinal));
        }

        return false;
    }

    /// <summary>True when the id names a business, WABA or phone number of this world.</summary>
    public bool Knows(string? objectId) =>
        TryGetBusiness(objectId, out _) || TryGetAccount(objectId, out _) || TryGetPhoneNumber(objectId, out _, out _);

    /// <summary>Back to the seed (the businesses are the <see cref="BusinessDirectory"/>'s, reset before this).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _accounts.Clear();
            _phoneNumbers.Clear();
            AddAccount(new WhatsAppAccount(DefaultAccountId, "Emulated WhatsApp Business Account", BusinessId));
            AddAccount(new WhatsAppAccount(ClientAccountId, "Client WhatsApp Business Account", ClientBusinessId)
            {
                ClientBusinessIds = new[] { BusinessId },
            });
            AddPhoneNumber(new WhatsAppPhoneNumber(PhoneNumberId, DefaultAccountId, "+1 555-010-0001", "Emulated Business", "GREEN"));
            AddPhoneNumber(new WhatsAppPhoneNumber(ClientPhoneNumberId, ClientAccountId, "+1 555-010-0002", "Client Business", "YELLOW"));
        }
    }
}
