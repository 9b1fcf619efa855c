using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Tests.Api;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>The policy domain of an event: set with an assignment, one per event id, shown with the device.</summary>
public sealed class DomainTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task An_event_has_one_domain_whichever_device_serves_it_and_loses_it_with_its_last_assignment()
    {
        await using var rig = await AdminRig.StartAsync();
        await rig.CreateAsync("term-2");
        object Assignment(string domain, int day) => new { eventId = "ev-zwemmen", from = From.AddDays(day), until = From.AddDays(day).AddHours(8), domain };

        var (first, body) = await rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/events", Assignment("Sport", 0));
        var (same, _) = await rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-2/events", Assignment("sport", 0));
        var (other, problem) = await rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-2/events", Assignment("cultuur", 1));
        var (bad, badProblem) = await rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-2/events", Assignment("culture", 2));
        await rig.SendAsync(HttpMethod.Delete, "/api/v1/devices/term-1/events/ev-zwemmen");
        var stillSport = rig.Agent.Host.Services.GetService<DeviceRegistry>()!.DomainOf("ev-zwemmen");
        await rig.SendAsync(HttpMethod.Delete, "/api/v1/devices/term-2/events/ev-zwemmen");
        var (renamed, renamedBody) = await rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-2/events", Assignment("welzijn", 3));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal("sport", body["events"]![0]!["domain"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, same);
        Assert.Equal(HttpStatusCode.Conflict, other);
        Assert.Equal("Event ev-zwemmen is already in domain sport: one event has one domain.", problem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("domain must be one of cultuur, jeugd, sport, welzijn, overig, not 'culture'.", badProblem["detail"]!.GetValue<string>());
        Assert.Equal(Agent.Reports.PolicyDomain.Sport, stillSport);
        Assert.Equal(HttpStatusCode.OK, renamed);
        Assert.Equal("welzijn", renamedBody["events"]![0]!["domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_assignment_without_a_domain_leaves_it_unset()
    {
        await using var rig = await AdminRig.StartAsync();

        var (status, body) = await rig.SendAsync(HttpMethod.Post, "/api/v1/devices/term-1/events",
            new { eventId = "ev-open", from = From, until = From.AddHours(2), title = "Open dag" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["events"]![0]!["domain"]);
        Assert.Equal(Agent.Reports.PolicyDomain.Unknown, rig.Agent.Host.Services.GetService<DeviceRegistry>()!.DomainOf("ev-open"));
    }

    [Fact]
    public void Configured_domains_must_be_known_and_agree_per_event()
    {
        var options = new DeviceSeedOptions
        {
            Devices =
            [
                new DeviceSeed { Id = "a", KioskToken = "t", Events = [new EventAssignmentSeed { EventId = "ev", From = From, Until = From.AddHours(1), Domain = "jeugd" }] },
                new DeviceSeed
                {
                    Id = "b",
                    KioskToken = "t",
                    Events =
                    [
                        new EventAssignmentSeed { EventId = "ev", From = From, Until = From.AddHours(1), Domain = "sport" },
                        new EventAssignmentSeed { EventId = "ev2", From = From.AddHours(2), Until = From.AddHours(3), Domain = "culture" },
                    ],
                },
            ],
        };

        var result = new DeviceSeedOptionsValidator().Validate(null, options);

        Assert.Equal(
        [
            "Agent:Devices:1:Events:0:Domain is 'sport' but Agent:Devices:0:Events:0:Domain is 'jeugd' for event ev: one event has one domain.",
            "Agent:Devices:1:Events:1:Domain: domain must be one of cultuur, jeugd, sport, welzijn, overig, not 'culture'.",
        ], result.Failures);
    }
}
