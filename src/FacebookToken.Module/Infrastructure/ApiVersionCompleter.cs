using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FacebookToken.Module;

/// <summary>Completes -ApiVersion with the Graph versions Meta serves.</summary>
public sealed class ApiVersionCompleter : IArgumentCompleter
{
    internal static readonly string[] KnownVersions = { "v25.0", "v24.0", "v23.0", "v22.0", "v21.0" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        foreach (string v in KnownVersions)
        {
            if (v.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase) || v.Substring(1).StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(v, v, CompletionResultType.ParameterValue, "Graph API " + v);
            }
        }
    }
}
