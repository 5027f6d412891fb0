namespace FacebookEmulator;

/// <summary>Switches for the variations Facebook shows; changeable while the emulator runs.</summary>
public sealed class EmulatorSettings
{
    public const string DefaultJsonContentType = "application/json; charset=UTF-8";
    public const string JavaScriptContentType = "text/javascript; charset=UTF-8";

    private volatile string _tokenTypeCasing = "bearer";
    private volatile string _jsonContentType = DefaultJsonContentType;
    private volatile bool _omitExpiresIn;
    private volatile bool _appIdAsNumber;
    private volatile bool _requireAppSecretProof;
    private volatile int _autoApprove;
    private volatile bool _codeExchangeGivesLongLived;
    private volatile bool _granularWithoutTargetIds;
    private volatile bool _granularOmitsWhatsAppManagement;
    private volatile string[] _declinedScopes = Array.Empty<string>();

    /// <summary>Approve or deny every login dialog at once, without showing the page.</summary>
    public AutoApproveMode AutoApprove
    {
        get => (AutoApproveMode)_autoApprove;
        set => _autoApprove = (int)value;
    }

    /// <summary>The token_type value of token responses: "bearer" (default), "Bearer", "BEARER", ...</summary>
    public string TokenTypeCasing
    {
        get => _tokenTypeCasing;
        set => _tokenTypeCasing = string.IsNullOrEmpty(value) ? "bearer" : value;
    }

    /// <summary>Leave expires_in out of token responses.</summary>
    public bool OmitExpiresIn
    {
        get => _omitExpiresIn;
        set => _omitExpiresIn = value;
    }

    /// <summary>Write debug_token app_id as a JSON number instead of a string.</summary>
    public bool AppIdAsNumber
    {
        get => _appIdAsNumber;
        set => _appIdAsNumber = value;
    }

    /// <summary>Content-Type of JSON answers (Facebook sometimes sends text/javascript).</summary>
    public string JsonContentType
    {
        get => _jsonContentType;
        set => _jsonContentType = string.IsNullOrEmpty(value) ? DefaultJsonContentType : value;
    }

    /// <summary>Reject user-token Graph calls (/me...) without a valid appsecret_proof.</summary>
    public bool RequireAppSecretProof
    {
        get => _requireAppSecretProof;
        set => _requireAppSecretProof = value;
    }

    /// <summary>The code exchange answers about 60 days of expires_in, as passport-facebook#98 saw.</summary>
    public bool CodeExchangeGivesLongLived
    {
        get => _codeExchangeGivesLongLived;
        set => _codeExchangeGivesLongLived = value;
    }

    /// <summary>debug_token's granular_scopes entries come without target_ids.</summary>
    public bool GranularWithoutTargetIds
    {
        get => _granularWithoutTargetIds;
        set => _granularWithoutTargetIds = value;
    }

    /// <summary>
    /// Permissions the user unticks in the dialog, as Facebook lets them: the redirect's granted_scopes, the code and
    /// the token carry only the rest.
    /// </summary>
    public string[] DeclinedScopes
    {
        get => _declinedScopes;
        set => _declinedScopes = value ?? Array.Empty<string>();
    }

    /// <summary>
    /// debug_token's granular_scopes leave out whatsapp_business_management (scopes still list it) while reads of the
    /// token's WABAs keep working: the drift Meta introduced for Embedded Signup tokens.
    /// </summary>
    public bool GranularOmitsWhatsAppManagement
    {
        get => _granularOmitsWhatsAppManagement;
        set => _granularOmitsWhatsAppManagement = value;
    }

    internal void ResetTo(AutoApproveMode autoApprove)
    {
        GranularOmitsWhatsAppManagement = false;
        DeclinedScopes = Array.Empty<string>();
        CodeExchangeGivesLongLived = false;
        GranularWithoutTargetIds = false;
        AutoApprove = autoApprove;
        TokenTypeCasing = "bearer";
        JsonContentType = DefaultJsonContentType;
        OmitExpiresIn = false;
        AppIdAsNumber = false;
        RequireAppSecretProof = false;
    }
}
