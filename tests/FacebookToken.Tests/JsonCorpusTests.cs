using System.Text;
using System.Text.Json;
using FacebookToken.Json;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// One corpus of answers (JsonCorpus.json), read by both builds' JSON readers: System.Text.Json, which the .NET build
/// uses, and JsonReaderWriterFactory, which the .NET Framework build uses (its source file is compiled into this
/// assembly, see the csproj). Each case must give the same result or an error on both, and what the corpus expects.
/// </summary>
public class JsonCorpusTests
{
    private static readonly Lazy<Dictionary<string, (string Text, string Expect)>> s_corpus = new(Load);

    public static IEnumerable<object[]> CaseNames() => s_corpus.Value.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BothBuildsReadTheCaseAlike(string name)
    {
        (string text, string expect) = s_corpus.Value[name];
        string net = Outcome(text, SystemTextJson.Read);
        string framework = Outcome(text, DataContractJson.Read);

        Assert.Equal(Kind(net), Kind(framework));
        Assert.Equal(net, Outcome(text, JsonText.Parse));
        if (expect == "ok" || !expect.StartsWith("error", StringComparison.Ordinal))
        {
            Assert.Equal(net, framework);
            Assert.Equal(expect == "ok" ? net : "ok " + expect, net);
        }
        else
        {
            Assert.Equal("error", Kind(net));
            string words = expect.Substring("error".Length).TrimStart(':', ' ');
            Assert.Contains(words, net);
            Assert.Contains(words, framework);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void EitherWriterWritesWhatEitherReaderReadsBack(string name)
    {
        (string text, _) = s_corpus.Value[name];
        object? tree;
        try
        {
            tree = JsonText.Parse(text, SystemTextJson.Read);
        }
        catch (FormatException)
        {
            return;
        }

        string expected = Canonical(tree);
        foreach (string written in new[] { SystemTextJson.Write(tree), DataContractJson.Write(tree) })
        {
            Assert.Equal(expected, Canonical(JsonText.Parse(written, SystemTextJson.Read)));
            Assert.Equal(expected, Canonical(JsonText.Parse(written, DataContractJson.Read)));
        }
    }

    /// <summary>Every body in RealAnswers.json (what Facebook really sent) reads to the same tree on both builds, so the one reading and classification code above it (RealAnswersTests) decides alike on both.</summary>
    [Fact]
    public void BothBuildsReadEveryRealAnswerAlike()
    {
        using JsonDocument real = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RealAnswers.json")));
        var bodies = new List<string>();
        foreach (JsonProperty list in real.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            bodies.AddRange(list.Value.EnumerateArray().Select(entry => entry.GetProperty("body").GetString()!));
        }

        Assert.True(bodies.Count > 20);
        foreach (string body in bodies)
        {
            string net = Outcome(body, SystemTextJson.Read);
            Assert.StartsWith("ok", net, StringComparison.Ordinal);
            Assert.Equal(net, Outcome(body, DataContractJson.Read));
        }
    }

    [Fact]
    public void CorpusHoldsEveryKindOfCase()
    {
        Assert.True(s_corpus.Value.Count > 100);
        Assert.Contains(s_corpus.Value.Values, c => c.Expect.Contains("twice"));
        Assert.Contains(s_corpus.Value.Values, c => c.Expect.Contains("deeper"));
        Assert.Contains(s_corpus.Value.Values, c => c.Text.Length >= 1_000_000);
    }

    private static string Kind(string outcome) => outcome.Substring(0, outcome.IndexOf(' ') < 0 ? outcome.Length : outcome.IndexOf(' '));

    private static string Outcome(string text, Action<string, JsonTreeBuilder> reader) => Outcome(text, t => JsonText.Parse(t, reader));

    private static string Outcome(string text, Func<string, object?> parse)
    {
        try
        {
            return "ok " + Canonical(parse(text));
        }
        catch (FormatException ex)
        {
            return "error " + ex.Message;
        }
    }

    /// <summary>The tree written compactly: only quote, backslash and control characters escaped (as \uXXXX), numbers as their text.</summary>
    private static string Canonical(object? value) => value switch
    {
        JsonObject obj => "{" + string.Join(",", obj.Select(m => Quote(m.Key) + ":" + Canonical(m.Value))) + "}",
        List<object?> list => "[" + string.Join(",", list.Select(Canonical)) + "]",
        string s => Quote(s),
        JsonNumber n => n.Raw,
        bool b => b ? "true" : "false",
        null => "null",
        _ => throw new InvalidOperationException("not a tree value: " + value.GetType()),
    };

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in s)
        {
            sb.Append(c == '"' || c == '\\' ? "\\" + c : c < ' ' ? "\\u" + ((int)c).ToString("x4") : c.ToString());
        }

        return sb.Append('"').ToString();
    }

    private static Dictionary<string, (string, string)> Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "JsonCorpus.json")));
        var cases = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (JsonElement c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string text = c.TryGetProperty("json", out JsonElement json)
                ? json.GetString()!
                : string.Concat(c.GetProperty("parts").EnumerateArray().Select(p => string.Concat(Enumerable.Repeat(p[0].GetString(), p[1].GetInt32()))));
            cases.Add(c.GetProperty("name").GetString()!, (text, c.GetProperty("expect").GetString()!));
        }

        return cases;
    }
}
