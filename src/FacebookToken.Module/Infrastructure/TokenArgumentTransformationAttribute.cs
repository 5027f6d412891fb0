using System.Management.Automation;

namespace FacebookToken.Module;

/// <summary>
/// Makes a <see cref="FacebookTokenArgument"/> of what -AccessToken was given: a FacebookAccessToken (kept whole), a
/// SecureString, the token as text, or an object with an AccessToken property. Anything else is refused with a clear message.
/// </summary>
/// <remarks>
/// PowerShell binds a piped object by value first and does not fall back to binding by property name when the
/// transformation throws, so the by-value path takes our own objects whole.
/// </remarks>
public sealed class TokenArgumentTransformationAttribute : ArgumentTransformationAttribute
{
    private static readonly SecureStringTransformationAttribute s_secret = new("AccessToken");

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            null => null,
            FacebookTokenArgument argument => argument,
            FacebookAccessToken token => new FacebookTokenArgument(token),
            _ => s_secret.Convert(inputData, 0) is { } secret ? new FacebookTokenArgument(secret) : null,
        };
    }
}
