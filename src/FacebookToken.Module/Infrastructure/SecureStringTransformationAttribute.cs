using System.Management.Automation;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken.Module;

/// <summary>Lets a secret parameter take a SecureString or plain text; anything else is refused so pipeline binding can try by property name.</summary>
public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            null => null,
            SecureString s => s,
            string text => text.ToSecureString(),
            _ => throw new ArgumentTransformationMetadataException("Expected a SecureString or the secret as text, not a " + value.GetType().Name + "."),
        };
    }
}
