namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/clock: move the emulator's clock forward by seconds and/or days.</summary>
public sealed class ClockAdvance
{
    public long? Seconds { get; set; }

    public long? Days { get; set; }
}
