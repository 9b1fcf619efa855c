#nullable enable
using System;
using System.Collections;
using System.Linq;
using TestFrameworkShared;

namespace nanoFramework.TestFramework;

/// <summary>
/// The host's copy of nanoFramework.TestFramework's <c>Assert</c>, limited to the overloads of
/// the device library (shared/nanoframework/api-surface.txt), so that a case file that builds
/// here also builds for the device. A failure throws <see cref="AssertFailedException"/>.
/// </summary>
public sealed class Assert
{
    public static void AreEqual(bool expected, bool actual, string message) => Same(Equals(expected, actual), expected, actual, message);
    public static void AreEqual(byte expected, byte actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(char expected, char actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(int expected, int actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(long expected, long actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(uint expected, uint actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(ulong expected, ulong actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(short expected, short actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(ushort expected, ushort actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(double expected, double actual, string message) => Same(expected.Equals(actual), expected, actual, message);
    public static void AreEqual(string expected, string actual, string message) => Same(string.Equals(expected, actual, StringComparison.Ordinal), expected, actual, message);
    public static void AreEqual(DateTime expected, DateTime actual, string message) => Same(expected == actual, expected, actual, message);
    public static void AreEqual(object expected, object actual, string message) => Same(Equals(expected, actual), expected, actual, message);

    public static void AreNotEqual(int notExpected, int actual, string message) => Differs(notExpected != actual, notExpected, message);
    public static void AreNotEqual(long notExpected, long actual, string message) => Differs(notExpected != actual, notExpected, message);
    public static void AreNotEqual(string notExpected, string actual, string message) => Differs(!string.Equals(notExpected, actual, StringComparison.Ordinal), notExpected, message);
    public static void AreNotEqual(object notExpected, object actual, string message) => Differs(!Equals(notExpected, actual), notExpected, message);

    public static void Equal(Array expected, Array actual, string message)
    {
        if (!TestExtensions.SequenceEqual(expected, actual))
        {
            throw new AssertFailedException($"Arrays differ: expected [{Join(expected)}], actual [{Join(actual)}]. {message}");
        }
    }

    public static void NotEqual(Array notExpected, Array actual, string message)
    {
        if (TestExtensions.SequenceEqual(notExpected, actual))
        {
            throw new AssertFailedException($"Arrays are equal: [{Join(actual)}]. {message}");
        }
    }

    public static void IsTrue(bool condition, string message) => Check(condition, "Expected true", message);
    public static void IsFalse(bool condition, string message) => Check(!condition, "Expected false", message);
    public static void True(bool condition, string message) => IsTrue(condition, message);
    public static void False(bool condition, string message) => IsFalse(condition, message);
    public static void IsNull(object value, string message) => Check(value is null, $"Expected null, got <{value}>", message);
    public static void Null(object value, string message) => IsNull(value, message);
    public static void IsNotNull(object value, string message) => Check(value is not null, "Expected a value, got null", message);
    public static void NotNull(object value, string message) => IsNotNull(value, message);
    public static void AreSame(object expected, object actual, string message) => Check(ReferenceEquals(expected, actual), "Expected the same instance", message);
    public static void AreNotSame(object notExpected, object actual, string message) => Check(!ReferenceEquals(notExpected, actual), "Expected another instance", message);
    public static void IsInstanceOfType(object value, Type expected, string message) => Check(expected.IsInstanceOfType(value), $"Expected a {expected.Name}, got <{value?.GetType().Name}>", message);
    public static void Contains(string expected, string value, string message) => Check(value is not null && value.Contains(expected, StringComparison.Ordinal), $"Expected <{value}> to contain <{expected}>", message);
    public static void DoesNotContains(string notExpected, string value, string message) => Check(value is null || !value.Contains(notExpected, StringComparison.Ordinal), $"Expected <{value}> not to contain <{notExpected}>", message);
    public static void StartsWith(string expected, string value, string message) => Check(value is not null && value.StartsWith(expected, StringComparison.Ordinal), $"Expected <{value}> to start with <{expected}>", message);
    public static void EndsWith(string expected, string value, string message) => Check(value is not null && value.EndsWith(expected, StringComparison.Ordinal), $"Expected <{value}> to end with <{expected}>", message);
    public static void Empty(ICollection collection, string message) => Check(collection.Count == 0, $"Expected empty, got {collection.Count} items", message);
    public static void NotEmpty(ICollection collection, string message) => Check(collection.Count > 0, "Expected items, got none", message);
    public static void SkipTest(string message) => throw new SkipTestException(message, null!);

    public static void ThrowsException(Type exception, Action action, string message)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (exception.IsInstanceOfType(ex))
        {
            return;
        }
        catch (Exception ex)
        {
            throw new AssertFailedException($"Expected {exception.Name}, got {ex.GetType().Name}: {ex.Message}. {message}", ex);
        }
        throw new AssertFailedException($"Expected {exception.Name}, nothing was thrown. {message}");
    }

    public static void Throws(Type exceptionType, Action action, string message) => ThrowsException(exceptionType, action, message);

    private static void Same(bool equal, object? expected, object? actual, string message) =>
        Check(equal, $"Expected <{expected}>, actual <{actual}>", message);

    private static void Differs(bool differs, object? notExpected, string message) =>
        Check(differs, $"Expected any value but <{notExpected}>", message);

    private static void Check(bool condition, string what, string message)
    {
        if (!condition)
        {
            throw new AssertFailedException(string.IsNullOrEmpty(message) ? what : what + ". " + message);
        }
    }

    private static string Join(Array? array) =>
        array is null ? "null" : string.Join(", ", array.Cast<object?>().Select(o => o?.ToString() ?? "null"));
}
