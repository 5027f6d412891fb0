namespace FacebookEmulator;

/// <summary>
/// Faults that strike after the endpoint has acted: the request is processed (a WhatsApp message recorded, a code
/// redeemed), its answer is thrown away, and the client gets a 500, no answer at all, or a dropped connection. This is
/// what proves a client does not send a POST twice when it cannot know whether Facebook acted.
/// </summary>
internal static class AfterProcessingFault
{
    public static bool Handles(FaultMode mode) =>
        mode is FaultMode.Error500AfterProcessing or FaultMode.HangAfterProcessing or FaultMode.DropAfterProcessing;

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, FaultMode mode, CancellationToken token)
    {
        HttpResponse response = context.Response;
        Stream original = response.Body;
        using var discarded = new MemoryStream();
        response.Body = discarded;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        // The endpoint's status and headers go with its body; what the client sees is the fault alone.
        response.Clear();
        switch (mode)
        {
            case FaultMode.Error500AfterProcessing:
                await GraphResponses.WriteErrorAsync(context, GraphErrors.Transient500());
                break;
            case FaultMode.HangAfterProcessing:
                await Task.Delay(Timeout.Infinite, token);
                break;
            default:
                context.Abort();
                break;
        }
    }
}
