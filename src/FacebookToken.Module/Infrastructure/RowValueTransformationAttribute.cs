using System;
using System.Globalization;
using System.Management.Automation;

namespace FacebookToken.Module;

/// <summary>
/// Reads a -Kind or -ExpiresOn given as text (a CSV column, a database field) and refuses text it cannot read, so a row
/// with a bad value is an error on that row instead of a token saved without it: PowerShell leaves a non-mandatory
/// parameter unbound, silently, when a piped property does not convert.
/// </summary>
public sealed class RowValueTransformationAttribute : ArgumentTransformationAttribute
{
    public RowValueTransformationAttribute(Type targetType)
    {
        TargetType = targetType;
    }

    /// <summary><see cref="FacebookTokenKind"/> or <see cref="DateTimeOffset"/>.</summary>
    public Type TargetType { get; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (value is not string text)
        {
            return inputData;
        }

        if (TargetType == typeof(FacebookTokenKind))
        {
            if (Enum.TryParse(text.Trim(), ignoreCase: true, out FacebookTokenKind kind) && Enum.IsDefined(typeof(FacebookTokenKind), kind) && !int.TryParse(text, out _))
            {
                return kind;
            }

            throw new ArgumentTransformationMetadataException(
                "Kind '" + text + "' is not a token kind. Give one of " + string.Join(", ", Enum.GetNames(typeof(FacebookTokenKind))) + ".");
        }

        if (text.Trim().Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset time))
        {
            return time;
        }

        throw new ArgumentTransformationMetadataException(
            "ExpiresOn '" + text + "' is not a date and time. Give it as ISO 8601, e.g. 2026-03-01T00:00:00Z, or leave it empty for never or unknown.");
    }
}
