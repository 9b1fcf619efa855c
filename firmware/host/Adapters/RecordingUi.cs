using Uitpas.Edge.Core.Display;

namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>
/// The virtual terminal's display, LED and buzzer: every screen is handed to whoever listens
/// (the console, the demo's printer, a test waiting for an outcome).
/// </summary>
public sealed class RecordingUi : ITerminalUi
{
    private Screen? _current;

    public event Action<Screen>? Shown;

    public Screen? Current => Volatile.Read(ref _current);

    public void Show(Screen screen)
    {
        Volatile.Write(ref _current, screen);
        Shown?.Invoke(screen);
    }
}
