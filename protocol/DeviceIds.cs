namespace Uitpas.Edge.Protocol
{
    /// <summary>
    /// Device ids name a terminal in topics, the fleet registry and MQTT credentials:
    /// 1 to 32 characters of lowercase a–z, digits and '-', not starting or ending with '-'.
    /// That keeps them safe as a topic level (no '/', '+', '#') and as a file name.
    /// </summary>
    public static class DeviceIds
    {
        public const int MaxLength = 32;

        public static bool IsValid(string id)
        {
            if (id == null || id.Length == 0 || id.Length > MaxLength)
            {
                return false;
            }
            if (id[0] == '-' || id[id.Length - 1] == '-')
            {
                return false;
            }
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
