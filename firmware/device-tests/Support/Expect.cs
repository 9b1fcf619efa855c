using System;
using nanoFramework.TestFramework;

namespace Uitpas.Edge.DeviceTests.Support
{
    /// <summary>Checks the device's Assert does not have in the same strength on both runtimes.</summary>
    public static class Expect
    {
        /// <summary>
        /// <paramref name="action"/> throws an exception of exactly <paramref name="exceptionType"/> (not a
        /// subclass, as xunit's Assert.Throws): an ArgumentOutOfRangeException does not pass for an ArgumentException.
        /// </summary>
        public static void Throws(Type exceptionType, Action action, string message)
        {
            Exception thrown = null;
            try
            {
                action();
            }
            catch (Exception ex)
            {
                thrown = ex;
            }
            Assert.IsNotNull(thrown, "expected " + exceptionType.Name + ", nothing was thrown: " + message);
            Assert.IsTrue(thrown.GetType() == exceptionType,
                "expected " + exceptionType.Name + ", got " + thrown.GetType().Name + " (" + thrown.Message + "): " + message);
        }
    }
}
