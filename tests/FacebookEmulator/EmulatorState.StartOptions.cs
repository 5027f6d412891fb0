namespace FacebookEmulator;

/// <summary>The packaged tool's start-up options (issue 16), applied at start and again by <see cref="Reset"/>.</summary>
public sealed partial class EmulatorState
{
    private void ApplyStartOptions()
    {
        foreach (EmulatorApp app in Options.AdditionalApps)
        {
            lock (_gate)
            {
                _apps[app.AppId] = app;
            }
        }

        lock (_gate)
        {
            _clockOffset = Options.InitialClockOffset;
        }

        if (Options.RequireAppSecretProof)
        {
            Settings.RequireAppSecretProof = true;
        }

        if (!ReferenceEquals(Options.InitialFaults, EmulatorFaults.None))
        {
            Faults = Options.InitialFaults;
        }

        Options.Seed?.ApplyTo(this);
    }
}
