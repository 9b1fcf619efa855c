namespace Uitpas.Edge.Simulator;

/// <summary>Everything the handlers and middleware share.</summary>
internal sealed record SimulatorContext(
    SimulatorOptions Options,
    SeedCatalogue Seed,
    SimulatorState State,
    SimulatorFaults Faults,
    TokenIssuer Tokens,
    CentralRules Rules,
    CancellationToken Stopping);
