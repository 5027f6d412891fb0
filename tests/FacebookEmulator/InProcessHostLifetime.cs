namespace FacebookEmulator;

/// <summary>
/// Host lifetime for an emulator inside another process (xunit): unlike ConsoleLifetime it does not take
/// over the process's Ctrl+C and SIGTERM handling.
/// </summary>
internal sealed class InProcessHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
