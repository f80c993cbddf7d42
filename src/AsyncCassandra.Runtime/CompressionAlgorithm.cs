namespace AsyncCassandra;

/// <summary>Frame compression negotiated at STARTUP (spec v4 §5; v5 §2.2 compresses segments instead).</summary>
public enum CompressionAlgorithm
{
    /// <summary>No compression (the default: on a fast network compression costs more CPU than it saves).</summary>
    None = 0,
    /// <summary>LZ4 block compression.</summary>
    Lz4 = 1,
}
