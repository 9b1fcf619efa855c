namespace Uitpas.Edge.Core.Display
{
    /// <summary>The passholder-facing side: display, LED and buzzer. Must not block.</summary>
    public interface ITerminalUi
    {
        void Show(Screen screen);
    }
}
