using FacebookToken.Json;

namespace FacebookToken;

/// <summary>One successful Graph answer: its JSON object and the response it came in (headers scrubbed of the request's secrets).</summary>
internal sealed class GraphAnswer
{
    public GraphAnswer(JsonObject body, GraphResponse response, int attempts)
    {
        Body = body;
        Response = response;
        Attempts = attempts;
    }

    public JsonObject Body { get; }

    public GraphResponse Response { get; }

    /// <summary>How many tries it took (1 when the first answered).</summary>
    public int Attempts { get; }
}
