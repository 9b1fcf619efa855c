namespace Uitpas.Edge.Agent.Alarms;

/// <summary>
/// An active alarm: its <see cref="Kind"/>, when it was raised and a short detail for operators
/// (never a card number or a secret).
/// </summary>
public sealed record Alarm(AlarmKind Kind, DateTimeOffset Since, string Detail);
