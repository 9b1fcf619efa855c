using System.Text;
using Uitpas.Edge.Core.Display;
using Uitpas.Edge.Core.Display.Oled;

namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>
/// <c>--display ascii</c>: the virtual terminal's screens drawn as the reference terminal's
/// 128×64 OLED would show them (the firmware's own layout, font and staff diamond), two pixel
/// rows per text line, printed whenever the texts change.
/// </summary>
public sealed class AsciiPanel(TextWriter output)
{
    public const string Option = "--display";
    public const string Value = "ascii";

    private readonly ScreenRenderer _renderer = new();
    private readonly FrameBuffer _frame = new();
    private readonly Lock _gate = new();
    private Screen? _last;

    /// <summary>Takes <c>--display ascii</c> out of <paramref name="args"/>; an error for any other value.</summary>
    public static string[] TakeOption(string[] args, out bool enabled, out string? error)
    {
        enabled = false;
        error = null;
        int at = Array.IndexOf(args, Option);
        if (at < 0)
        {
            return args;
        }
        if (at + 1 >= args.Length || args[at + 1] != Value)
        {
            error = $"{Option} takes one value: {Value}";
            return args;
        }
        enabled = true;
        return [.. args[..at], .. args[(at + 2)..]];
    }

    public void Show(Screen screen)
    {
        lock (_gate)
        {
            if (_last is not null && _last.Title == screen.Title && _last.Detail == screen.Detail && _last.StaffCue == screen.StaffCue)
            {
                return;
            }
            _last = screen;
            ScreenRenderer.Draw(_renderer.Layout(screen), _frame, 0, 0);
            output.Write(Render(_frame));
            output.Flush();
        }
    }

    /// <summary>The frame in half-block characters inside a border: 130 columns, 34 lines.</summary>
    public static string Render(FrameBuffer frame)
    {
        var text = new StringBuilder((FrameBuffer.Width + 3) * (FrameBuffer.Height / 2 + 2));
        text.Append('┌').Append('─', FrameBuffer.Width).Append("┐\n");
        for (int y = 0; y < FrameBuffer.Height; y += 2)
        {
            text.Append('│');
            for (int x = 0; x < FrameBuffer.Width; x++)
            {
                bool top = frame.GetPixel(x, y);
                bool bottom = frame.GetPixel(x, y + 1);
                text.Append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            text.Append("│\n");
        }
        text.Append('└').Append('─', FrameBuffer.Width).Append("┘\n");
        return text.ToString();
    }
}
