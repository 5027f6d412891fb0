using System;
using System.Management.Automation;

namespace FacebookToken.Module;

/// <summary>
/// A -Name as Get-FacebookToken and Remove-FacebookToken read it: with * ? or [ a wildcard pattern, otherwise the name
/// itself, compared without regard to case.
/// </summary>
/// <remarks>
/// A saved name never holds * ? [ ] but may hold a backtick, which a wildcard pattern takes as an escape; read literally,
/// every name Save-FacebookToken accepts also gets and removes that token.
/// </remarks>
internal sealed class TokenNamePattern
{
    private static readonly char[] s_wildcards = { '*', '?', '[' };
    private readonly string _text;
    private readonly WildcardPattern? _wildcard;

    public TokenNamePattern(string text)
    {
        _text = text;
        _wildcard = text.IndexOfAny(s_wildcards) >= 0 ? WildcardPattern.Get(text, WildcardOptions.IgnoreCase) : null;
    }

    /// <summary>Whether it names exactly one token (so that no match is an error) rather than any number.</summary>
    public bool IsLiteral => _wildcard is null || !WildcardPattern.ContainsWildcardCharacters(_text);

    /// <summary>The name itself when the text holds no wildcard character at all (so a lookup finds it), else null.</summary>
    public string? ExactName => _wildcard is null ? _text : null;

    public override string ToString() => _text;

    public bool IsMatch(string? name) => name != null && (_wildcard?.IsMatch(name) ?? string.Equals(name, _text, StringComparison.OrdinalIgnoreCase));
}
