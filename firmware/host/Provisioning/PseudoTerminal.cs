using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Uitpas.Edge.VirtualTerminal.Provisioning;

/// <summary>
/// A Linux pseudo-terminal in raw mode: the virtual terminal keeps the master side and serves
/// Improv on it; <see cref="Path"/> (<c>/dev/pts/N</c>) is the "serial port" a host opens like a
/// board's /dev/ttyUSB0. The slave side stays open here too, so the master never sees a hang-up
/// between two hosts and the raw settings persist.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private const int ORdWr = 0x2;
    private const int ONoCtty = 0x100;
    private const int OCloExec = 0x80000;
    private const short PollIn = 0x1;
    private const int Eintr = 4;
    private const int Eagain = 11;
    private readonly int _master;
    private readonly int _slave;
    private int _disposed;

    private PseudoTerminal(int master, int slave, string path)
    {
        _master = master;
        _slave = slave;
        Path = path;
    }

    /// <summary>The slave device a host opens, e.g. /dev/pts/3.</summary>
    public string Path { get; }

    /// <summary>Opens a new pseudo-terminal in raw mode. Throws PlatformNotSupportedException off Linux, Win32Exception when libc refuses.</summary>
    public static PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("provisioning over a pseudo-terminal needs Linux");
        }
        int master = posix_openpt(ORdWr | ONoCtty | OCloExec);
        Check(master, "posix_openpt");
        try
        {
            Check(grantpt(master), "grantpt");
            Check(unlockpt(master), "unlockpt");
            var name = new byte[128];
            int error = ptsname_r(master, name, name.Length);
            if (error != 0)
            {
                throw new Win32Exception(error, "ptsname_r failed");
            }
            string path = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            int slave = open(path, ORdWr | ONoCtty | OCloExec);
            Check(slave, "open " + path);
            var termios = new byte[256];
            if (tcgetattr(slave, termios) != 0 || RawMode(slave, termios) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                close(slave);
                throw new Win32Exception(errno, "cannot put " + path + " in raw mode");
            }
            return new PseudoTerminal(master, slave, path);
        }
        catch
        {
            close(master);
            throw;
        }
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for bytes from the host; 0 when none came. Throws IOException when the pty fails.</summary>
    public int Read(byte[] buffer, int timeoutMs)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var fds = new PollFd[] { new() { Fd = _master, Events = PollIn } };
        int ready = poll(fds, 1, timeoutMs);
        if (ready <= 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return ready == 0 || errno == Eintr ? 0 : throw new IOException("poll on the pseudo-terminal failed: " + new Win32Exception(errno).Message);
        }
        nint count = read(_master, buffer, buffer.Length);
        if (count < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            return errno is Eintr or Eagain ? 0 : throw new IOException("read from the pseudo-terminal failed: " + new Win32Exception(errno).Message);
        }
        return (int)count;
    }

    /// <summary>Sends all bytes to the host.</summary>
    public void Write(byte[] bytes)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        int offset = 0;
        while (offset < bytes.Length)
        {
            byte[] rest = offset == 0 ? bytes : bytes[offset..];
            nint written = write(_master, rest, rest.Length);
            if (written < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is Eintr or Eagain)
                {
                    continue;
                }
                throw new IOException("write to the pseudo-terminal failed: " + new Win32Exception(errno).Message);
            }
            offset += (int)written;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            close(_slave);
            close(_master);
        }
    }

    private static int RawMode(int fd, byte[] termios)
    {
        cfmakeraw(termios);
        return tcsetattr(fd, 0 /* TCSANOW */, termios);
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), what + " failed");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc")]
    private static extern int ptsname_r(int fd, [Out] byte[] buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, [Out] byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int when, [In] byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw([In, Out] byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, [Out] byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nint count);
}
