using System.Net;
using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>Checks the snapshot options at start: when enabled, a master secret of ≥ 32 bytes, a bind address, a public URL that is http(s).</summary>
public sealed class SnapshotOptionsValidator : IValidateOptions<SnapshotOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SnapshotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (SnapshotKeys.TryDecodeMasterSecret(options.MasterSecret) is null)
        {
            failures.Add($"{SnapshotOptions.SectionName}:MasterSecret must be base64 of at least {SnapshotKeys.MinMasterSecretBytes} bytes when snapshots are enabled.");
        }
        if (!IPAddress.TryParse(options.Http.BindAddress, out _))
        {
            failures.Add($"{SnapshotOptions.SectionName}:Http:BindAddress must be an IP address.");
        }
        var url = options.Http.PublicUrl;
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !url.EndsWith('/') || url.Length > 200))
        {
            failures.Add($"{SnapshotOptions.SectionName}:Http:PublicUrl must be an http(s) URL of at most 200 characters ending in '/'.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
