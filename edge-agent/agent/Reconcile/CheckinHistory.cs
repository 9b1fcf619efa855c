using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Reconcile;

/// <summary>A passholder's check-ins at the agent's organizers since an instant, read page by page from GET /checkins (newest first).</summary>
internal sealed class CheckinHistory
{
    /// <summary>Check-ins per page.</summary>
    public const int PageSize = 100;

    /// <summary>Most pages read for one question; older check-ins cannot match a recent call anyway.</summary>
    public const int MaxPages = 20;

    private readonly IUitpasCentral _central;

    public CheckinHistory(IUitpasCentral central)
    {
        _central = central;
    }

    /// <summary>The check-ins created at or after <paramref name="since"/>, each once (a check-in created while paging shifts the pages).</summary>
    public async Task<CentralResponse<IReadOnlyList<CheckinRecord>>> SinceAsync(
        string passholderId, IReadOnlyList<string> organizerIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var records = new List<CheckinRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; page < MaxPages; page++)
        {
            var query = new CheckinQuery { PassholderId = passholderId, OrganizerIds = organizerIds, Start = page * PageSize, Limit = PageSize };
            var response = await _central.SearchCheckinsAsync(query, cancellationToken).ConfigureAwait(false);
            if (!response.IsOk)
            {
                return response.As<IReadOnlyList<CheckinRecord>>();
            }
            foreach (var record in response.Value.Checkins)
            {
                if (record.CreationDate < since)
                {
                    return CentralResponse<IReadOnlyList<CheckinRecord>>.Ok(records, response.HttpStatus ?? 200);
                }
                if (seen.Add(record.Id))
                {
                    records.Add(record);
                }
            }
            if (response.Value.Checkins.Count < PageSize || (page + 1) * PageSize >= response.Value.TotalItems)
            {
                return CentralResponse<IReadOnlyList<CheckinRecord>>.Ok(records, response.HttpStatus ?? 200);
            }
        }
        return CentralResponse<IReadOnlyList<CheckinRecord>>.Ok(records, 200);
    }
}
