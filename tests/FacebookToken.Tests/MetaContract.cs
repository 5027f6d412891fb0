using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Serialization;

namespace FacebookToken.Tests;

/// <summary>
/// Meta's OpenAPI file of the WhatsApp Cloud API (tests/assets/meta-openapi, MIT), read with YamlDotNet, its schemas applied
/// with JsonSchema.Net (OpenAPI 3.1 schemas are JSON Schema 2020-12). Each schema is built as a document whose $defs are the
/// file's components.schemas, so its $refs resolve as in the file.
/// </summary>
internal static class MetaContract
{
    private static readonly Lazy<JsonObject> s_document = new(Load);
    private static int s_built;

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "meta-openapi", "business-messaging-api_v23.0.yaml");

    /// <summary>The response schema of an operation for a status ("200", "400"), or null when the file gives none.</summary>
    public static JsonSchema? Response(string path, string method, string status)
    {
        JsonNode? schema = s_document.Value["paths"]?[path]?[method]?["responses"]?[status]?["content"]?["application/json"]?["schema"];
        return schema is null ? null : Build(schema);
    }

    /// <summary>A schema of components.schemas by name.</summary>
    public static JsonSchema Component(string name) =>
        Build(new JsonObject { ["$ref"] = "#/components/schemas/" + name });

    /// <summary>The path item names the file has (to prove a path asked for is one of Meta's).</summary>
    public static bool HasOperation(string path, string method) => s_document.Value["paths"]?[path]?[method] is JsonObject;

    /// <summary>Evaluates <paramref name="json"/>; the list of errors (instance location: message), empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonSchema schema, string json)
    {
        using JsonDocument instance = JsonDocument.Parse(json);
        EvaluationResults results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return Array.Empty<string>();
        }

        return (results.Details ?? new List<EvaluationResults>())
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + " (" + d.EvaluationPath + ") " + e.Key + ": " + e.Value))
            .DefaultIfEmpty("invalid")
            .ToArray();
    }

    private static JsonSchema Build(JsonNode schema)
    {
        var definitions = (JsonObject)JsonNode.Parse(Rewrite(s_document.Value["components"]!["schemas"]!.ToJsonString()))!;
        definitions["__checked"] = JsonNode.Parse(Rewrite(schema.ToJsonString()));
        DropExamples(definitions, null);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$ref"] = "#/$defs/__checked",
            ["$defs"] = definitions,
        };
        var baseUri = new Uri("https://facebooktoken.test/meta-openapi/" + Interlocked.Increment(ref s_built));
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, baseUri);
    }

    private static string Rewrite(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    private static JsonObject Load()
    {
        using var reader = new StreamReader(FilePath);
        object? yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize(reader);
        string json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        var document = (JsonObject)JsonNode.Parse(json)!;
        foreach (Override change in Overrides)
        {
            change.Patch((JsonObject)document["components"]!["schemas"]!);
        }

        return document;
    }

    /// <summary>
    /// Where a real answer on record contradicts the file, the real answer wins: each patch makes the file's schema say what
    /// Facebook sends (what, why, source). WhatsAppContractTests proves each is needed (the file alone refuses the real
    /// answer) and right (the patched file takes it).
    /// </summary>
    public static readonly IReadOnlyList<Override> Overrides = new Override[]
    {
        new("WebhookPayload",
            "a customer's text message (type text) is mapped to TextMessage, the schema of a text the business SENDS (messaging_product, recipient_type and to required; additionalProperties false), and the webhook's own TextMessage_2 builds on BaseMessageProperties, the send side's, instead of BaseMessageProperties_1 (from, id, timestamp): two specifications were merged and their same-named schemas renamed without their $refs. A customer's text arrives as from, id, timestamp, type, text.body. (The other incoming types share the defect; the emulator sends only text.)",
            "the file's own /whatsapp/webhooks example \"Text Message\"; Meta's webhooks payload examples (developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples, \"Text Messages\")",
            () => WebhookExample("Text Message"),
            schemas =>
            {
                var incoming = (JsonObject)schemas["IncomingMessage"]!;
                incoming["discriminator"]!["mapping"]!["text"] = "#/components/schemas/TextMessage_2";
                foreach (JsonNode? option in (JsonArray)incoming["oneOf"]!)
                {
                    if ((string?)option!["$ref"] == "#/components/schemas/TextMessage")
                    {
                        option["$ref"] = "#/components/schemas/TextMessage_2";
                    }
                }

                schemas["TextMessage_2"]!["allOf"]![0]!["$ref"] = "#/components/schemas/BaseMessageProperties_1";
            }),
        new("WhatsAppBusinessAccountPhoneNumber",
            "a phone number's status is CONNECTED while it works (also FLAGGED, RESTRICTED, OFFLINE, DISCONNECTED), which WhatsAppPhoneNumberStatus (PENDING, LINKED, UNLINKED, DELETED, MIGRATED, BANNED, RESTRICTED) does not list",
            "YCloud's register reference (docs.ycloud.com, \"the phone number's status should change from PENDING to CONNECTED\"), Netcore's and Clickatell's help on WhatsApp number statuses (Pending, Connected, Offline, Flagged, Restricted), and the Graph reference of WhatsAppBusinessPhoneNumber.status",
            () => "{\"id\":\"106540352242922\",\"display_phone_number\":\"+1 555-010-0001\",\"status\":\"CONNECTED\"}",
            schemas =>
            {
                var values = (JsonArray)schemas["WhatsAppPhoneNumberStatus"]!["enum"]!;
                foreach (string value in new[] { "CONNECTED", "FLAGGED", "OFFLINE", "DISCONNECTED" })
                {
                    values.Add(value);
                }
            }),
    };

    /// <summary>A place where the real answer overrides the file: the component it concerns, why, the source, a real answer, the patch.</summary>
    public sealed record Override(string Component, string Difference, string Source, Func<string> RealAnswer, Action<JsonObject> Patch);

    /// <summary>The file's own example of a webhook (paths./whatsapp/webhooks examples), as JSON.</summary>
    public static string WebhookExample(string name) =>
        s_document.Value["paths"]!["/whatsapp/webhooks"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]![name]!["value"]!.ToJsonString();

    /// <summary>A component schema of the file as published, before any override.</summary>
    public static JsonSchema UnpatchedComponent(string name)
    {
        using var reader = new StreamReader(FilePath);
        object? yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize(reader);
        var document = (JsonObject)JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(yaml))!;
        var definitions = (JsonObject)JsonNode.Parse(Rewrite(document["components"]!["schemas"]!.ToJsonString()))!;
        DropExamples(definitions, null);
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$ref"] = "#/$defs/" + name,
            ["$defs"] = definitions,
        };
        var baseUri = new Uri("https://facebooktoken.test/meta-openapi/unpatched/" + Interlocked.Increment(ref s_built));
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, baseUri);
    }

    /// <summary>
    /// Drops the annotation keywords example and examples (OpenAPI's, not JSON Schema 2020-12's, which JsonSchema.Net
    /// refuses in some places); a property that is named example (under properties) stays.
    /// </summary>
    private static void DropExamples(JsonNode? node, string? parentKey)
    {
        if (node is JsonObject obj)
        {
            if (parentKey != "properties")
            {
                obj.Remove("example");
                obj.Remove("examples");
            }

            foreach (KeyValuePair<string, JsonNode?> child in obj.ToArray())
            {
                DropExamples(child.Value, child.Key);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (JsonNode? item in array)
            {
                DropExamples(item, null);
            }
        }
    }
}
