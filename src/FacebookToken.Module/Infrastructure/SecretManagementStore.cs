using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Security;
using FacebookToken.Cache;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken.Module;

/// <summary>
/// Core's token store on a SecretManagement vault (-Vault, FACEBOOK_TOKEN_VAULT): one secret per token, named and
/// shaped by <see cref="VaultEntry"/>, read and written with SecretManagement's own commands in the current runspace,
/// so every registered vault extension works (Az.KeyVault's, SecretStore, HashiCorp Vault, KeePass, ...).
/// </summary>
/// <remarks>
/// Lives in the module because SecretManagement is PowerShell; core keeps no PowerShell type. Its commands run as nested
/// pipelines, which only the pipeline thread may start: a call from a core workflow on the thread pool is handed to the
/// pipeline thread (<see cref="PipelineMessages.OnPipelineThread{T}"/>), which FacebookCmdlet.Run keeps serving.
/// Tokens cross as SecureStrings (<c>Set-Secret -Secret &lt;SecureString&gt;</c>); no token text is put on a command line.
/// A vault has no cross-process lock: <see cref="Replace"/> reads the entry again right before writing, which narrows
/// but cannot close the window in which another worker writes the same name.
/// </remarks>
internal sealed class SecretManagementStore : ITokenStore
{
    public const string ModuleName = "Microsoft.PowerShell.SecretManagement";
    public const string Backend = "SecretManagement";

    // Whether a vault keeps metadata, by vault and extension module: the probe costs a round trip to the vault.
    private static readonly ConcurrentDictionary<string, bool> s_keepsMetadata = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _vault;
    private readonly bool _keepsMetadata;
    private readonly IFacebookLog _log;
    private readonly PipelineMessages? _pipeline;

    private SecretManagementStore(string vault, bool keepsMetadata, TokenCacheInfo info, IFacebookLog log)
    {
        _vault = vault;
        _keepsMetadata = keepsMetadata;
        Info = info;
        _log = log;
        _pipeline = log as PipelineMessages;
    }

    public TokenCacheInfo Info { get; }

    /// <summary>
    /// Opens the vault: SecretManagement must be installed and the vault registered; a locked vault is reported here, before
    /// anything else happens. <paramref name="reason"/> says how the vault was named (-Vault, FACEBOOK_TOKEN_VAULT).
    /// </summary>
    public static SecretManagementStore Open(string vault, string reason, IFacebookLog log)
    {
        if (string.IsNullOrWhiteSpace(vault))
        {
            throw new FacebookInputException("InvalidVaultName", "Vault", "The vault name is empty. Give the name of a registered SecretManagement vault (Get-SecretVault lists them).");
        }

        PSObject? registered = Invoke(vault, "Get-SecretVault", new Hashtable(), "list the registered vaults")
            .FirstOrDefault(v => string.Equals(Property(v, "Name") as string, vault, StringComparison.OrdinalIgnoreCase));
        if (registered is null)
        {
            string[] names = VaultNames();
            throw new FacebookCacheException(
                "No SecretManagement vault named '" + vault + "' is registered for this user"
                    + (names.Length == 0 ? " (none is)" : " (registered: " + string.Join(", ", names) + ")")
                    + ". Register it with Register-SecretVault, e.g. Register-SecretVault -Name " + vault + " -ModuleName Az.KeyVault -VaultParameters @{ AZKVaultName = '<key vault>'; SubscriptionId = '<id>' }, or name one Get-SecretVault lists. Nothing was read or written.",
                FacebookErrorKind.VaultNotRegistered,
                null);
        }

        string vaultName = (string)Property(registered, "Name")!;
        string module = Property(registered, "ModuleName") as string ?? string.Empty;
        bool keepsMetadata = s_keepsMetadata.TryGetValue(vaultName + "|" + module, out bool known) ? known : ProbeMetadata(vaultName, module);
        var info = new TokenCacheInfo(
            Backend,
            string.Empty,
            vaultName,
            reason + "; vault extension " + module + (keepsMetadata
                ? ", which keeps metadata: each secret is the token, its metadata beside it"
                : ", which keeps no metadata (no Set-SecretInfo): each secret holds the token and its metadata")
                + "; the vault's own protection applies",
            isEncrypted: true);
        log.Verbose("Token store: SecretManagement vault '" + vaultName + "' (" + module + ", " + (keepsMetadata ? "metadata supported" : "no metadata support") + ").");
        return new SecretManagementStore(vaultName, keepsMetadata, info, log);
    }

    /// <summary>The names of the registered vaults; empty when SecretManagement is missing. For completion and messages.</summary>
    public static string[] VaultNames()
    {
        try
        {
            return Invoke(string.Empty, "Get-SecretVault", new Hashtable(), "list the registered vaults")
                .Select(v => Property(v, "Name") as string)
                .Where(n => !string.IsNullOrEmpty(n))
                .Select(n => n!)
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .ToArray();
        }
        catch (FacebookException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>The token names in the vault, decrypting nothing where the vault keeps metadata; for completion.</summary>
    public IReadOnlyList<string> Names() =>
        OnPipelineThread(() => ListEntries().Select(e => e.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList());

    public IReadOnlyList<FacebookAccessToken> Read(Func<string, bool>? nameFilter) => OnPipelineThread(() => ReadOnPipeline(nameFilter));

    public IReadOnlyList<FacebookAccessToken> Read(IEnumerable<string>? names, Func<string, bool>? nameFilter)
    {
        var wanted = new HashSet<string>(names ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        return Read(name => wanted.Contains(name) || (nameFilter != null && nameFilter(name)));
    }

    public bool Save(FacebookAccessToken token, string name) => OnPipelineThread(() => SaveOnPipeline(token, name));

    /// <summary>One secret per token: a vault has no write of many, so each is saved in turn (the names all checked first).</summary>
    public IReadOnlyList<bool> SaveMany(IReadOnlyList<KeyValuePair<string, FacebookAccessToken>> tokens)
    {
        foreach (KeyValuePair<string, FacebookAccessToken> entry in tokens)
        {
            TokenName.Validate(entry.Key);
        }

        return tokens.Select(entry => Save(entry.Value, entry.Key)).ToList();
    }

    public IReadOnlyList<string> Remove(IEnumerable<string> names) => OnPipelineThread(() => RemoveOnPipeline(names));

    public bool Replace(string name, SecureString renewedFrom, FacebookAccessToken renewed) => OnPipelineThread(() => ReplaceOnPipeline(name, renewedFrom, renewed));

    private T OnPipelineThread<T>(Func<T> work) => _pipeline is null ? work() : _pipeline.OnPipelineThread(work);

    private IReadOnlyList<FacebookAccessToken> ReadOnPipeline(Func<string, bool>? nameFilter)
    {
        var tokens = new List<FacebookAccessToken>();
        foreach ((string name, string secretName, IReadOnlyDictionary<string, object?>? metadata) in ListEntries())
        {
            if (nameFilter != null && !nameFilter(name))
            {
                continue;
            }

            if (ReadEntry(secretName, name, metadata, report: true) is FacebookAccessToken token)
            {
                tokens.Add(token);
            }
        }

        return tokens.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private bool SaveOnPipeline(FacebookAccessToken token, string name)
    {
        string secretName = VaultEntry.SecretName(name);
        bool replaced = false;
        if (FindInfo(secretName) is PSObject existing)
        {
            if (ReadEntry(secretName, name, Metadata(existing), report: false) is null)
            {
                throw Foreign(secretName, "Save-FacebookToken did not overwrite it. Give the token another name, or move that secret away if it is yours to move");
            }

            replaced = true;
        }

        Write(secretName, name, token);
        return replaced;
    }

    private IReadOnlyList<string> RemoveOnPipeline(IEnumerable<string> names)
    {
        var removed = new List<string>();
        foreach (string name in names)
        {
            string secretName = VaultEntry.SecretPrefix + name;
            if (FindInfo(secretName) is not PSObject existing)
            {
                continue;
            }

            if (ReadEntry(secretName, name, Metadata(existing), report: true) is null)
            {
                continue;
            }

            Invoke(_vault, "Remove-Secret", new Hashtable { ["Name"] = secretName, ["Vault"] = _vault, ["WhatIf"] = false, ["Confirm"] = false }, "remove the secret '" + secretName + "'");
            removed.Add(name);
        }

        return removed;
    }

    private bool ReplaceOnPipeline(string name, SecureString renewedFrom, FacebookAccessToken renewed)
    {
        string secretName = VaultEntry.SecretName(name);
        if (FindInfo(secretName) is not PSObject existing || ReadEntry(secretName, name, Metadata(existing), report: true) is not FacebookAccessToken current)
        {
            return false;
        }

        if (!current.AccessToken.SecureEquals(renewedFrom))
        {
            return false;
        }

        Write(secretName, name, renewed);
        return true;
    }

    private static bool ProbeMetadata(string vault, string module)
    {
        // Set-SecretInfo on a name that does not exist writes nothing: a vault without metadata support is refused by
        // SecretManagement itself (PSNotSupportedException); a vault with it says the secret is missing.
        bool keeps;
        try
        {
            Invoke(vault, "Set-SecretInfo", new Hashtable { ["Name"] = VaultEntry.SecretPrefix + "-metadata-probe-" + Guid.NewGuid().ToString("N"), ["Vault"] = vault, ["Metadata"] = new Hashtable(), ["WhatIf"] = false, ["Confirm"] = false }, "probe", translate: false);
            keeps = true;
        }
        catch (RuntimeException ex) when (Find<PSNotSupportedException>(ex) != null)
        {
            keeps = false;
        }
        catch (RuntimeException ex) when (IsLocked(ex))
        {
            throw Translate(vault, ex, "open the vault");
        }
        catch (RuntimeException)
        {
            keeps = true;
        }

        s_keepsMetadata[vault + "|" + module] = keeps;
        return keeps;
    }

    private IEnumerable<(string Name, string SecretName, IReadOnlyDictionary<string, object?>? Metadata)> ListEntries()
    {
        foreach (PSObject info in Invoke(_vault, "Get-SecretInfo", new Hashtable { ["Name"] = VaultEntry.SecretPrefix + "*", ["Vault"] = _vault }, "list its secrets"))
        {
            string? secretName = Property(info, "Name") as string;
            if (VaultEntry.TokenNameOf(secretName) is string name)
            {
                yield return (name, secretName!, Metadata(info));
            }
        }
    }

    /// <summary>The entry's token, or null (with a warning when <paramref name="report"/>) for a secret that is not an entry.</summary>
    private FacebookAccessToken? ReadEntry(string secretName, string name, IReadOnlyDictionary<string, object?>? metadata, bool report)
    {
        PSObject? secret = Invoke(_vault, "Get-Secret", new Hashtable { ["Name"] = secretName, ["Vault"] = _vault }, "read the secret '" + secretName + "'", missingIsNull: true).FirstOrDefault();
        if (secret?.BaseObject is not SecureString value)
        {
            if (secret != null && report)
            {
                ReportForeign(secretName);
            }

            return null;
        }

        try
        {
            FacebookAccessToken? token = VaultEntry.IsEntry(metadata) ? VaultEntry.FromMetadata(name, metadata!, value) : VaultEntry.FromEnvelope(name, value);
            if (token is null && report)
            {
                ReportForeign(secretName);
            }

            return token;
        }
        catch (FormatException ex)
        {
            if (report)
            {
                _log.Warning("The secret '" + secretName + "' in the vault '" + _vault + "' looks like a FacebookToken entry but cannot be read (" + ex.Message + "); it was skipped and left as it is.");
            }

            return null;
        }
    }

    private void Write(string secretName, string name, FacebookAccessToken token)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var parameters = new Hashtable { ["Name"] = secretName, ["Vault"] = _vault, ["WhatIf"] = false, ["Confirm"] = false };
        if (_keepsMetadata)
        {
            parameters["Secret"] = token.AccessToken;
            parameters["Metadata"] = new Hashtable(VaultEntry.Metadata(token, now).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
        }
        else
        {
            parameters["Secret"] = VaultEntry.Envelope(token, name, now);
        }

        Invoke(_vault, "Set-Secret", parameters, "write the secret '" + secretName + "'");

        // As the local cache does: -PassThru and -CacheName show what a later read would give.
        token.Name = name;
        token.SavedOn = now;
    }

    private PSObject? FindInfo(string secretName) =>
        Invoke(_vault, "Get-SecretInfo", new Hashtable { ["Name"] = secretName, ["Vault"] = _vault }, "look up the secret '" + secretName + "'")
            .FirstOrDefault(i => string.Equals(Property(i, "Name") as string, secretName, StringComparison.OrdinalIgnoreCase));

    private void ReportForeign(string secretName) =>
        _log.Warning(Foreign(secretName, "It was left alone").Message);

    private FacebookCacheException Foreign(string secretName, string what) =>
        new(
            "The secret '" + secretName + "' in the vault '" + _vault + "' is not a FacebookToken entry (it has neither FacebookToken metadata nor a FacebookToken document). " + what + ".",
            FacebookErrorKind.ForeignVaultSecret,
            null);

    /// <summary>Runs one SecretManagement command (module-qualified, so a function of the same name cannot stand in) in the current runspace.</summary>
    private static Collection<PSObject> Invoke(string vault, string command, Hashtable parameters, string doing, bool missingIsNull = false, bool translate = true)
    {
        using PowerShell ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        ps.AddCommand(ModuleName + "\\" + command).AddParameters(parameters).AddParameter("ErrorAction", ActionPreference.Stop);
        try
        {
            return ps.Invoke();
        }
        catch (RuntimeException ex) when (missingIsNull && Find<ItemNotFoundException>(ex) != null)
        {
            return new Collection<PSObject>();
        }
        catch (RuntimeException ex) when (translate)
        {
            throw Translate(vault, ex, doing);
        }
    }

    private static FacebookCacheException Translate(string vault, RuntimeException ex, string doing)
    {
        if (Find<CommandNotFoundException>(ex) != null)
        {
            return new FacebookCacheException(
                "-Vault (or " + TokenCacheOptions.VaultVariable + ") needs the PowerShell module " + ModuleName + ", which is not installed (or not on PSModulePath). "
                    + "Install it with Install-PSResource " + ModuleName + " (or Install-Module), add a vault extension such as Az.KeyVault or Microsoft.PowerShell.SecretStore, and register the vault with Register-SecretVault. Nothing was read or written.",
                FacebookErrorKind.VaultUnavailable,
                null,
                ex);
        }

        if (IsLocked(ex))
        {
            return new FacebookCacheException(
                "The vault '" + vault + "' is locked: it needs its password before FacebookToken can " + doing + ". Unlock it with Unlock-SecretVault -Name " + vault + " (or configure it to need no password for unattended use), then run the command again. Nothing was changed.",
                FacebookErrorKind.VaultLocked,
                null,
                ex);
        }

        return new FacebookCacheException(
            "The vault '" + vault + "' could not " + doing + ": " + Describe(ex) + ". Check the vault with Test-SecretVault -Name " + vault + ". Nothing was changed.",
            FacebookErrorKind.VaultUnavailable,
            null,
            ex);
    }

    // SecretManagement defines PasswordRequiredException for every extension to throw when it needs a password
    // (SecretStore does); it is matched by type name, since the module is not referenced at compile time.
    private static bool IsLocked(RuntimeException ex) => Chain(ex).Any(e => e.GetType().Name == "PasswordRequiredException");

    private static string Describe(RuntimeException ex)
    {
        // SecretManagement wraps the extension's error ("Unable to get secret ... from vault"): both say something.
        Exception outer = ex is ActionPreferenceStopException stop && stop.ErrorRecord?.Exception != null ? stop.ErrorRecord.Exception : ex;
        Exception inner = outer;
        while (inner.InnerException != null)
        {
            inner = inner.InnerException;
        }

        string text = outer.Message.Trim().TrimEnd('.');
        string detail = inner.Message.Trim().TrimEnd('.');
        return inner == outer || text.Contains(detail) ? text : text + " (" + detail + ")";
    }

    private static T? Find<T>(RuntimeException ex)
        where T : Exception => Chain(ex).OfType<T>().FirstOrDefault();

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        var seen = new HashSet<Exception>();
        var pending = new Stack<Exception>();
        pending.Push(ex);
        while (pending.Count > 0)
        {
            Exception e = pending.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            yield return e;
            if (e.InnerException != null)
            {
                pending.Push(e.InnerException);
            }

            if (e is IContainsErrorRecord { ErrorRecord.Exception: Exception recorded })
            {
                pending.Push(recorded);
            }
        }
    }

    private static object? Property(PSObject item, string name) => item.Properties[name]?.Value is object value ? Unwrap(value) : null;

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static IReadOnlyDictionary<string, object?>? Metadata(PSObject info)
    {
        if (Property(info, "Metadata") is not IDictionary metadata || metadata.Count == 0)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in metadata)
        {
            if (entry.Key is string key)
            {
                result[key] = Unwrap(entry.Value);
            }
        }

        return result;
    }
}
