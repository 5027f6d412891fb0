using System.Text.Json;
using System.Text.Json.Serialization;

namespace FacebookEmulator;

/// <summary>JSON options of the control API: camelCase names and enums, case-insensitive reading.</summary>
internal static class EmulatorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
