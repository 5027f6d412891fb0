using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>
/// <see cref="CacheParameters"/> as one cmdlet's dynamic parameters: C# gives a cmdlet one base class, and the cmdlets that
/// open the cache (cache cmdlets, token selectors, Update-FacebookToken, -CacheName) have different ones, so the group is
/// composed rather than inherited. A cmdlet returns <see cref="Define"/> from <c>IDynamicParameters.GetDynamicParameters</c>.
/// </summary>
/// <remarks>The attributes are read once per parameter set; each invocation gets fresh parameters to bind into.</remarks>
internal sealed class CacheParameterGroup
{
    private static readonly PropertyInfo[] s_properties = typeof(CacheParameters).GetProperties()
        .Where(p => p.GetCustomAttributes(typeof(ParameterAttribute), false).Length > 0)
        .ToArray();

    private static readonly Dictionary<string, Attribute[][]> s_attributes = new(StringComparer.Ordinal);

    private readonly string? _parameterSetName;
    private RuntimeDefinedParameterDictionary? _defined;
    private CacheParameters? _values;

    /// <param name="parameterSetName">The one set the parameters belong to, or null for all of the cmdlet's sets.</param>
    public CacheParameterGroup(string? parameterSetName = null)
    {
        _parameterSetName = parameterSetName;
    }

    /// <summary>The values bound (all null before binding or when not given).</summary>
    public CacheParameters Values => _values ??= Read();

    /// <summary>The parameters for PowerShell to bind; the same dictionary for the life of the invocation.</summary>
    public RuntimeDefinedParameterDictionary Define()
    {
        if (_defined != null)
        {
            return _defined;
        }

        Attribute[][] attributes = AttributesFor(_parameterSetName);
        var defined = new RuntimeDefinedParameterDictionary();
        for (int i = 0; i < s_properties.Length; i++)
        {
            var attributeCollection = new Collection<Attribute>(attributes[i].ToList());
            defined.Add(s_properties[i].Name, new RuntimeDefinedParameter(s_properties[i].Name, s_properties[i].PropertyType, attributeCollection));
        }

        _values = null;
        return _defined = defined;
    }

    /// <summary>Opens the store these parameters name: the vault of -Vault (or FACEBOOK_TOKEN_VAULT), else the local cache, -CachePath resolved against PowerShell's current location.</summary>
    public ITokenStore Open(FacebookCmdlet cmdlet, bool allowPlaintext = false) => CacheOpener.Open(cmdlet, Values, allowPlaintext);

    private CacheParameters Read()
    {
        var values = new CacheParameters();
        if (_defined is null)
        {
            return values;
        }

        foreach (PropertyInfo property in s_properties)
        {
            if (_defined.TryGetValue(property.Name, out RuntimeDefinedParameter? parameter) && parameter.IsSet)
            {
                property.SetValue(values, parameter.Value is PSObject pso ? pso.BaseObject : parameter.Value);
            }
        }

        return values;
    }

    private static Attribute[][] AttributesFor(string? parameterSetName)
    {
        string key = parameterSetName ?? string.Empty;
        lock (s_attributes)
        {
            if (!s_attributes.TryGetValue(key, out Attribute[][]? attributes))
            {
                attributes = s_properties.Select(p => p.GetCustomAttributes(false).OfType<Attribute>().Select(a => InSet(a, parameterSetName)).ToArray()).ToArray();
                s_attributes[key] = attributes;
            }

            return attributes;
        }
    }

    private static Attribute InSet(Attribute attribute, string? parameterSetName)
    {
        if (parameterSetName is null || attribute is not ParameterAttribute parameter)
        {
            return attribute;
        }

        var inSet = new ParameterAttribute
        {
            ParameterSetName = parameterSetName,
            Mandatory = parameter.Mandatory,
            Position = parameter.Position,
            ValueFromPipeline = parameter.ValueFromPipeline,
            ValueFromPipelineByPropertyName = parameter.ValueFromPipelineByPropertyName,
            ValueFromRemainingArguments = parameter.ValueFromRemainingArguments,
            DontShow = parameter.DontShow,
        };
        if (parameter.HelpMessage != null)
        {
            inSet.HelpMessage = parameter.HelpMessage;
        }

        return inSet;
    }
}
