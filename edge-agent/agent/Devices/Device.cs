namespace Uitpas.Edge.Agent.Devices;

/// <summary>A registered terminal. <see cref="KioskToken"/> is a secret: never log it.</summary>
public sealed record Device(string Id, string KioskToken, string Language)
{
    /// <inheritdoc />
    public override string ToString() => $"Device {Id} ({Language})";
}
