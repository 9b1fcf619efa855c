namespace Uitpas.Edge.Tools.NfFacade.Packages;

/// <summary>The error codes of the package checks (tools/nanoframework-facade/README.md).</summary>
internal static class PackageErrors
{
    public const string Unknown = "NFP001";
    public const string OffTheLine = "NFP002";
    public const string Missing = "NFP003";
    public const string Unused = "NFP004";
    public const string DependencyNotListed = "NFP005";
    public const string BadInput = "NFP006";
}

/// <summary>One finding, printed as "file: error CODE: message" so that MSBuild shows it as a build error.</summary>
internal sealed record PackageFinding(string Code, string Message);
