using System.Text;
using System.Text.Json;

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
