using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>
/// Calls the Graph API with a token the script never holds as text: the token in the Authorization header only,
/// appsecret_proof when app credentials are given, paging followed with -All (each item written as its page arrives),
/// retries that never send a POST twice, and Facebook's (and WhatsApp's) error fields as ErrorRecords.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "FacebookGraphRequest", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(PSObject), typeof(Hashtable), typeof(string))]
public sealed class InvokeFacebookGraphRequestCommand : FacebookGraphTokenCmdlet
{
    private const string PSObjectOutput = "PSObject";
    private const string HashTableOutput = "HashTable";
    private const string JsonOutput = "Json";

    private (GraphCall Call, FacebookEndpoint Endpoint)? _write;
    private int _writes;

    /// <summary>A Graph path (me, {phone-number-id}/messages, {waba-id}/message_templates?fields=name) or a URL on -GraphBaseUri.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Uri { get; set; }

    /// <summary>GET (the default), POST or DELETE.</summary>
    [Parameter]
    [ValidateSet("GET", "POST", "DELETE")]
    public string Method { get; set; } = "GET";

    /// <summary>Sent as JSON: a hashtable, a PSCustomObject or a JSON string. POST and DELETE only.</summary>
    [Parameter]
    [AllowNull]
    public object? Body { get; set; }

    /// <summary>Query parameters (fields, limit, ...), added to those in -Uri. Arrays are joined with commas.</summary>
    [Parameter]
    public IDictionary? Query { get; set; }

    /// <summary>Follow paging.next and write each item of data as its page arrives.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>PSObject (the default), HashTable or Json (the answer's JSON text; with -All, each item's).</summary>
    [Parameter]
    [ValidateSet(PSObjectOutput, HashTableOutput, JsonOutput)]
    public string OutputType { get; set; } = PSObjectOutput;

    /// <summary>A variable to receive the answer's headers (with -All, the last page's), scrubbed of the request's secrets.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ResponseHeadersVariable { get; set; }

    /// <summary>
    /// How many times to retry: GET and DELETE after transient errors and throttling, POST only when Facebook surely did not
    /// act (refused connection, throttling). 0 sends once.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int MaximumRetryCount { get; set; } = 2;

    /// <summary>The token: a FacebookAccessToken from the pipeline, a SecureString, or the token as text.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TokenSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [TokenArgumentTransformation]
    public override FacebookTokenArgument? AccessToken { get; set; }

    protected override void ProcessRecord()
    {
        GraphCall call;
        FacebookEndpoint endpoint;
        try
        {
            endpoint = CreateEndpoint();
            GraphUri target = GraphUri.Parse(Uri, endpoint.GraphBaseUri);
            FacebookAccessToken? token = ResolveOneToken();
            if (token is null)
            {
                return;
            }

            (_, CheckedSecret? secret) = ResolveOptionalApp();
            call = new GraphCall(Method, target, token.Checked())
            {
                AppSecret = secret,
                MaximumRetryCount = MaximumRetryCount,
            };
            AddQuery(call);
            if (All)
            {
                GraphPaging.CheckMethod(call);
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(Body)))
            {
                if (call.IsGet)
                {
                    throw new FacebookInputException("BodyWithGet", "Body", "-Body is sent with POST or DELETE only. For a GET, pass parameters with -Query (or in -Uri), or add -Method POST.");
                }

                if (Body is null)
                {
                    throw new FacebookInputException("InvalidBody", "Body", "-Body is null. Give a hashtable, a PSCustomObject or a JSON string, or leave -Body out.");
                }

                call.Body = JsonTreeConverter.FromBody(Body);
                call.HasBody = true;
            }
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, GraphUri.WithoutQuery(Uri));
            return;
        }

        if (!call.IsGet)
        {
            // A write (a WhatsApp message) goes out once: sent in EndProcessing, when it is known that only one token came.
            _writes++;
            _write ??= (call, endpoint);
            return;
        }

        Send(call, endpoint);
    }

    protected override void EndProcessing()
    {
        if (_write is null)
        {
            return;
        }

        (GraphCall call, FacebookEndpoint endpoint) = _write.Value;

        if (_writes > 1)
        {
            WriteFacebookError(
                new FacebookInputException(
                    "MultipleTokensForWrite",
                    "AccessToken",
                    "-Method " + Method.ToUpperInvariant() + " was given " + _writes.ToString(CultureInfo.InvariantCulture) + " tokens from the pipeline, and would be sent once per token. Nothing was sent: pipe or name one token, so the call is made once."),
                GraphUri.WithoutQuery(Uri));
            return;
        }

        Send(call, endpoint);
    }

    private void Send(GraphCall call, FacebookEndpoint endpoint)
    {
        try
        {
            SendPages(call, endpoint);
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, GraphUri.WithoutQuery(Uri));
        }
    }

    private void SendPages(GraphCall call, FacebookEndpoint endpoint)
    {
        var paging = new GraphPaging(endpoint);
        GraphUri? target = call.Target;
        int pages = 0;
        while (target != null)
        {
            GraphUri page = target;
            GraphAnswer answer = Run((log, ct) => new FacebookGraphClient(endpoint, log).SendAsync(call, page, ct));
            pages++;
            SetHeadersVariable(answer.Response);
            List<object?>? data = All ? answer.Body.GetArray("data") : null;
            if (data is null)
            {
                if (All)
                {
                    WriteVerbose("The answer holds no data list, so there is nothing to page through: writing it whole.");
                }

                WriteAnswer(answer.Body);
                return;
            }

            foreach (object? item in data)
            {
                WriteAnswer(item);
            }

            target = paging.Next(answer.Body);
            if (target != null && pages % 10 == 0)
            {
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Read {0} pages; following paging.next.", pages));
            }
        }
    }

    private void WriteAnswer(object? value)
    {
        switch (OutputType)
        {
            case JsonOutput:
                WriteObject(JsonText.Write(value));
                break;
            case HashTableOutput:
                WriteObject(JsonTreeConverter.ToPowerShell(value, asHashtable: true));
                break;
            default:
                WriteObject(JsonTreeConverter.ToPowerShell(value, asHashtable: false));
                break;
        }
    }

    private void SetHeadersVariable(GraphResponse response)
    {
        if (ResponseHeadersVariable is null)
        {
            return;
        }

        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string[]> header in response.Headers)
        {
            headers[header.Key] = headers.TryGetValue(header.Key, out string[]? earlier) ? earlier.Concat(header.Value).ToArray() : header.Value;
        }

        SessionState.PSVariable.Set(ResponseHeadersVariable, headers);
    }

    /// <summary>The one token this call uses: a call (a WhatsApp message) must never go out once per matching cached token.</summary>
    private FacebookAccessToken? ResolveOneToken()
    {
        IReadOnlyList<FacebookAccessToken> tokens = ResolveTokens();
        if (tokens.Count == 1)
        {
            return tokens[0];
        }

        if (tokens.Count > 1)
        {
            throw new FacebookInputException(
                "AmbiguousTokenName",
                "Name",
                "-Name " + string.Join(", ", Name ?? Array.Empty<string>()) + " matches " + tokens.Count.ToString(CultureInfo.InvariantCulture) + " cached tokens ("
                + string.Join(", ", tokens.Select(t => t.Name)) + "). Name one token, so the call is made once.");
        }

        if (ParameterSetName == NameSet && (Name ?? Array.Empty<string>()).Any(WildcardPattern.ContainsWildcardCharacters))
        {
            throw new FacebookInputException("NoMatchingToken", "Name", "No cached token matches -Name " + string.Join(", ", Name ?? Array.Empty<string>()) + ". Get-FacebookToken lists the cached names.");
        }

        // A literal name with no match was already written as an error.
        return null;
    }

    private void AddQuery(GraphCall call)
    {
        if (Query is null)
        {
            return;
        }

        foreach (DictionaryEntry entry in Query)
        {
            string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
            if (name.Length == 0)
            {
                throw new FacebookInputException("InvalidQuery", "Query", "-Query has an empty parameter name.");
            }

            if (GraphUri.IsCredential(name))
            {
                throw new FacebookInputException("TokenInQuery", "Query", "-Query carries " + name + ". The token goes in the Authorization header only: pass it with -Name or -AccessToken (and app credentials for appsecret_proof).");
            }

            call.Query.Add(new KeyValuePair<string, string>(name, QueryValue(entry.Value)));
        }
    }

    private static string QueryValue(object? value)
    {
        value = value is PSObject pso ? pso.BaseObject : value;
        switch (value)
        {
            case null:
                return string.Empty;
            case string s:
                return s;
            case bool b:
                return b ? "true" : "false";
            case SecureString:
                throw new FacebookInputException("InvalidQuery", "Query", "-Query holds a SecureString; query strings end up in server logs, so secrets do not belong there.");
            case IEnumerable list:
                return string.Join(",", list.Cast<object?>().Select(QueryValue));
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }
}
