namespace FacebookEmulator;

/// <summary>One request the emulator received (control requests under /_emulator/ are not logged).</summary>
public sealed class RecordedRequest
{
    private int _status;
    private string? _fault;

    internal RecordedRequest(
        DateTimeOffset timestamp,
        string method,
        string path,
        string? version,
        string endpoint,
        IReadOnlyDictionary<string, string> query,
        IReadOnlyDictionary<string, string> form,
        string? authorization)
    {
        Timestamp = timestamp;
        Method = method;
        Path = path;
        Version = version;
        Endpoint = endpoint;
        Query = query;
        Form = form;
        Authorization = authorization;
    }

    public DateTimeOffset Timestamp { get; }

    public string Method { get; }

    /// <summary>The path as received, version included: "/v25.0/oauth/access_token".</summary>
    public string Path { get; }

    /// <summary>The version prefix ("v25.0"), or null when the path had none.</summary>
    public string? Version { get; }

    /// <summary>The path without the version: "/oauth/access_token".</summary>
    public string Endpoint { get; }

    public IReadOnlyDictionary<string, string> Query { get; }

    public IReadOnlyDictionary<string, string> Form { get; }

    /// <summary>The Authorization header, if any.</summary>
    public string? Authorization { get; }

    /// <summary>The HTTP status sent (0 while the request is still running, 499 if the client went away).</summary>
    public int Status
    {
        get => Volatile.Read(ref _status);
        internal set => Volatile.Write(ref _status, value);
    }

    /// <summary>The fault injected into this request, if any ("transient500", ...).</summary>
    public string? Fault
    {
        get => Volatile.Read(ref _fault);
        internal set => Volatile.Write(ref _fault, value);
    }
}
