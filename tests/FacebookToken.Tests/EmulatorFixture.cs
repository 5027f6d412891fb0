using FacebookEmulator;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>One emulator per test class; tests reset its state before use.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public FacebookEmulatorHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await FacebookEmulatorHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
