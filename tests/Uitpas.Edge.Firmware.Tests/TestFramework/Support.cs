#nullable enable
using System;
using System.Threading;
using System.Collections;
namespace TestFrameworkShared
{
    /// <summary>A failed assertion (host copy of the device library's exception).</summary>
    public class AssertFailedException : Exception
    {
        public AssertFailedException()
        {
        }

        public AssertFailedException(string msg) : base(msg)
        {
        }

        public AssertFailedException(string msg, Exception ex) : base(msg, ex)
        {
        }
    }
}

namespace nanoFramework.TestFramework
{
    /// <summary>A case that does not apply where it runs (e.g. needs the device's hardware).</summary>
    public class SkipTestException(string message, Exception innerException) : Exception(message, innerException);

    /// <summary>Case output; on the host it goes to the runner's log.</summary>
    public static class OutputHelper
    {
        private static readonly AsyncLocal<Action<string>?> Sink = new();

        public static void Write(string message) => Sink.Value?.Invoke(message);

        public static void WriteLine(string message) => Sink.Value?.Invoke(message);

        internal static IDisposable Capture(Action<string> sink)
        {
            Sink.Value = sink;
            return new Reset();
        }

        private sealed class Reset : IDisposable
        {
            public void Dispose() => Sink.Value = null;
        }
    }

    public sealed class CollectionAssert
    {
        public static void Empty(ICollection collection, string message) => Assert.Empty(collection, message);

        public static void NotEmpty(ICollection collection, string message) => Assert.NotEmpty(collection, message);
    }

    public static class TestExtensions
    {
        public static bool SequenceEqual(Array a, Array b)
        {
            if (a is null || b is null)
            {
                return a is null && b is null;
            }
            if (a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if (!Equals(a.GetValue(i), b.GetValue(i)))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
