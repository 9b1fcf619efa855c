namespace Uitpas.Edge.Region.Tests.Infrastructure;

/// <summary>
/// Tests that load the whole machine (1,000 terminals in one process) run with no other test
/// beside them, so the fault tests' drain bounds are not measured against their load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}
