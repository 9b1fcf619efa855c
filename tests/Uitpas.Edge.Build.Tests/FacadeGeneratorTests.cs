using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Uitpas.Edge.Build.Tests.Infrastructure;
using Uitpas.Edge.Tools.NfFacade;
using Uitpas.Edge.Tools.NfFacade.Surface;
using Xunit;

namespace Uitpas.Edge.Build.Tests;

public sealed class FacadeGeneratorTests
{
    /// <summary>A small surface with every kind of line api-surface.txt has.</summary>
    private const string MiniSurface = """
        mscorlib | System.Object | class
        mscorlib | System.Object | .ctor()
        mscorlib | System.Object | virtual System.Boolean Equals(System.Object obj)
        mscorlib | System.Object | virtual System.Int32 GetHashCode()
        mscorlib | System.Object | virtual System.String ToString()
        mscorlib | System.ValueType | abstract class : System.Object
        mscorlib | System.Enum | abstract class : System.ValueType
        mscorlib | System.Void | struct
        mscorlib | System.Boolean | struct
        mscorlib | System.Char | struct
        mscorlib | System.IntPtr | struct
        mscorlib | System.Int32 | struct
        mscorlib | System.Int32 | const field System.Int32 MaxValue = 2147483647
        mscorlib | System.Int32 | static System.Boolean TryParse(System.String s, ref System.Int32 result)
        mscorlib | System.Double | struct
        mscorlib | System.Double | const field System.Double NaN = NaN
        mscorlib | System.String | sealed class : System.Object
        mscorlib | System.String | property System.Char this[System.Int32 index] { get; }
        mscorlib | System.String | static System.String Format(System.String format, System.Object[] args)
        mscorlib | System.String | static System.Boolean op_Equality(System.String a, System.String b)
        mscorlib | System.String | static System.Boolean op_Inequality(System.String a, System.String b)
        mscorlib | System.Array | abstract class : System.Object
        mscorlib | System.Exception | class : System.Object
        mscorlib | System.Exception | .ctor()
        mscorlib | System.Reflection.DefaultMemberAttribute | sealed class : System.Attribute
        mscorlib | System.Reflection.DefaultMemberAttribute | .ctor(System.String memberName)
        mscorlib | System.ParamArrayAttribute | sealed class : System.Attribute
        mscorlib | System.ParamArrayAttribute | .ctor()
        mscorlib | System.Attribute | abstract class : System.Object
        mscorlib | System.Attribute | .ctor()
        mscorlib | System.AttributeTargets | enum
        mscorlib | System.AttributeTargets | const field System.AttributeTargets All = 16383
        mscorlib | System.AttributeTargets | const field System.AttributeTargets Assembly = 1
        mscorlib | System.AttributeUsageAttribute | sealed class : System.Attribute
        mscorlib | System.AttributeUsageAttribute | .ctor(System.AttributeTargets validOn)
        mscorlib | System.AttributeUsageAttribute | property System.Boolean AllowMultiple { get; set; }
        mscorlib | System.AttributeUsageAttribute | property System.Boolean Inherited { get; set; }
        mscorlib | System.Runtime.CompilerServices.InternalsVisibleToAttribute | sealed class : System.Attribute
        mscorlib | System.Runtime.CompilerServices.InternalsVisibleToAttribute | .ctor(System.String assemblyName)
        mscorlib | System.Delegate | abstract class : System.Object
        mscorlib | System.Delegate | static System.Delegate Combine(System.Delegate a, System.Delegate b)
        mscorlib | System.Delegate | static System.Delegate Remove(System.Delegate source, System.Delegate value)
        mscorlib | System.MulticastDelegate | abstract class : System.Delegate
        mscorlib | System.IDisposable | interface
        mscorlib | System.IDisposable | System.Void Dispose()
        mscorlib | System.Collections.ICollection | interface
        mscorlib | System.Collections.ICollection | property System.Int32 Count { get; }
        mscorlib | System.Collections.IList | interface : System.Collections.ICollection
        mscorlib | System.Collections.IList | property System.Object this[System.Int32 index] { get; set; }
        Device.Lib | Device.Lib.Sensor | abstract class : System.Object, System.Collections.IList, System.IDisposable
        Device.Lib | Device.Lib.Sensor | .ctor(System.Int32 pin)
        Device.Lib | Device.Lib.Sensor | abstract System.Int32 Read()
        Device.Lib | Device.Lib.Sensor | virtual System.Void Reset()
        Device.Lib | Device.Lib.Sensor | explicit System.Int32 System.Collections.ICollection.get_Count()
        Device.Lib | Device.Lib.Sensor | explicit System.Object System.Collections.IList.get_Item(System.Int32 index)
        Device.Lib | Device.Lib.Sensor | explicit System.Void System.Collections.IList.set_Item(System.Int32 index, System.Object value)
        Device.Lib | Device.Lib.Sensor | explicit System.Void System.IDisposable.Dispose()
        Device.Lib | Device.Lib.Sensor | event Device.Lib.Sensor+ChangedHandler Changed
        Device.Lib | Device.Lib.Sensor | static event Device.Lib.Sensor+ChangedHandler AnyChanged
        Device.Lib | Device.Lib.Sensor | property Device.Lib.Sensor+Mode CurrentMode { get; set; }
        Device.Lib | Device.Lib.Sensor | property System.Int32 this[System.Int32 channel] { get; }
        Device.Lib | Device.Lib.Sensor | static readonly field Device.Lib.Sensor Default
        Device.Lib | Device.Lib.Sensor | const field System.Int32 MaxPin = 39
        Device.Lib | Device.Lib.Sensor | override System.Void Finalize()
        Device.Lib | Device.Lib.Sensor+Mode | enum
        Device.Lib | Device.Lib.Sensor+Mode | const field Device.Lib.Sensor+Mode Fast = 1
        Device.Lib | Device.Lib.Sensor+Mode | const field Device.Lib.Sensor+Mode Slow = 0
        Device.Lib | Device.Lib.Sensor+ChangedHandler | delegate : System.MulticastDelegate
        Device.Lib | Device.Lib.Sensor+ChangedHandler | .ctor(System.Object object, System.IntPtr method)
        Device.Lib | Device.Lib.Sensor+ChangedHandler | virtual System.Void Invoke(System.Object sender, System.Int32 value)
        Device.Lib | Device.Lib.Level | struct
        Device.Lib | Device.Lib.Level | .ctor(System.Int32 value)
        Device.Lib | Device.Lib.Level | field System.Int32 Raw
        Device.Lib | Device.Lib.Level | static Device.Lib.Level op_Implicit(System.Int32 value)
        Device.Lib | Device.Lib.Level | static System.Int32 op_Explicit(Device.Lib.Level value)
        Device.Lib | Device.Lib.Level | static System.Boolean op_Explicit(Device.Lib.Level value)
        Device.Lib | Device.Lib.Level | static System.Boolean op_Equality(Device.Lib.Level a, Device.Lib.Level b)
        Device.Lib | Device.Lib.Level | static System.Boolean op_Inequality(Device.Lib.Level a, Device.Lib.Level b)
        Device.Lib | Device.Lib.Level | static Device.Lib.Level op_Addition(Device.Lib.Level a, Device.Lib.Level b)
        Device.Lib | Device.Lib.Level | override System.Boolean Equals(System.Object obj)
        Device.Lib | Device.Lib.Level | override System.Int32 GetHashCode()
        Device.Lib | Device.Lib.Level | System.Void Deconstruct(ref System.Int32 raw, ref System.Boolean high)
        Device.Lib | Device.Lib.Pin | sealed class : Device.Lib.Sensor
        Device.Lib | Device.Lib.Pin | sealed override System.Int32 Read()
        Device.Lib | Device.Lib.Pin | static System.Void Swap(ref System.Int32 a, ref System.Int32 b)
        Device.Lib | Device.Lib.Pin | static System.Boolean TryOpen(System.Int32 number, ref Device.Lib.Pin pin)
        """;

    [Fact]
    public void Every_kind_of_surface_line_compiles_into_a_usable_facade()
    {
        var facades = Generate(MiniSurface);

        var errors = FacadeCompilation.Errors(facades, """
            using System.Collections;
            using Device.Lib;

            namespace Consumer
            {
                public sealed class MySensor : Sensor
                {
                    public MySensor() : base(4) { }
                    public override int Read() => this[0] + MaxPin;
                    public override void Reset() { }
                    public override Sensor.Mode CurrentMode { get => Sensor.Mode.Fast; set { } }
                }

                public static class Use
                {
                    public static int Run(MySensor sensor, Level a, string text)
                    {
                        sensor.Changed += (sender, value) => { };
                        Sensor.AnyChanged += (sender, value) => { };
                        var count = ((ICollection)sensor).Count;
                        ((IList)sensor)[0] = null;
                        ((System.IDisposable)sensor).Dispose();
                        Level b = 5;
                        int raw = (int)(a + b);
                        bool high = (bool)a;
                        var (r, h) = a;
                        int x = 1, y = 2;
                        Pin.Swap(ref x, ref y);
                        Pin.TryOpen(3, out var pin);
                        int.TryParse(text, out var parsed);
                        var formatted = string.Format("{0} {1}", x, y);
                        var same = a == b || text != formatted || a.Raw == int.MaxValue;
                        return raw + count + r + parsed + (high && h ? 1 : 0) + Sensor.Default.Read() + (double.NaN > 0 ? 1 : 0) + (same ? 1 : 0) + text[0];
                    }
                }
            }
            """);

        Assert.Empty(errors);
    }

    [Fact]
    public void A_type_without_constructor_lines_cannot_be_constructed()
    {
        var errors = FacadeCompilation.Errors(Generate(MiniSurface), "namespace C { public static class U { public static object M() => new Device.Lib.Pin(); } }");

        Assert.Contains(errors, e => e.Id == "CS1729");
    }

    [Fact]
    public void A_by_reference_parameter_stays_ref_unless_the_method_is_known_to_take_out()
    {
        var errors = FacadeCompilation.Errors(Generate(MiniSurface), "namespace C { public static class U { public static void M() { Device.Lib.Pin.Swap(out var a, out var b); } } }");

        Assert.Contains(errors, e => e.Id == "CS1620");
    }

    [Fact]
    public void Each_facade_has_the_real_assembly_name_and_mscorlib_comes_first()
    {
        var facades = FacadeGenerator.Generate(Repository.SurfaceFile, File.ReadLines(Repository.SurfaceFile));

        var expected = File.ReadLines(Repository.SurfaceFile)
            .Where(l => l.Contains(" | ", StringComparison.Ordinal))
            .Select(l => l.Split(" | ")[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, facades.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal("mscorlib", facades[0].Name);
        foreach (var facade in facades)
        {
            using var pe = new PEReader(facade.Image);
            var metadata = pe.GetMetadataReader();
            Assert.Equal(facade.Name, metadata.GetString(metadata.GetAssemblyDefinition().Name));
        }
    }

    [Fact]
    public void Malformed_line_is_reported_with_its_line_number()
    {
        var error = Assert.Throws<SurfaceFormatException>(() => Generate("""
            mscorlib | System.Object | class
            mscorlib | System.Object | .ctor()
            mscorlib | System.Object
            """));

        Assert.Equal(3, error.Line);
        Assert.Equal("NFF001", error.Code);
        Assert.Contains("Assembly | Namespace.Type | signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_type_is_reported_with_its_line_number()
    {
        var error = Assert.Throws<SurfaceFormatException>(() => Generate("""
            mscorlib | System.Object | class
            mscorlib | System.Void | struct
            mscorlib | System.Object | System.Void Wait(System.Threading.Lock gate)
            """));

        Assert.Equal(3, error.Line);
        Assert.Equal("NFF002", error.Code);
        Assert.Contains("'System.Threading.Lock'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Member_of_a_type_without_a_kind_line_is_reported()
    {
        var error = Assert.Throws<SurfaceFormatException>(() => Generate("""
            mscorlib | System.Object | class
            mscorlib | System.Void | struct
            mscorlib | System.Stopwatch | System.Void Start()
            """));

        Assert.Equal(3, error.Line);
        Assert.Equal("NFF003", error.Code);
    }

    [Fact]
    public void Surface_that_cannot_be_compiled_is_reported_at_the_surface_line()
    {
        var error = Assert.Throws<Tools.NfFacade.Emit.FacadeCompilationException>(() => Generate("""
            mscorlib | System.Object | class
            mscorlib | System.Void | struct
            mscorlib | System.Object | override System.Void Dispose()
            """));

        Assert.Contains(error.Errors, e => e.StartsWith("/surface/api-surface.txt(3): error CS0115", StringComparison.Ordinal));
    }

    [Fact]
    public void Command_line_reports_bad_input_as_an_msbuild_error_with_file_and_line()
    {
        var directory = Directory.CreateTempSubdirectory("uitpas-facade-cli-").FullName;
        try
        {
            var surface = Path.Combine(directory, "bad-surface.txt");
            File.WriteAllText(surface, "mscorlib | System.Object | class\nmscorlib | System.Object | .ctor(\n");
            var tool = typeof(FacadeGenerator).Assembly.Location;

            var result = Dotnet.Run("exec", tool, "--surface", surface, "--out", Path.Combine(directory, "out"));

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"{surface}(2): error NFF001:", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IReadOnlyList<Tools.NfFacade.Emit.FacadeAssembly> Generate(string surface) =>
        FacadeGenerator.Generate("/surface/api-surface.txt", surface.Split('\n'));
}
