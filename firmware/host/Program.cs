using Uitpas.Edge.VirtualTerminal;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Provisioning;

// The virtual terminal on its own: connects to a broker as one device and taps the chip
// numbers typed on standard input (one per line; the card is held for half a second).
//
//   uitpas-virtual-terminal --device vt-001 --broker localhost:1883 [--data DIR] [--lang nl|fr|en]
//                           [--card-system 12 --snapshot-key HEX64 [--snapshot-http]]   (offline snapshots)
//   uitpas-virtual-terminal --data DIR [--provision]     (from DIR/device.cfg; provisioned over Improv first)
//   … --display ascii                                    (also draws each screen as the 128×64 OLED shows it)

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

args = AsciiPanel.TakeOption(args, out bool asciiDisplay, out string? displayError);
if (displayError is not null)
{
    Console.Error.WriteLine($"error: {displayError}");
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
var parsed = CommandLine.Parse(args);
ImprovServer? improv = null;
if (parsed.Provision)
{
    improv = await Provisioner.ServeAsync(parsed.DataDirectory!, stop.Token);
    if (improv is null)
    {
        return stop.IsCancellationRequested ? 0 : 1;
    }
    parsed = CommandLine.Parse([.. args.Where(a => a != "--provision")]);
}
using var improvServer = improv;
if (parsed.Error is not null)
{
    Console.Error.WriteLine($"error: {parsed.Error}");
    Console.Error.WriteLine(CommandLine.Usage);
    return improv is null ? 2 : 1;
}
if (parsed.Options is null)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

await using var terminal = new VirtualTerminal(parsed.Options);
terminal.ScreenShown += screen => Console.WriteLine($"[{terminal.DeviceId}] {screen}");
if (asciiDisplay)
{
    terminal.ScreenShown += new AsciiPanel(Console.Out).Show;
}
terminal.SnapshotLogged += line => Console.WriteLine($"[{terminal.DeviceId}] {line}");
terminal.PublishRefused += (code, reason) => Console.Error.WriteLine($"[{terminal.DeviceId}] broker refused a tap: {code} {reason}");
terminal.Start();

Console.WriteLine($"[{terminal.DeviceId}] type a chip number (e.g. 04A1B2C3D4E5F6) and Enter to tap; Ctrl+C to stop");
while (!stop.IsCancellationRequested)
{
    string? line = await Console.In.ReadLineAsync(stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
    if (line is null)
    {
        break;
    }
    line = line.Trim();
    if (line.Length == 0)
    {
        continue;
    }
    try
    {
        terminal.Place(line);
        await Task.Delay(500);
        terminal.Remove();
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
    }
}
return 0;
