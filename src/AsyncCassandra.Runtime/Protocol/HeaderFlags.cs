namespace AsyncCassandra.Protocol;

/// <summary>Frame header flags (spec §2.2 v3/v4; §2.4.1.2 v5).</summary>
[Flags]
internal enum HeaderFlags : byte
{
    None = 0,
    /// <summary>The body is compressed (v3/v4 only; v5 compresses whole segments).</summary>
    Compression = 0x01,
    Tracing = 0x02,
    /// <summary>v4+: a [bytes map] custom payload precedes the body.</summary>
    CustomPayload = 0x04,
    /// <summary>v4+: a [string list] of warnings precedes the body (responses only).</summary>
    Warning = 0x08,
    /// <summary>v5: the frame uses a beta protocol version.</summary>
    UseBeta = 0x10,
}
