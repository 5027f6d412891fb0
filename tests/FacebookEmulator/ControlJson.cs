using System.Text.Json;

namespace FacebookEmulator;

/// <summary>JSON in and out for the newer control endpoints (system users, WhatsApp): one place for the body reading and the 400s.</summary>
internal static class ControlJson
{
    /// <summary>Reads a JSON body; on a missing or malformed one writes a 400 and returns null.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            T? value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, EmulatorJson.Options, context.RequestAborted);
            if (value is null)
            {
                await WriteAsync(context, new { error = "A JSON object body is required." }, StatusCodes.Status400BadRequest);
            }

            return value;
        }
        catch (JsonException ex)
        {
            await WriteAsync(context, new { error = "Bad JSON body: " + ex.Message }, StatusCodes.Status400BadRequest);
            return null;
        }
    }

    public static Task WriteAsync<T>(HttpContext context, T value, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, EmulatorJson.Options, context.RequestAborted);
    }
}
