using Microsoft.Extensions.Options;

namespace Uitpas.Edge.Central;

/// <summary>Checks <see cref="CentralOptions"/> at start, so a misconfigured agent fails before its first tap.</summary>
public sealed class CentralOptionsValidator : IValidateOptions<CentralOptions>
{
    /// <summary>The longest <see cref="CentralOptions.RequestTimeout"/> accepted.</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CentralOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckHttpUri(options.BaseAddress, nameof(CentralOptions.BaseAddress), failures);
        CheckHttpUri(options.TokenEndpoint, nameof(CentralOptions.TokenEndpoint), failures);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"Central:{nameof(CentralOptions.ClientId)} is required.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"Central:{nameof(CentralOptions.ClientSecret)} is required.");
        }
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxRequestTimeout)
        {
            failures.Add($"Central:{nameof(CentralOptions.RequestTimeout)} must be more than 0 and at most {MaxRequestTimeout}.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckHttpUri(Uri? uri, string property, List<string> failures)
    {
        if (uri is null)
        {
            failures.Add($"Central:{property} is required.");
        }
        else if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Central:{property} must be an absolute http(s) address.");
        }
    }
}
