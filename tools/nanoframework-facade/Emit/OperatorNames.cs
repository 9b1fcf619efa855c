namespace Uitpas.Edge.Tools.NfFacade.Emit;

/// <summary>The C# operator tokens of the CLI operator method names (op_Equality, op_Implicit, …).</summary>
internal static class OperatorNames
{
    private static readonly Dictionary<string, string> Binary = new(StringComparer.Ordinal)
    {
        ["op_Equality"] = "==",
        ["op_Inequality"] = "!=",
        ["op_GreaterThan"] = ">",
        ["op_LessThan"] = "<",
        ["op_GreaterThanOrEqual"] = ">=",
        ["op_LessThanOrEqual"] = "<=",
        ["op_Addition"] = "+",
        ["op_Subtraction"] = "-",
        ["op_Multiply"] = "*",
        ["op_Division"] = "/",
        ["op_Modulus"] = "%",
        ["op_BitwiseAnd"] = "&",
        ["op_BitwiseOr"] = "|",
        ["op_ExclusiveOr"] = "^",
        ["op_LeftShift"] = "<<",
        ["op_RightShift"] = ">>",
    };

    private static readonly Dictionary<string, string> Unary = new(StringComparer.Ordinal)
    {
        ["op_UnaryNegation"] = "-",
        ["op_UnaryPlus"] = "+",
        ["op_LogicalNot"] = "!",
        ["op_OnesComplement"] = "~",
        ["op_Increment"] = "++",
        ["op_Decrement"] = "--",
        ["op_True"] = "true",
        ["op_False"] = "false",
    };

    /// <summary>Operators C# only accepts together with their partner.</summary>
    private static readonly Dictionary<string, string> Partners = new(StringComparer.Ordinal)
    {
        ["op_Equality"] = "op_Inequality",
        ["op_Inequality"] = "op_Equality",
        ["op_GreaterThan"] = "op_LessThan",
        ["op_LessThan"] = "op_GreaterThan",
        ["op_GreaterThanOrEqual"] = "op_LessThanOrEqual",
        ["op_LessThanOrEqual"] = "op_GreaterThanOrEqual",
        ["op_True"] = "op_False",
        ["op_False"] = "op_True",
    };

    public static bool IsConversion(string name) => name is "op_Implicit" or "op_Explicit";

    /// <summary>The operator token for a method of that name and parameter count, or null.</summary>
    public static string? Token(string name, int parameterCount) => parameterCount switch
    {
        1 when Unary.TryGetValue(name, out var unary) => unary,
        2 when Binary.TryGetValue(name, out var binary) => binary,
        _ => null,
    };

    public static string? PartnerOf(string name) => Partners.GetValueOrDefault(name);
}
