namespace AsyncCassandra.Protocol;

/// <summary>Facts about the native protocol versions this client speaks (3, 4 and 5).</summary>
internal static class ProtocolVersions
{
    public const byte Lowest = 3;
    public const byte Highest = 5;

    /// <summary>The highest version a server may name in a reply (v6 is Cassandra's beta); above it a peer is no Cassandra node.</summary>
    public const byte HighestKnown = 6;

    /// <summary>Frame header length: 9 bytes for v3+ (spec §2).</summary>
    public const int HeaderLength = 9;

    /// <summary>v3+ stream ids are signed 16-bit; negative ids are reserved for server events (spec §2.3).</summary>
    public const int MaxStreams = 32768;

    /// <summary>Largest body the spec allows (256 MB, spec §2.5).</summary>
    public const int MaxBodyLength = 256 * 1024 * 1024;

    public static bool IsSupported(int version) => version >= Lowest && version <= Highest;

    /// <summary>v5 query/batch flags are an [int]; v3/v4 use a [byte] (v5 §4.1.4).</summary>
    public static bool HasIntQueryFlags(byte version) => version >= 5;

    /// <summary>v4+: unset values ([value] length -2) exist (v4 §3).</summary>
    public static bool SupportsUnset(byte version) => version >= 4;

    /// <summary>v4+: prepared metadata carries partition key indexes (v4 §4.2.5.4).</summary>
    public static bool HasPartitionKeyIndexes(byte version) => version >= 4;

    /// <summary>v5: EXECUTE carries a result metadata id (v5 §4.1.6).</summary>
    public static bool HasResultMetadataId(byte version) => version >= 5;

    /// <summary>v5: frames are wrapped in CRC-checked segments once the connection is ready (v5 §2).</summary>
    public static bool UsesSegments(byte version) => version >= 5;
}
