using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FacebookToken.Module;

/// <summary>Completes -Vault with the SecretManagement vaults registered for this user (none when SecretManagement is missing).</summary>
public sealed class VaultNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        string[] names;
        try
        {
            names = SecretManagementStore.VaultNames();
        }
        catch (Exception)
        {
            // Completion must never fail loudly.
            yield break;
        }

        foreach (string name in names)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                string text = name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',' }) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
                yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, "SecretManagement vault " + name);
            }
        }
    }
}
