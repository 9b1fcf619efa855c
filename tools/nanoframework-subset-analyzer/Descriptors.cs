using Microsoft.CodeAnalysis;

namespace Uitpas.Edge.Tools.NfSubsetAnalyzer;

/// <summary>The diagnostics of the nanoFramework subset check. Errors: NF00xx; behaviour warnings: NF01xx.</summary>
internal static class Descriptors
{
    private const string Category = "NanoFramework.Subset";
    private const string SeeReadme = "see shared/nanoframework/README.md";

    public static readonly DiagnosticDescriptor GenericTypeDeclared = Error(
        "NF0001",
        "Generic type declared",
        "Generic type '{0}' is declared: the nanoFramework 1.x runtime fails to load an assembly containing generics; use object or concrete types ({1})");

    public static readonly DiagnosticDescriptor GenericMethodDeclared = Error(
        "NF0002",
        "Generic method declared",
        "Generic {0} '{1}' is declared: the nanoFramework 1.x runtime fails to load an assembly containing generics; use object or concrete types ({2})");

    public static readonly DiagnosticDescriptor GenericTypeUsed = Error(
        "NF0003",
        "Generic type used",
        "'{0}' is a generic type: the nanoFramework 1.x runtime fails to load an assembly that uses generics, Action<T> and Func<…> included; use a non-generic delegate or a concrete type ({1})");

    public static readonly DiagnosticDescriptor GenericMethodUsed = Error(
        "NF0004",
        "Generic method used",
        "'{0}' is a generic method: the nanoFramework 1.x runtime fails to load an assembly that uses generics ({1})");

    public static readonly DiagnosticDescriptor NullableValueType = Error(
        "NF0005",
        "Nullable value type used",
        "'{0}' is a nullable value type, i.e. the generic System.Nullable<T>, also hidden in 'x?.Member' on a value-typed member; use a sentinel value or a separate flag ({1})");

    public static readonly DiagnosticDescriptor Tuple = Error(
        "NF0006",
        "Tuple used",
        "{0} uses System.ValueTuple<…>, a generic type nanoFramework 1.x does not have; use a small class or struct ({1})");

    public static readonly DiagnosticDescriptor AnonymousType = Error(
        "NF0007",
        "Anonymous type used",
        "An anonymous type is a generic class under the hood, which the nanoFramework 1.x runtime cannot load; declare a small class ({0})");

    public static readonly DiagnosticDescriptor DefaultInterfaceMember = Error(
        "NF0008",
        "Interface member with a body or static abstract member",
        "Interface member '{0}' {1}: nanoFramework 1.x throws at run time; implement it in the classes ({2})");

    public static readonly DiagnosticDescriptor Unsafe = Error(
        "NF0009",
        "Unsafe code",
        "{0}: unsafe code and pointers are rejected when the nanoFramework image is produced; use arrays and SpanByte ({1})");

    public static readonly DiagnosticDescriptor StackAlloc = Error(
        "NF0010",
        "stackalloc",
        "'stackalloc' is not supported on nanoFramework 1.x; allocate a byte[] (and wrap it in a SpanByte if needed) ({0})");

    public static readonly DiagnosticDescriptor Iterator = Error(
        "NF0011",
        "yield iterator",
        "'{0}' makes an iterator, which needs the generic IEnumerable<T> nanoFramework 1.x does not have; fill an array or an ArrayList ({1})");

    public static readonly DiagnosticDescriptor Dynamic = Error(
        "NF0012",
        "dynamic",
        "'dynamic' is not supported on nanoFramework 1.x; use object and explicit casts ({0})");

    public static readonly DiagnosticDescriptor Async = Error(
        "NF0013",
        "async/await",
        "'{0}' is not supported: nanoFramework 1.x has no System.Threading.Tasks; use a Thread, a Timer or an event ({1})");

    public static readonly DiagnosticDescriptor Record = Error(
        "NF0014",
        "record",
        "Record '{0}' is not supported on nanoFramework 1.x (it needs IEquatable<T>); declare a class or struct ({1})");

    public static readonly DiagnosticDescriptor EnumToString = Warning(
        "NF0101",
        "Enum converted to text",
        "The enum '{0}' is converted to text: on nanoFramework 1.x Enum.ToString() gives the number, not the name; map it with a switch if the name matters ({1})");

    public static readonly DiagnosticDescriptor CheckedArithmetic = Warning(
        "NF0102",
        "checked arithmetic",
        "'checked' does not throw OverflowException on nanoFramework 1.x; test the range explicitly ({0})");

    public static string Readme => SeeReadme;

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
