using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Uitpas.Edge.Agent.Hosting;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Api;

/// <summary>
/// A real agent (embedded broker with a password file, SQLite, the central simulator) with its
/// admin listener on a free loopback port, and an HTTP client holding the token the agent wrote.
/// One seeded device, term-1.
/// </summary>
public sealed class AdminRig : IAsyncDisposable
{
    private AdminRig(CentralSimulator central, TestAgent agent, string directory)
    {
        Central = central;
        Agent = agent;
        Directory = directory;
        var endPoint = agent.Host.GetAdminEndPoint() ?? throw new InvalidOperationException("the admin listener did not start");
        BaseAddress = new Uri($"http://{endPoint}");
        Token = File.ReadAllText(Path.Combine(AgentDirectory, "admin.token")).Trim();
        Api = Client(Token);
    }

    public CentralSimulator Central { get; }

    public TestAgent Agent { get; }

    public string Directory { get; }

    public string AgentDirectory => Path.Combine(Directory, "agent");

    public string PasswordFile => Path.Combine(Directory, "passwd");

    public Uri BaseAddress { get; }

    public string Token { get; }

    /// <summary>A client with the bearer token.</summary>
    public HttpClient Api { get; }

    public static async Task<AdminRig> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("uitpas-admin-").FullName;
        var passwd = Path.Combine(directory, "passwd");
        File.WriteAllText(passwd, "");
        var central = await CentralSimulator.StartAsync(new SimulatorOptions { Port = 0 });
        var agent = await TestAgent.StartAsync(central, Path.Combine(directory, "agent"),
            [new TestDevice("term-1", central.Seed.Kiosks[0].Token, "nl")],
            new Dictionary<string, string?> { ["Agent:Broker:Authentication:PasswordFile"] = passwd });
        return new AdminRig(central, agent, directory);
    }

    /// <summary>A client without cookies that sends <paramref name="token"/> as bearer token when given.</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress, Timeout = Waits.Default };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>POST /devices for <paramref name="id"/>; the answer's JSON.</summary>
    public async Task<(HttpStatusCode Status, JsonNode Body)> CreateAsync(string id, int cardSystemId = 0) =>
        await SendAsync(HttpMethod.Post, "/api/v1/devices", new { id, kioskToken = Central.Seed.Kiosks[0].Token, language = "nl", cardSystemId });

    public async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await Api.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Agent.DisposeAsync();
        await Central.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
