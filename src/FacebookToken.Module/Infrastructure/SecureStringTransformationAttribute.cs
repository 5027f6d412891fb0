using System.Globalization;
using System.Management.Automation;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken.Module;

/// <summary>
/// Lets a secret parameter take a SecureString, plain text, or an object carrying the secret in a property of the
/// parameter's name (a piped FacebookAccessToken for -AccessToken). Anything else is refused with a clear message.
/// </summary>
/// <remarks>
/// PowerShell does not fall back to binding by property name when a by-value transformation throws, so the
/// by-value path must understand our own objects too.
/// </remarks>
public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    // SecureString holds at most 65,536 characters; no Facebook token, code or verifier comes near 4,096.
    private const int MaxLength = 4096;

    public SecureStringTransformationAttribute(string propertyName)
    {
        PropertyName = propertyName;
    }

    /// <summary>The property to take from a piped object, e.g. AccessToken.</summary>
    public string PropertyName { get; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => Convert(inputData, 0);

    /// <summary>The SecureString in <paramref name="inputData"/>, or null for null; refuses what holds none.</summary>
    internal SecureString? Convert(object? inputData, int depth)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case SecureString s:
                return s;
            case string text when text.Length > MaxLength:
                throw new ArgumentTransformationMetadataException(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} is {1} characters long, more than any Facebook value ({2}). Give the {0} exactly as Facebook issued it.",
                    PropertyName,
                    text.Length,
                    MaxLength));
            case string text:
                return text.ToSecureString();
        }

        if (value is FacebookAccessToken token && PropertyName == "AccessToken")
        {
            return token.AccessToken;
        }

        PSPropertyInfo? property = depth == 0 ? PSObject.AsPSObject(inputData).Properties[PropertyName] : null;
        if (property != null)
        {
            return Convert(property.Value, depth + 1);
        }

        throw new ArgumentTransformationMetadataException(
            "Expected a SecureString, the " + PropertyName + " as text, or an object with an " + PropertyName + " property, not a " + value.GetType().Name + ".");
    }
}
