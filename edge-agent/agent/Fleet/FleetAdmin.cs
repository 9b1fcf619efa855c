using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Agent.Devices;

namespace Uitpas.Edge.Agent.Fleet;

/// <summary>A device created with its secrets, shown once.</summary>
public sealed record NewDeviceSecrets(string Password, byte[] ConfigKey);

/// <summary>
/// Creating and retiring devices, where the registry and the broker's password file
/// ("Agent:Broker:Authentication:PasswordFile", when set) change together. Create: the device and
/// its config key are committed first, then the password hash is written to the file atomically
/// (the broker's file watch admits it); if the file cannot be written the device is removed
/// again. Retire: the password line is removed first (the broker's file watch drops a connected
/// terminal and the next CONNECT is refused), then the device is marked retired and its config
/// key deleted. Secrets are never logged.
/// </summary>
public sealed class FleetAdmin
{
    /// <summary>Random bytes of an MQTT password: 144 bits, 24 URL-safe characters (as the CLI makes them).</summary>
    private const int PasswordBytes = 18;

    private readonly DeviceRegistry _registry;
    private readonly string? _passwordFile;
    private readonly ILogger<FleetAdmin> _logger;
    private readonly SemaphoreSlim _fileGate = new(1, 1);

    public FleetAdmin(DeviceRegistry registry, IOptions<BrokerOptions> broker, ILogger<FleetAdmin> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _registry = registry;
        var file = broker.Value.Authentication.PasswordFile;
        _passwordFile = string.IsNullOrWhiteSpace(file) ? null : Path.GetFullPath(file);
        _logger = logger;
    }

    /// <summary>Creates a device; its secrets on <see cref="DeviceChange.Done"/>, null otherwise.</summary>
    public async Task<(DeviceChange Result, NewDeviceSecrets? Secrets)> CreateAsync(Device device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var key = RandomNumberGenerator.GetBytes(32);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PasswordBytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await _fileGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await _registry.CreateAsync(device, key, cancellationToken).ConfigureAwait(false);
            if (result != DeviceChange.Done)
            {
                return (result, null);
            }
            try
            {
                EditPasswordFile(file => file.WithUser(device.Id, PasswordHash.Create(password)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await _registry.UndoCreateAsync(device.Id, CancellationToken.None).ConfigureAwait(false);
                FleetLog.PasswordFileFailed(_logger, device.Id, _passwordFile!, exception);
                throw new FleetException($"the password file {_passwordFile} could not be written ({exception.Message}); the device was not created", exception);
            }
            FleetLog.Created(_logger, device.Id, device.CardSystemId, _passwordFile ?? "(none configured)");
            return (result, new NewDeviceSecrets(password, key));
        }
        finally
        {
            _fileGate.Release();
        }
    }

    /// <summary>Retires a device: credentials revoked, config key deleted, history kept.</summary>
    public async Task<DeviceChange> RetireAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (!_registry.TryGet(deviceId, out var device))
        {
            return DeviceChange.NotFound;
        }
        if (device.Retired)
        {
            return DeviceChange.Retired;
        }
        await _fileGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                EditPasswordFile(file => file.Users.ContainsKey(deviceId) ? file.WithoutUser(deviceId) : null);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                FleetLog.PasswordFileFailed(_logger, deviceId, _passwordFile!, exception);
                throw new FleetException($"the password file {_passwordFile} could not be written ({exception.Message}); the device was not retired", exception);
            }
            var result = await _registry.RetireAsync(deviceId, CancellationToken.None).ConfigureAwait(false);
            if (result == DeviceChange.Done)
            {
                FleetLog.Retired(_logger, deviceId);
            }
            return result;
        }
        finally
        {
            _fileGate.Release();
        }
    }

    /// <summary>Applies <paramref name="edit"/> (null = no change) to the password file and saves it atomically; nothing without a password file.</summary>
    private void EditPasswordFile(Func<PasswordFile, PasswordFile?> edit)
    {
        if (_passwordFile is null)
        {
            return;
        }
        var changed = edit(PasswordFile.Load(_passwordFile));
        changed?.Save(_passwordFile);
    }
}

/// <summary>A fleet change that failed for a reason the operator must fix (a file that cannot be written).</summary>
public sealed class FleetException(string message, Exception inner) : Exception(message, inner);
