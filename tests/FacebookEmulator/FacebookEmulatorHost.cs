using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FacebookEmulator;

/// <summary>A running emulator of Facebook's login dialog and Graph token endpoints on 127.0.0.1.</summary>
public sealed class FacebookEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private FacebookEmulatorHost(WebApplication app, EmulatorState state, Uri baseUri)
    {
        _app = app;
        State = state;
        BaseUri = baseUri;
    }

    /// <summary>The root, e.g. http://127.0.0.1:41234/ — use it as both Graph and login base URI.</summary>
    public Uri BaseUri { get; }

    /// <summary>Apps, codes, tokens, settings, faults and the request log.</summary>
    public EmulatorState State { get; }

    /// <summary>Signalled when the emulator is asked to stop (POST /_emulator/shutdown; in process mode also SIGTERM, Ctrl+C).</summary>
    public CancellationToken ShutdownRequested => _app.Lifetime.ApplicationStopping;

    /// <summary>Starts an emulator on an ephemeral port of 127.0.0.1.</summary>
    public static Task<FacebookEmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, handleConsoleSignals: false, cancellationToken);

    /// <summary>Starts an emulator; process mode passes <paramref name="handleConsoleSignals"/> to stop on SIGTERM and Ctrl+C.</summary>
    internal static async Task<FacebookEmulatorHost> StartAsync(
        EmulatorOptions? options,
        bool handleConsoleSignals,
        CancellationToken cancellationToken)
    {
        options ??= new EmulatorOptions();
        var state = new EmulatorState(options);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = Array.Empty<string>(),
            ApplicationName = typeof(FacebookEmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        // 127.0.0.1 only, configured here: endpoints from configuration (Kestrel__Endpoints__*, ASPNETCORE_Kestrel__*,
        // ASPNETCORE_URLS, --urls) are ignored, so the environment cannot add a listener on another interface. The
        // emulator hands out its app secret to anyone who asks, which is fine on loopback only.
        builder.WebHost.UseSetting(WebHostDefaults.PreferHostingUrlsKey, "false");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Configure(new ConfigurationBuilder().Build(), reloadOnChange: false);
            kestrel.Listen(System.Net.IPAddress.Loopback, options.Port);
        });

        // Against DNS rebinding: a page on evil.example resolving to 127.0.0.1 must not read /_emulator/info. Only the
        // loopback names are answered (the framework's host filtering; 400 otherwise), whatever AllowedHosts says.
        builder.Services.AddHostFiltering(_ => { });
        builder.Services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(filter =>
        {
            filter.AllowedHosts = new List<string> { "127.0.0.1", "localhost" };
            filter.AllowEmptyHosts = false;
            filter.IncludeFailureMessage = true;
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        if (!handleConsoleSignals)
        {
            builder.Services.AddSingleton<IHostLifetime, InProcessHostLifetime>();
        }

        builder.Services.AddSingleton(state);

        WebApplication app = builder.Build();
        EmulatorPipeline.Configure(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        IServerAddressesFeature? addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        string address = addresses?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The emulator started without an address.");
        string? exposed = addresses!.Addresses.FirstOrDefault(a => !new Uri(a.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0")).IsLoopback);
        if (exposed != null || addresses.Addresses.Count != 1)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            throw new InvalidOperationException("The emulator refuses to listen on " + (exposed ?? string.Join(", ", addresses.Addresses)) + ": it serves 127.0.0.1 only, as it hands out its app secret and tokens. Remove Kestrel endpoint settings from the environment.");
        }
        return new FacebookEmulatorHost(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Waits until the emulator is asked to stop.</summary>
    public Task WaitForShutdownRequestAsync()
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ShutdownRequested.Register(() => completion.TrySetResult());
        return completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            await State.Webhooks.DisposeAsync();
        }
    }
}
