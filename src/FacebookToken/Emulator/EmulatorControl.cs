using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Json;

namespace FacebookToken.Emulator;

/// <summary>Reads the emulator's control API (GET /_emulator/info, /_emulator/log) over the module's one HttpClient.</summary>
internal static class EmulatorControl
{
    public static async Task<EmulatorInfo> GetInfoAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        JsonObject json = await GetAsync(baseUri, "_emulator/info", cancellationToken).ConfigureAwait(false);
        return EmulatorInfo.From(json)
            ?? throw new FacebookResponseException(
                "The answer from " + baseUri + "_emulator/info names no app; " + baseUri + " is not the Facebook emulator.",
                "_emulator/info",
                200,
                null);
    }

    public static async Task<FacebookEmulatorLog> GetLogAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        JsonObject json = await GetAsync(baseUri, "_emulator/log", cancellationToken).ConfigureAwait(false);
        return FacebookEmulatorLog.From(baseUri, json);
    }

    private static async Task<JsonObject> GetAsync(Uri baseUri, string path, CancellationToken cancellationToken)
    {
        string url = new Uri(baseUri, path).ToString();
        GraphResponse response;
        try
        {
            response = await GraphHttp.Shared.SendAsync(url, new GraphRequest(HttpMethod.Get, path, RetryMode.Idempotent), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new FacebookConnectionException(
                "The Facebook emulator at " + baseUri + " does not answer (" + ex.Message + "). Has it stopped? Start it again with Start-FacebookEmulator.",
                path,
                beforeSending: true,
                ex);
        }

        object? tree = null;
        try
        {
            tree = response.Status == 200 ? JsonText.Parse(response.Body) : null;
        }
        catch (FormatException)
        {
            // Reported below.
        }

        return tree as JsonObject
            ?? throw new FacebookResponseException(
                "GET " + url + " answered HTTP " + response.Status + " without the emulator's JSON; is " + baseUri + " the Facebook emulator, version 0.1 or later?",
                path,
                response.Status,
                response.ContentType);
    }
}
