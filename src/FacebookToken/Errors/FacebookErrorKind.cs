namespace FacebookToken;

/// <summary>What went wrong, in words a script can branch on. The names are the module's stable error ids.</summary>
public enum FacebookErrorKind
{
    FacebookApiError = 0,
    InvalidParameter,
    CodeAlreadyUsed,
    CodeExpired,
    RedirectUriMismatch,
    InvalidCodeVerifier,
    InvalidAppId,
    InvalidAppSecret,
    InvalidToken,
    TokenExpired,
    TokenRevoked,
    RedirectUriNotAllowed,
    RateLimited,
    ServiceError,
    PermissionDenied,
    TemporarilyBlocked,
    UnexpectedResponse,
    RequestTimedOut,
    ConnectionFailed,
    LoginDenied,
    LoginTimedOut,
    StateMismatch,
    InvalidCallback,
    ListenerUnavailable,
    CacheUnavailable,
    CacheCorrupt,
    WrongCacheKey,
    CacheBusy,
    CachedTokenNotFound,
    CachedTokenExpired,
    PlaintextCacheRefused,

    /// <summary>A parameter was refused before anything was sent; <see cref="FacebookInputException.ErrorId"/> says which check.</summary>
    InvalidInput,

    /// <summary>The cache folder is another account's, or others may write to it.</summary>
    UnsafeCacheFolder,

    /// <summary>The cache's lock file is a link (or not a regular file), which the lock would open and write through.</summary>
    UnsafeCacheLock,

    /// <summary>A key is set, and the cache file is unencrypted: read only with -AllowPlaintextStorage.</summary>
    PlaintextCacheWithKey,

    /// <summary>The facebook-emulator tool is not installed where Start-FacebookEmulator looks (or -Path names nothing runnable).</summary>
    EmulatorNotInstalled,

    /// <summary>The emulator process exited or stayed silent instead of printing its URL.</summary>
    EmulatorStartFailed,

    /// <summary>-Vault was given, and Microsoft.PowerShell.SecretManagement is not installed, or the vault failed to answer.</summary>
    VaultUnavailable,

    /// <summary>-Vault names no vault registered with SecretManagement (Get-SecretVault lists them).</summary>
    VaultNotRegistered,

    /// <summary>The vault needs a password first (Unlock-SecretVault).</summary>
    VaultLocked,

    /// <summary>A secret of the name in the vault is not a FacebookToken entry: it was left alone.</summary>
    ForeignVaultSecret,
}
