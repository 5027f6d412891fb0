namespace FacebookEmulator;

/// <summary>Per-request values the emulator's middleware leaves on the HttpContext.</summary>
internal static class EmulatorHttpContext
{
    private const string VersionKey = "FacebookEmulator.Version";
    private const string RecordKey = "FacebookEmulator.Record";
    private const string GraphKey = "FacebookEmulator.IsGraph";

    public static EmulatorState GetState(this HttpContext context) =>
        context.RequestServices.GetRequiredService<EmulatorState>();

    /// <summary>The version prefix of the request ("v25.0"), or null for an unversioned path.</summary>
    public static string? GetGraphVersion(this HttpContext context) =>
        context.Items.TryGetValue(VersionKey, out object? value) ? value as string : null;

    public static void SetGraphVersion(this HttpContext context, string version) => context.Items[VersionKey] = version;

    public static RecordedRequest? GetRecord(this HttpContext context) =>
        context.Items.TryGetValue(RecordKey, out object? value) ? value as RecordedRequest : null;

    public static void SetRecord(this HttpContext context, RecordedRequest record) => context.Items[RecordKey] = record;

    /// <summary>True for Graph endpoints (everything versioned but the login dialog).</summary>
    public static bool IsGraphRequest(this HttpContext context) =>
        context.Items.TryGetValue(GraphKey, out object? value) && value is true;

    public static void SetGraphRequest(this HttpContext context, bool isGraph) => context.Items[GraphKey] = isGraph;
}
