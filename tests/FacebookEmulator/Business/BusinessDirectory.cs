namespace FacebookEmulator;

/// <summary>
/// Businesses, their system users, the apps each business owns and the apps each system user installed (POST
/// /{system-user-id}/applications). Thread-safe. The defaults are the shared ids every suite uses (ids.md).
/// </summary>
public sealed class BusinessDirectory
{
    public const string DefaultBusinessId = "1980000000000001";
    public const string ClientBusinessId = "1980000000000002";
    public const string DefaultSystemUserId = "61550000000000001";
    public const string AdminSystemUserId = "61550000000000002";

    private readonly object _gate = new();
    private readonly EmulatorOptions _options;
    private readonly Dictionary<string, EmulatorBusiness> _businesses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorSystemUser> _systemUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _appOwners = new(StringComparer.Ordinal);
    private readonly HashSet<(string BusinessId, string UserId)> _admins = new();
    private readonly HashSet<(string SystemUserId, string AppId)> _installed = new();
    private readonly HashSet<string> _expiringTokensOnly = new(StringComparer.Ordinal);

    internal BusinessDirectory(EmulatorOptions options)
    {
        _options = options;
        Reset();
    }

    /// <summary>A snapshot of the system users.</summary>
    public IReadOnlyList<EmulatorSystemUser> SystemUsers
    {
        get
        {
            lock (_gate)
            {
                return _systemUsers.Values.OrderBy(u => u.Id, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>A snapshot of the businesses.</summary>
    public IReadOnlyList<EmulatorBusiness> Businesses
    {
        get
        {
            lock (_gate)
            {
                return _businesses.Values.OrderBy(b => b.Id, StringComparer.Ordinal).ToArray();
            }
        }
    }

    public EmulatorSystemUser? FindSystemUser(string? id)
    {
        lock (_gate)
        {
            return id is not null && _systemUsers.TryGetValue(id, out EmulatorSystemUser? user) ? user : null;
        }
    }

    /// <summary>Adds (or replaces) a system user; its business is created when new.</summary>
    public EmulatorSystemUser AddSystemUser(string id, string name, string role, string businessId, IEnumerable<string>? assignedWabaIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(businessId);
        var user = new EmulatorSystemUser(id, name, role, businessId, (assignedWabaIds ?? Array.Empty<string>()).ToArray());
        lock (_gate)
        {
            EnsureBusinessLocked(businessId);
            _systemUsers[id] = user;
        }

        return user;
    }

    /// <summary>Adds (or renames) a business (the one list of businesses: WhatsAppWorld reads its businesses here).</summary>
    public EmulatorBusiness AddBusiness(string id, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var business = new EmulatorBusiness(id, name);
        lock (_gate)
        {
            _businesses[id] = business;
        }

        return business;
    }

    public bool TryGetBusiness(string? id, out EmulatorBusiness business)
    {
        lock (_gate)
        {
            business = null!;
            return id is not null && _businesses.TryGetValue(id, out business!);
        }
    }

    /// <summary>Adds a business named after its id unless it exists (a WABA's or system user's unknown owner).</summary>
    public void EnsureBusiness(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (_gate)
        {
            EnsureBusinessLocked(id);
        }
    }

    private void EnsureBusinessLocked(string id)
    {
        if (!_businesses.ContainsKey(id))
        {
            _businesses[id] = new EmulatorBusiness(id, "Business " + id);
        }
    }

    /// <summary>The business that owns an app (the default app is owned by the default business).</summary>
    public string? OwnerOfApp(string appId)
    {
        lock (_gate)
        {
            return _appOwners.GetValueOrDefault(appId);
        }
    }

    public void SetAppOwner(string appId, string businessId)
    {
        lock (_gate)
        {
            _appOwners[appId] = businessId;
        }
    }

    public bool IsInstalled(string systemUserId, string appId)
    {
        lock (_gate)
        {
            return _installed.Contains((systemUserId, appId));
        }
    }

    /// <summary>Installs an app for a system user; installing again changes nothing.</summary>
    public void Install(string systemUserId, string appId)
    {
        lock (_gate)
        {
            _installed.Add((systemUserId, appId));
        }
    }

    /// <summary>
    /// A business that must use expiring system-user tokens (Meta: "omitting this parameter or setting it to false
    /// results in an error"): POST /{system-user-id}/access_tokens without set_token_expires_in_60_days=true is refused.
    /// </summary>
    public void SetExpiringTokensOnly(string businessId, bool expiringOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(businessId);
        lock (_gate)
        {
            EnsureBusinessLocked(businessId);
            if (expiringOnly)
            {
                _expiringTokensOnly.Add(businessId);
            }
            else
            {
                _expiringTokensOnly.Remove(businessId);
            }
        }
    }

    public bool RequiresExpiringTokens(string businessId)
    {
        lock (_gate)
        {
            return _expiringTokensOnly.Contains(businessId);
        }
    }

    /// <summary>
    /// The business a token acts for: a system user's business, or a business the token's user administers; null for
    /// tokens of neither (app tokens, users with no role in a business).
    /// </summary>
    internal string? BusinessOf(EmulatorToken token)
    {
        if (token.UserId is null)
        {
            return null;
        }

        lock (_gate)
        {
            if (token.Kind == TokenKind.SystemUser && _systemUsers.TryGetValue(token.UserId, out EmulatorSystemUser? user))
            {
                return user.BusinessId;
            }

            if (token.IsUserToken)
            {
                foreach ((string businessId, string userId) in _admins)
                {
                    if (userId == token.UserId)
                    {
                        return businessId;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>Back to the defaults: two businesses, the default user as an admin of the first, its two system users, nothing installed.</summary>
    internal void Reset()
    {
        lock (_gate)
        {
            _businesses.Clear();
            _systemUsers.Clear();
            _appOwners.Clear();
            _admins.Clear();
            _installed.Clear();
            _expiringTokensOnly.Clear();
            _businesses[DefaultBusinessId] = new EmulatorBusiness(DefaultBusinessId, "Emulated Business");
            _businesses[ClientBusinessId] = new EmulatorBusiness(ClientBusinessId, "Client Business");
            _appOwners[_options.AppId] = DefaultBusinessId;
            _admins.Add((DefaultBusinessId, _options.UserId));
            string[] wabas = { _options.WhatsAppBusinessAccountId };
            _systemUsers[DefaultSystemUserId] = new EmulatorSystemUser(DefaultSystemUserId, "Emulated System User", "EMPLOYEE", DefaultBusinessId, wabas);
            _systemUsers[AdminSystemUserId] = new EmulatorSystemUser(AdminSystemUserId, "Emulated Admin System User", "ADMIN", DefaultBusinessId, wabas);
        }
    }
}
