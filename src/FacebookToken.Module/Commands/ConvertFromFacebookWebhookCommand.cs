using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using FacebookToken.Webhooks;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Reads a Facebook webhook POST after checking its X-Hub-Signature-256 with the app secret (WhatsApp statuses and
/// customer messages as objects, other changes whole), or answers the subscription check's hub.challenge.
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "FacebookWebhook", DefaultParameterSetName = AppSecretSet)]
[OutputType(typeof(FacebookWhatsAppStatus), typeof(FacebookWhatsAppMessage), typeof(PSObject), ParameterSetName = new[] { AppSecretSet, CredentialSet })]
[OutputType(typeof(string), ParameterSetName = new[] { HandshakeSet })]
public sealed class ConvertFromFacebookWebhookCommand : FacebookCmdlet
{
    private const string AppSecretSet = "AppSecret";
    private const string CredentialSet = "Credential";
    private const string HandshakeSet = "Handshake";

    /// <summary>The POST's body exactly as received: the raw text or bytes, never re-serialized JSON.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = AppSecretSet)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = CredentialSet)]
    [AllowEmptyString]
    public object? Body { get; set; }

    /// <summary>The X-Hub-Signature-256 header's value (sha256=...).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AppSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [AllowNull]
    [AllowEmptyString]
    public string? Signature { get; set; }

    /// <summary>The app secret the webhook is signed with.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AppSecretSet)]
    [SecureStringTransformation("AppSecret")]
    public SecureString? AppSecret { get; set; }

    /// <summary>The app id (optional; checked against -Credential's user name when both are given).</summary>
    [Parameter(ParameterSetName = AppSecretSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public string? AppId { get; set; }

    /// <summary>User name = app id, password = app secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The subscription GET's query: a hashtable of its values, the query string, or the whole URL.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HandshakeSet)]
    public object? Query { get; set; }

    /// <summary>The verify token set in the App Dashboard's webhook settings.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HandshakeSet)]
    [SecureStringTransformation("VerifyToken")]
    public SecureString? VerifyToken { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            if (ParameterSetName == HandshakeSet)
            {
                WriteObject(WebhookHandshake.Answer(QueryValues(), VerifyToken));
                return;
            }

            SecureString secret = Secret();
            object? body = Body is PSObject wrapped ? wrapped.BaseObject : Body;
            IReadOnlyList<object> items = body switch
            {
                byte[] bytes => WebhookReader.Read(bytes, Signature, secret),
                object[] array when Bytes(array) is { } unrolled => WebhookReader.Read(unrolled, Signature, secret),
                string text => WebhookReader.Read(text, Signature, secret),
                null => WebhookReader.Read(string.Empty, Signature, secret),
                _ => throw new FacebookInputException(
                    "InvalidWebhookBody",
                    nameof(Body),
                    "-Body takes the POST's body as received, as text or bytes, not a " + body.GetType().Name + ". Pass the raw body (Azure Functions: $Request.RawBody; Pode: $WebEvent.Request.Body), not a parsed object: the signature covers the exact bytes."),
            };
            foreach (object item in items)
            {
                WriteObject(item is FacebookWebhookChange change ? ToPlainObject(change) : item);
            }
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, ParameterSetName == HandshakeSet ? Query : null);
        }
    }

    /// <summary>A byte array PowerShell unrolled into object[] (a script block's output, @() around bytes), or null.</summary>
    private static byte[]? Bytes(object[] array)
    {
        var bytes = new byte[array.Length];
        for (int i = 0; i < array.Length; i++)
        {
            if ((array[i] is PSObject p ? p.BaseObject : array[i]) is not byte b)
            {
                return null;
            }

            bytes[i] = b;
        }

        return bytes;
    }

    private static PSObject ToPlainObject(FacebookWebhookChange change)
    {
        var result = new PSObject();
        result.Properties.Add(new PSNoteProperty("Object", change.Object));
        result.Properties.Add(new PSNoteProperty("EntryId", change.EntryId));
        result.Properties.Add(new PSNoteProperty("Field", change.Field));
        result.Properties.Add(new PSNoteProperty("Value", JsonTreeConverter.ToPowerShell(change.Value, asHashtable: false)));
        return result;
    }

    private SecureString Secret()
    {
        if (Credential is null)
        {
            return AppSecret!;
        }

        if (!string.IsNullOrEmpty(AppId) && !string.Equals(AppId, Credential.UserName, StringComparison.Ordinal))
        {
            throw new FacebookInputException(
                "AppIdMismatch",
                nameof(AppId),
                "AppId " + InputValidation.Show(AppId) + " differs from the Credential user name " + InputValidation.Show(Credential.UserName) + ". The credential's user name must be the app id of the app the webhook is subscribed with.");
        }

        return Credential.Password;
    }

    private IReadOnlyDictionary<string, string?> QueryValues()
    {
        object? query = Query is PSObject wrapped ? wrapped.BaseObject : Query;
        switch (query)
        {
            case string text:
                return WebhookQuery.Parse(text);
            case Uri uri:
                return WebhookQuery.Parse(uri.Query);
            case IDictionary dictionary:
                var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in dictionary)
                {
                    object? value = entry.Value is PSObject v ? v.BaseObject : entry.Value;
                    values[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] =
                        value is IEnumerable list and not string ? string.Join(",", ToStrings(list)) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                }

                return values;
            default:
                throw new FacebookInputException(
                    "InvalidWebhookQuery",
                    nameof(Query),
                    "-Query takes the GET's query values as a hashtable (Azure Functions: $Request.Query; Pode: $WebEvent.Query), its query string, or the whole URL, not a " + (query?.GetType().Name ?? "null") + ".");
        }
    }

    private static IEnumerable<string> ToStrings(IEnumerable list)
    {
        foreach (object? item in list)
        {
            yield return Convert.ToString(item is PSObject p ? p.BaseObject : item, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }
}
