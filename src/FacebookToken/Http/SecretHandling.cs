namespace FacebookToken;

/// <summary>How a parameter appears in Verbose/Debug text.</summary>
internal enum SecretHandling
{
    /// <summary>Not a secret: shown as is.</summary>
    None,

    /// <summary>A token or code: first and last characters only.</summary>
    Mask,

    /// <summary>An app secret or verifier: no character shown.</summary>
    Hide,
}
