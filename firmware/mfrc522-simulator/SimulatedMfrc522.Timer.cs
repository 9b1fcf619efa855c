using Uitpas.Edge.Core.Reading.Mfrc522;
using R = Uitpas.Edge.Core.Reading.Mfrc522.Mfrc522Registers;

namespace Uitpas.Edge.Mfrc522Simulator;

/// <summary>The timer (data sheet §8.5): f = 13.56 MHz / (2 TPrescaler + 1), period = (TReload + 1) ticks, TAuto.</summary>
public sealed partial class SimulatedMfrc522
{
    private double TickNanos()
    {
        int prescaler = ((_regs[R.TModeReg] & ConfigBits.TPrescalerHiMask) << 8) | _regs[R.TPrescalerReg];
        return (2.0 * prescaler + 1) * 1000.0 / 13.56;
    }

    private int Reload => (_regs[R.TReloadRegH] << 8) | _regs[R.TReloadRegL];

    private long TimerPeriodNanos() => (long)((Reload + 1) * TickNanos());

    private void StartTimer(long atNs)
    {
        _timerRunning = true;
        _timerStartNs = atNs;
    }

    private void StopTimer()
    {
        if (_timerRunning)
        {
            _timerValue = CounterAt(_nowNs);
            _timerRunning = false;
        }
    }

    private int CounterAt(long ns)
    {
        if (ns < _timerStartNs)
        {
            return Reload;
        }
        long ticks = (long)((ns - _timerStartNs) / TickNanos());
        return (int)Math.Max(0, Reload - ticks);
    }

    private int TimerCounter() => _timerRunning ? CounterAt(_nowNs) : _timerValue;
}
