namespace FacebookEmulator;

/// <summary>The outcome of trying to consume an authorization code.</summary>
internal enum CodeRedemption
{
    Redeemed,
    Unknown,
    OtherApp,
    AlreadyUsed,
    Expired,
}
