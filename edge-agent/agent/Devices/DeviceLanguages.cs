namespace Uitpas.Edge.Agent.Devices;

/// <summary>The languages a terminal can show central's end-user messages in.</summary>
public static class DeviceLanguages
{
    /// <summary>Dutch, the default (central always provides it).</summary>
    public const string Default = "nl";

    /// <summary>All supported language codes.</summary>
    public static readonly IReadOnlyList<string> All = ["nl", "fr", "en"];

    /// <summary>True for nl, fr and en (lowercase).</summary>
    public static bool IsSupported(string? language) => language is not null && All.Contains(language);
}
