using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>Injects latency and the configured fault into Graph requests, and counts those in flight.</summary>
internal static class FaultMiddleware
{
    private const string Html502Body =
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";

    private const string SlowDripBody =
        "{\"access_token\":\"EAAGslowdripslowdripslowdrip\",\"token_type\":\"bearer\",\"expires_in\":7199}";

    /// <summary>Set on a request whose fault is <see cref="FaultMode.TransientAfterRedeem"/>, for the token endpoint to act on.</summary>
    public const string TransientAfterRedeemKey = "emulator.transientAfterRedeem";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.IsGraphRequest())
        {
            await next(context);
            return;
        }

        EmulatorState state = context.GetState();
        string fullPath = context.Request.PathBase.Add(context.Request.Path).Value ?? "/";
        (int latencyMs, FaultMode mode, EmulatorFaults faults) = state.NextFault(fullPath);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted,
            context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        CancellationToken token = cancellation.Token;
        state.EnterGraphRequest();
        try
        {
            if (latencyMs > 0)
            {
                await Task.Delay(latencyMs, token);
            }

            if (mode == FaultMode.TransientAfterRedeem)
            {
                context.Items[TransientAfterRedeemKey] = true;
            }

            if (AfterProcessingFault.Handles(mode))
            {
                if (context.GetRecord() is { } acted)
                {
                    acted.Fault = JsonNamingPolicy.CamelCase.ConvertName(mode.ToString());
                }

                await AfterProcessingFault.InvokeAsync(context, next, mode, token);
                return;
            }

            if (mode is FaultMode.None or FaultMode.TransientAfterRedeem)
            {
                await next(context);
                return;
            }

            if (context.GetRecord() is { } record)
            {
                record.Fault = JsonNamingPolicy.CamelCase.ConvertName(mode.ToString());
            }

            await ApplyAsync(context, mode, faults, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away (or the emulator is stopping) during latency, hang or slow drip.
            context.Abort();
        }
        finally
        {
            state.LeaveGraphRequest();
        }
    }

    private static async Task ApplyAsync(HttpContext context, FaultMode mode, EmulatorFaults faults, CancellationToken token)
    {
        HttpResponse response = context.Response;
        switch (mode)
        {
            case FaultMode.Transient500:
                await GraphResponses.WriteErrorAsync(context, GraphErrors.Transient500());
                break;
            case FaultMode.Throttle:
                if (faults.RegainAccessMinutes is { } minutes)
                {
                    // Business-use-case throttles name the wait in minutes; Facebook sends no Retry-After.
                    context.Response.Headers["X-Business-Use-Case-Usage"] =
                        "{\"" + context.GetState().Options.WhatsAppBusinessAccountId + "\":[{\"type\":\"whatsapp\",\"call_count\":100,\"total_cputime\":12,\"total_time\":15,\"estimated_time_to_regain_access\":" + minutes + "}]}";
                }

                await GraphResponses.WriteErrorAsync(context, GraphErrors.Throttle(faults.ThrottleCode, faults.RetryAfterSeconds));
                break;
            case FaultMode.ServiceError1:
                await GraphResponses.WriteErrorAsync(context, GraphErrors.ServiceError1());
                break;
            case FaultMode.PermissionDenied:
                await GraphResponses.WriteErrorAsync(context, GraphErrors.PermissionDenied(faults.ThrottleCode));
                break;
            case FaultMode.UnknownError500:
                await GraphResponses.WriteErrorAsync(context, GraphErrors.UnknownError500());
                break;
            case FaultMode.Html502:
                await WriteAsync(context, StatusCodes.Status502BadGateway, "text/html; charset=utf-8", Html502Body, token);
                break;
            case FaultMode.Hang:
                await Task.Delay(Timeout.Infinite, token);
                break;
            case FaultMode.Empty:
                await WriteAsync(context, StatusCodes.Status200OK, "application/json; charset=UTF-8", string.Empty, token);
                break;
            case FaultMode.TruncatedJson:
                await WriteAsync(context, StatusCodes.Status200OK, "application/json; charset=UTF-8", "{\"access_token\":\"EAAG12", token);
                break;
            case FaultMode.CutBody:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json; charset=UTF-8";
                response.ContentLength = 200;
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"data\":[{\"id\":\"1\",\"name\":\"cut off\"}"), token);
                await response.Body.FlushAsync(token);

                // Long enough for the status, headers and first bytes to leave before the connection is reset.
                await Task.Delay(300, token);
                context.Abort();
                break;
            case FaultMode.NoAccessToken:
                await WriteAsync(context, StatusCodes.Status200OK, "application/json; charset=UTF-8", "{\"token_type\":\"bearer\"}", token);
                break;
            case FaultMode.Redirect:
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = "http://127.0.0.1:1/elsewhere";
                response.ContentLength = 0;
                break;
            case FaultMode.TextPlain:
                await WriteAsync(context, StatusCodes.Status200OK, "text/plain; charset=utf-8", "OK", token);
                break;
            case FaultMode.Huge:
                await WriteAsync(context, StatusCodes.Status200OK, "application/json; charset=UTF-8", HugeBody(), token);
                break;
            case FaultMode.SlowDrip:
                await SlowDripAsync(context, token);
                break;
            case FaultMode.EchoSecrets:
                await EchoSecretsAsync(context, faults.EchoIn ?? "html", token);
                break;
            default:
                throw new InvalidOperationException("Unknown fault mode " + mode);
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string body, CancellationToken token)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, token);
    }

    /// <summary>Answers with every secret the request carried, in the place a careless server or proxy might echo it.</summary>
    private static async Task EchoSecretsAsync(HttpContext context, string where, CancellationToken token)
    {
        IReadOnlyDictionary<string, string> parameters = await GraphParameters.ReadAsync(context);
        var secrets = new List<string>();
        foreach (string name in new[] { "client_secret", "code", "code_verifier", "fb_exchange_token", "input_token", "access_token" })
        {
            if (parameters.Get(name) is { } value)
            {
                secrets.Add(value);
            }
        }

        string? bearer = context.Request.Headers.Authorization.ToString();
        if (bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // For debug_token with app credentials this is APPID|SECRET.
            secrets.Insert(0, bearer["Bearer ".Length..].Trim());
        }

        if (parameters.Get("client_secret") is { } clientSecret)
        {
            // The app token form, as Facebook's own messages quote it.
            secrets.Insert(0, context.GetState().Options.AppId + "|" + clientSecret);
        }

        string echoed = string.Join(" ", secrets);
        string first = secrets.Count > 0 ? secrets[0] : string.Empty;
        HttpResponse response = context.Response;
        var error = new JsonObject
        {
            ["message"] = where == "message" ? "Invalid OAuth access token " + echoed : "An unknown error has occurred.",
            ["type"] = where == "errorType" ? "OAuthException " + echoed : "OAuthException",
            ["code"] = 100,
            ["fbtrace_id"] = where == "fbtraceId" ? "Atrace " + echoed : "AechoTrace0001",
        };
        switch (where)
        {
            case "html":
                // The excerpt shown is the title, cut at 80 characters: the first secret starts before the cut and ends after it.
                string prefix = new string('-', Math.Max(1, 80 - (first.Length / 2) - 1)) + " ";
                await WriteAsync(context, StatusCodes.Status502BadGateway, "text/html; charset=utf-8", "<html><head><title>" + prefix + echoed + "</title></head><body>" + echoed + "</body></html>", token);
                break;
            case "headers":
                response.Headers["x-fb-trace-id"] = "Atrace " + echoed;
                response.Headers["X-App-Usage"] = "{\"echo\":\"" + echoed + "\"}";
                await WriteAsync(context, StatusCodes.Status400BadRequest, "application/json; charset=UTF-8", new JsonObject { ["error"] = error }.ToJsonString(), token);
                break;
            case "debugTokenError":
                var data = new JsonObject
                {
                    ["data"] = new JsonObject
                    {
                        ["app_id"] = context.GetState().Options.AppId,
                        ["type"] = "USER",
                        ["application"] = "Emulated App",
                        ["is_valid"] = false,
                        ["scopes"] = new JsonArray(),
                        ["error"] = new JsonObject
                        {
                            ["code"] = 190,
                            ["message"] = "Error validating access token for " + echoed + ": the session is invalid.",
                        },
                    },
                };
                await WriteAsync(context, StatusCodes.Status200OK, "application/json; charset=UTF-8", data.ToJsonString(), token);
                break;
            default:
                await WriteAsync(context, StatusCodes.Status400BadRequest, "application/json; charset=UTF-8", new JsonObject { ["error"] = error }.ToJsonString(), token);
                break;
        }
    }

    private static string HugeBody()
    {
        const int size = 1024 * 1024;
        var builder = new StringBuilder(size + 64);
        builder.Append("{\"access_token\":\"EAAG");
        builder.Append('A', size);
        builder.Append("\",\"token_type\":\"bearer\",\"expires_in\":7199}");
        return builder.ToString();
    }

    private static async Task SlowDripAsync(HttpContext context, CancellationToken token)
    {
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=UTF-8";
        byte[] bytes = Encoding.UTF8.GetBytes(SlowDripBody);
        response.ContentLength = bytes.Length;
        await response.StartAsync(token);
        for (int i = 0; i < bytes.Length; i++)
        {
            await response.Body.WriteAsync(bytes.AsMemory(i, 1), token);
            await response.Body.FlushAsync(token);
            if (i < bytes.Length - 1)
            {
                await Task.Delay(500, token);
            }
        }
    }
}
