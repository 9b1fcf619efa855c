using Uitpas.Edge.Build.Tests.Infrastructure;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

/// <summary>
/// Each case compiles one file with firmware/subset-proof, as if it were firmware code: what the
/// device lacks or cannot run must fail the build with the compiler's or the analyzer's error.
/// The cases run one after another, in one xunit collection with ProjectProofTests.
/// </summary>
[Collection(SubsetProofCollection.Name)]
public sealed class SubsetProofTests(SubsetProofBuild proof)
{
    [Fact]
    public void Allowed_constructs_build()
    {
        var result = proof.Compile("""
            using System;
            using System.Collections;
            using System.Text;
            using System.Threading;

            namespace Uitpas.Edge.Core.Probe
            {
                public delegate void CountChanged(int count);

                public enum Colour { Red, Green }

                public sealed class Allowed(int start)
                {
                    private readonly Hashtable _table = new Hashtable();
                    private readonly ArrayList _list = new ArrayList();
                    private int _count = start;

                    public event CountChanged Changed;

                    public int Limit { get; init; }

                    public string Describe(double d, byte b, Colour colour, string maybe)
                    {
                        int[] values = [1, 2, 3];
                        var text = $"{b:X2} {d:F2} {values.Length}";
                        var size = colour switch { Colour.Red => 1, Colour.Green => 2, _ => 0 };
                        var length = maybe?.Length.ToString() ?? "none";
                        _table["text"] = text;
                        _list.Add(size);
                        var builder = new StringBuilder().Append(text).Append(length);
                        var parts = "a,b".Split(',');
                        CountChanged add = x => _count += x;
                        add(1);
                        Changed?.Invoke(_count);
                        lock (_list)
                        {
                            Interlocked.Increment(ref _count);
                        }

                        var worker = new Thread(() => Thread.Sleep(10));
                        worker.Start();
                        var span = new SpanByte(new byte[8]).Slice(2, 4);
                        span[0] = 1;
                        int.TryParse("12", out var parsed);
                        try
                        {
                            throw new InvalidOperationException("x");
                        }
                        catch (Exception e) when (e.Message == "x")
                        {
                        }

                        var total = 0;
                        foreach (var item in _list)
                        {
                            if (item is int number)
                            {
                                total += number;
                            }
                        }

                        using (var timer = new Timer(state => { }, null, 100, Timeout.Infinite))
                        {
                            timer.Change(200, Timeout.Infinite);
                        }

                        return builder.ToString() + parts.Length + parsed + Twice(2) + Encoding.UTF8.GetBytes(text).Length
                            + total + nameof(Limit) + text.Shout() + DateTime.UtcNow.Add(TimeSpan.FromSeconds(2)).Ticks;

                        static int Twice(int x) => x * 2;
                    }
                }

                public static class TextExtensions
                {
                    public static string Shout(this string text) => text.ToUpper() + "!";
                }

                public sealed class ProbeException(string message) : Exception(message)
                {
                }
            }
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Core_using_List_of_T_fails_the_build()
    {
        var result = proof.Compile("""
            using System.Collections.Generic;
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class Taps { private readonly List<int> _taps = new List<int>(); public int Count => _taps.Count; }
            }
            """);

        AssertFails(result, "error CS0234", "'Generic' does not exist in the namespace 'System.Collections'");
    }

    [Fact]
    public void Own_generic_method_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public static class Util { public static T First<T>(T[] items) => items[0]; }
            }
            """);

        AssertFails(result, "error NF0002", "Generic method 'Uitpas.Edge.Core.Probe.Util.First<T>(T[])' is declared");
    }

    [Fact]
    public void Own_generic_type_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class Box<T> { public T Value; }
            }
            """);

        AssertFails(result, "error NF0001", "Generic type 'Uitpas.Edge.Core.Probe.Box<T>' is declared");
    }

    [Fact]
    public void Generic_local_function_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public int M() { static T Same<T>(T value) => value; return Same(1); } }
            }
            """);

        AssertFails(result, "error NF0002", "Generic local function 'Same<T>' is declared");
    }

    [Fact]
    public void Action_of_T_fails_the_build()
    {
        var result = proof.Compile("""
            using System;
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public void M() { Action<int> handler = x => { }; handler(1); } }
            }
            """);

        AssertFails(result, "error NF0003", "'Action<int>' is a generic type");
    }

    [Fact]
    public void Lambda_assigned_to_var_fails_the_build_as_Func()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public int M() { var next = (int x) => x + 1; return next(1); } }
            }
            """);

        AssertFails(result, "error NF0003", "'System.Func<int, int>' is a generic type");
    }

    [Fact]
    public void Async_Task_fails_the_build()
    {
        var result = proof.Compile("""
            using System.Threading.Tasks;
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public async Task M() { await Task.Delay(1); } }
            }
            """);

        AssertFails(result, "error CS0234", "'Tasks' does not exist in the namespace 'System.Threading'");
    }

    [Fact]
    public void Nullable_int_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public int? Find() => null; }
            }
            """);

        AssertFails(result, "error CS0518", "Predefined type 'System.Nullable`1' is not defined or imported");
    }

    [Fact]
    public void Hidden_nullable_of_conditional_access_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public int Length(string text) => text?.Length ?? 0; }
            }
            """);

        AssertFails(result, "error NF0005", "'int?' is a nullable value type");
    }

    [Fact]
    public void Tuple_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public int M() { var pair = (1, 2); return pair.Item1; } }
            }
            """);

        AssertFails(result, "error NF0006", "uses System.ValueTuple");
    }

    [Fact]
    public void Linq_fails_the_build()
    {
        var result = proof.Compile("""
            using System.Linq;
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public int M(int[] values) => values.Count(); }
            }
            """);

        AssertFails(result, "error CS0234", "'Linq' does not exist in the namespace 'System'");
    }

    [Fact]
    public void Missing_member_like_string_Join_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public string M(string[] parts) => string.Join(",", parts); }
            }
            """);

        AssertFails(result, "error CS0117", "'string' does not contain a definition for 'Join'");
    }

    [Fact]
    public void Missing_type_like_Stopwatch_fails_the_build()
    {
        var result = proof.Compile("""
            using System.Diagnostics;
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public long M() => Stopwatch.StartNew().ElapsedMilliseconds; }
            }
            """);

        AssertFails(result, "error CS0103", "The name 'Stopwatch' does not exist");
    }

    [Fact]
    public void Missing_overload_like_TimeSpan_FromMinutes_double_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public System.TimeSpan M() => System.TimeSpan.FromMinutes(1.5); }
            }
            """);

        AssertFails(result, "error CS1503", "cannot convert from 'double' to 'long'");
    }

    [Fact]
    public void Default_interface_method_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public interface IClock { long Now(); long Later() => Now() + 1; }
            }
            """);

        AssertFails(result, "error NF0008", "has a body (a default interface implementation)");
    }

    [Fact]
    public void Yield_iterator_fails_the_build()
    {
        var result = proof.Compile("""
            using System.Collections;
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public IEnumerable Items() { yield return 1; } }
            }
            """);

        AssertFails(result, "error NF0011", "'yield return' makes an iterator");
    }

    [Fact]
    public void Unsafe_pointer_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public unsafe int Read(int* p) => *p; }
            }
            """);

        AssertFails(result, "error CS0227", "Unsafe code may only appear");
    }

    [Fact]
    public void Stackalloc_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public int M() { System.SpanByte buffer = stackalloc byte[4]; return buffer.Length; } }
            }
            """);

        AssertFails(result, "error NF0010", "'stackalloc' is not supported");
    }

    [Fact]
    public void Dynamic_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public sealed class C { public object M(dynamic value) => value; }
            }
            """);

        AssertFails(result, "error CS1980", "DynamicAttribute");
    }

    [Fact]
    public void Record_fails_the_build()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public record Reading(int Value);
            }
            """);

        AssertFails(result, "error", "IEquatable`1");
    }

    [Fact]
    public void Test_method_with_several_DataRows_builds()
    {
        var result = proof.Compile("""
            using nanoFramework.TestFramework;
            namespace Uitpas.Edge.DeviceTests.Cases.Probe
            {
                [TestClass]
                public class RowsCases
                {
                    [TestMethod]
                    [DataRow(1, "een")]
                    [DataRow(2, "twee")]
                    public void Rows_run_one_by_one(int number, string text)
                    {
                        Assert.AreEqual(number == 1 ? "een" : "twee", text, "row text");
                    }
                }
            }
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Enum_to_text_builds_with_a_warning()
    {
        var result = proof.Compile("""
            namespace Uitpas.Edge.Core.Probe
            {
                public enum State { Idle, Busy }
                public sealed class C { public string M(State state) => "state " + state; }
            }
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning NF0101", result.Output, StringComparison.Ordinal);
    }

    private static void AssertFails(DotnetResult result, params string[] expected)
    {
        Assert.True(result.ExitCode != 0, $"the build should have failed: {result}");
        foreach (var text in expected)
        {
            Assert.True(result.Output.Contains(text, StringComparison.Ordinal), $"expected '{text}' in the build output: {result}");
        }

        Assert.Contains("Injected.cs", result.Output, StringComparison.Ordinal);
    }
}
