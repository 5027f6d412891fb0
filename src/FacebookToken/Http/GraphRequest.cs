using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>One Graph call: path, parameters, and which parameters are secrets that logs must mask.</summary>
internal sealed class GraphRequest
{
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private readonly List<string> _secretValues = new();

    public GraphRequest(HttpMethod method, string path, RetryMode retryMode)
    {
        Method = method;
        Path = path;
        RetryMode = retryMode;
    }

    public HttpMethod Method { get; }

    /// <summary>Path after the version, e.g. <c>oauth/access_token</c>.</summary>
    public string Path { get; }

    public RetryMode RetryMode { get; }

    public List<KeyValuePair<string, string>> Query { get; } = new();

    /// <summary>Sent as an application/x-www-form-urlencoded body, which keeps secrets out of URLs and server logs.</summary>
    public List<KeyValuePair<string, string>> Form { get; } = new();

    /// <summary>Sent as <c>Authorization: Bearer</c>, never in the URL.</summary>
    public string? BearerToken { get; private set; }

    public IReadOnlyList<string> SecretValues => _secretValues;

    public GraphRequest AddQuery(string name, string value, SecretHandling handling = SecretHandling.None)
    {
        Query.Add(new KeyValuePair<string, string>(name, value));
        Remember(name, value, handling);
        return this;
    }

    public GraphRequest AddForm(string name, string value, SecretHandling handling = SecretHandling.None)
    {
        Form.Add(new KeyValuePair<string, string>(name, value));
        Remember(name, value, handling);
        return this;
    }

    public GraphRequest WithBearer(string token)
    {
        BearerToken = token;
        _secretValues.Add(token);
        int bar = token.IndexOf('|');
        if (bar >= 0)
        {
            _secretValues.Add(token.Substring(bar + 1));
        }
        return this;
    }

    public string BuildQueryString()
    {
        if (Query.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("?");
        foreach (var p in Query)
        {
            if (sb.Length > 1)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(p.Key)).Append('=').Append(Uri.EscapeDataString(p.Value));
        }

        return sb.ToString();
    }

    /// <summary>The parameters as a log may show them: secrets hidden or masked.</summary>
    public string DescribeParameters()
    {
        var parts = new List<string>();
        foreach (var p in Query)
        {
            parts.Add(p.Key + "=" + Display(p.Key, p.Value));
        }

        foreach (var p in Form)
        {
            parts.Add(p.Key + "=" + Display(p.Key, p.Value));
        }

        if (BearerToken != null)
        {
            // An APPID|SECRET app token would show the secret's last characters if masked like a token.
            int bar = BearerToken.IndexOf('|');
            parts.Add("Authorization=Bearer " + (bar >= 0 ? BearerToken.Substring(0, bar + 1) + SecretMask.Hide(BearerToken.Substring(bar + 1)) : SecretMask.MaskToken(BearerToken)));
        }

        return string.Join(", ", parts);
    }

    private string Display(string name, string value)
    {
        if (_hidden.Contains(name))
        {
            return SecretMask.Hide(value);
        }

        return _masked.Contains(name) ? SecretMask.MaskToken(value) : value;
    }

    private void Remember(string name, string value, SecretHandling handling)
    {
        switch (handling)
        {
            case SecretHandling.Hide:
                _hidden.Add(name);
                _secretValues.Add(value);
                break;
            case SecretHandling.Mask:
                _masked.Add(name);
                _secretValues.Add(value);
                break;
        }
    }
}
