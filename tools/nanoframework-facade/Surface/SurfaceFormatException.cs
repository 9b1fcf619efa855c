namespace Uitpas.Edge.Tools.NfFacade.Surface;

/// <summary>Bad input in the surface file, reported with the line it was found on.</summary>
internal sealed class SurfaceFormatException(string code, int line, string message) : Exception(message)
{
    /// <summary>Error code, e.g. NFF001.</summary>
    public string Code { get; } = code;

    /// <summary>1-based line in the surface file, or 0 when the error is not tied to one line.</summary>
    public int Line { get; } = line;
}

/// <summary>The error codes the generator reports.</summary>
internal static class SurfaceErrors
{
    public const string MalformedLine = "NFF001";
    public const string UnknownType = "NFF002";
    public const string Inconsistent = "NFF003";
    public const string FacadeDoesNotCompile = "NFF004";
    public const string Io = "NFF005";
}
