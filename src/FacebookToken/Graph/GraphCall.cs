using System.Collections.Generic;
using System.Net.Http;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>What Invoke-FacebookGraphRequest asks for: one general Graph call, before its pages are followed.</summary>
internal sealed class GraphCall
{
    /// <param name="method">GET, POST or DELETE (any casing).</param>
    public GraphCall(string method, GraphUri target, CheckedSecret token)
    {
        Method = method.ToUpperInvariant() switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            "DELETE" => HttpMethod.Delete,
            _ => throw new FacebookInputException("InvalidMethod", "Method", "-Method " + InputValidation.Show(method) + " is not one Graph takes here: use GET, POST or DELETE."),
        };
        Target = target;
        Token = token;
    }

    public HttpMethod Method { get; }

    /// <summary>GET: parameters go in the query, and a body is refused.</summary>
    public bool IsGet => Method == HttpMethod.Get;

    /// <summary>The first page's address; <see cref="FacebookGraphClient.NextPage"/> gives the ones after.</summary>
    public GraphUri Target { get; }

    /// <summary>The user token (or system-user token) sent as the bearer.</summary>
    public CheckedSecret Token { get; }

    /// <summary>With it, every request carries appsecret_proof and appsecret_time.</summary>
    public CheckedSecret? AppSecret { get; set; }

    /// <summary>-Query, added after the target's own query parameters.</summary>
    public List<KeyValuePair<string, string>> Query { get; } = new();

    /// <summary>The JSON body as a tree (<see cref="Json.JsonObject"/>, lists, strings, numbers, booleans, null); null: no body.</summary>
    public object? Body { get; set; }

    public bool HasBody { get; set; }

    /// <summary>-MaximumRetryCount: retries after the first try, within the rules of the method's <see cref="RetryMode"/>.</summary>
    public int MaximumRetryCount { get; set; } = 2;
}
