using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FacebookToken.Module;

/// <summary>Completes -Scope with the permissions WhatsApp Cloud API work usually needs.</summary>
public sealed class ScopeCompleter : IArgumentCompleter
{
    internal static readonly string[] CommonScopes =
    {
        "whatsapp_business_management",
        "whatsapp_business_messaging",
        "business_management",
        "public_profile",
        "email",
        "pages_show_list",
        "pages_messaging",
        "pages_manage_metadata",
        "pages_read_engagement",
    };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        foreach (string scope in CommonScopes)
        {
            if (scope.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(scope, scope, CompletionResultType.ParameterValue, scope);
            }
        }
    }
}
