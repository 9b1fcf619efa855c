namespace Uitpas.Edge.Dashboard.Tests.Infrastructure;

/// <summary>One <see cref="DashboardSystem"/> shared by the tests of a class that do not change the fleet.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public DashboardSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await DashboardSystem.StartAsync();

    public async Task DisposeAsync() => await System.DisposeAsync();
}
