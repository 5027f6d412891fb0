using System.Text.RegularExpressions;

namespace FacebookEmulator;

/// <summary>
/// Front of the pipeline: strips the /vNN.N/ version prefix (rejecting unversioned paths), and logs
/// every non-control request with its final status.
/// </summary>
internal static partial class VersionAndLogMiddleware
{
    public const string ControlPrefix = "/_emulator/";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        string path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(ControlPrefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        EmulatorState state = context.GetState();
        Match match = VersionPattern().Match(path);
        string? version = match.Success ? match.Groups["version"].Value : null;
        string endpoint = match.Success ? (match.Groups["rest"].Value is { Length: > 0 } rest ? rest : "/") : path;

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in context.Request.Query)
        {
            query[pair.Key] = pair.Value.ToString();
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            try
            {
                IFormCollection body = await context.Request.ReadFormAsync(context.RequestAborted);
                foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in body)
                {
                    form[pair.Key] = pair.Value.ToString();
                }
            }
            catch (InvalidDataException)
            {
                // A malformed form body: log the request without it; the endpoint will see the same problem.
            }
        }

        string authorization = context.Request.Headers.Authorization.ToString();
        var record = new RecordedRequest(
            state.Now,
            context.Request.Method,
            path,
            version,
            endpoint,
            query,
            form,
            authorization.Length > 0 ? authorization : null);
        state.Record(record);
        context.SetRecord(record);

        try
        {
            if (version is null)
            {
                context.SetGraphRequest(true);
                await GraphResponses.WriteErrorAsync(context, GraphErrors.VersionRequired());
                return;
            }

            context.SetGraphVersion(version);
            context.SetGraphRequest(!endpoint.StartsWith("/dialog/", StringComparison.Ordinal));
            context.Request.PathBase = context.Request.PathBase.Add("/" + version);
            context.Request.Path = endpoint;
            await next(context);
        }
        finally
        {
            record.Status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted
                ? 499
                : context.Response.StatusCode;
        }
    }

    [GeneratedRegex(@"^/(?<version>v\d+\.\d+)(?<rest>/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
