using System;

namespace FacebookToken.Emulator;

/// <summary>The emulator could not be found or started. The message says what was tried and what to do.</summary>
public sealed class FacebookEmulatorException : FacebookException
{
    public FacebookEmulatorException(FacebookErrorKind kind, string message, Exception? inner = null)
        : base(message, kind, null, inner)
    {
    }

    public override bool IsTransient => false;
}
