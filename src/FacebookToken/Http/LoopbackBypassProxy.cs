using System;
using System.Net;
using System.Net.Http;

namespace FacebookToken;

/// <summary>
/// The system's proxy (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY on .NET; the system setting on Windows PowerShell)
/// for every address but loopback, which always goes direct.
/// </summary>
/// <remarks>
/// Plain http is allowed only to loopback (the emulator, invariant 10), and such a request carries the bearer, a
/// client_secret or the emulator's app secret in clear: a proxy would read them all. .NET's environment proxy
/// does not exempt loopback by itself, so this wrapper does. Proxies for everything else (https to Facebook) stay as set.
/// </remarks>
internal sealed class LoopbackBypassProxy : IWebProxy
{
    private readonly IWebProxy? _inner;

    public LoopbackBypassProxy(IWebProxy? inner)
    {
        _inner = inner;
    }

    public ICredentials? Credentials
    {
        get => _inner?.Credentials;
        set
        {
            if (_inner != null)
            {
                _inner.Credentials = value;
            }
        }
    }

    /// <summary>The system's proxy as the platform reads it, or null when it has none.</summary>
    public static IWebProxy? SystemProxy()
    {
#if NET
        return HttpClient.DefaultProxy;
#else
        return WebRequest.DefaultWebProxy;
#endif
    }

    public Uri? GetProxy(Uri destination) =>
        IsLoopback(destination) || _inner is null ? null : _inner.GetProxy(destination);

    public bool IsBypassed(Uri host) =>
        IsLoopback(host) || _inner is null || _inner.IsBypassed(host);

    /// <summary>The addresses plain http may go to (<see cref="InputValidation.IsLoopbackHost"/>), and any other loopback literal.</summary>
    internal static bool IsLoopback(Uri uri) => uri.IsLoopback || InputValidation.IsLoopbackHost(uri);
}
