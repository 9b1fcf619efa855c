using Uitpas.Edge.Protocol.Config;

namespace Uitpas.Edge.Core.Configuration
{
    /// <summary>
    /// Hears every report <see cref="RemoteConfig"/> makes (applied or refused, with the reason),
    /// on the loop thread, before it is published: the device writes it to its console, the
    /// virtual terminal raises an event.
    /// </summary>
    public interface IConfigLog
    {
        void Reported(ConfigReport report);
    }
}
