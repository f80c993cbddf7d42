namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// A Prepared result (spec §4.2.5.4): [short bytes] id, v5 [short bytes] result metadata id, the bind-marker
/// metadata (v4+ with partition key indexes), then the result metadata.
/// </summary>
internal sealed class PreparedResult
{
    public required byte[] Id { get; init; }

    public byte[]? ResultMetadataId { get; init; }

    public required ColumnDefinitions Variables { get; init; }

    public required IReadOnlyList<int> PartitionKeyIndexes { get; init; }

    public required RowsMetadata ResultMetadata { get; init; }

    public static PreparedResult Read(ref CqlReader reader, byte version)
    {
        byte[] id = reader.ReadShortBytes();
        byte[]? resultMetadataId = ProtocolVersions.HasResultMetadataId(version) ? reader.ReadShortBytes() : null;
        int flags = reader.ReadInt();
        int count = reader.ReadInt();
        if (count < 0 || count > 65535)
        {
            throw new ProtocolException($"Malformed prepared metadata: {count} bind markers (spec §4.2.5.4).");
        }

        int[] pkIndexes = [];
        if (ProtocolVersions.HasPartitionKeyIndexes(version))
        {
            int pkCount = reader.ReadInt();
            if (pkCount < 0 || pkCount > count)
            {
                throw new ProtocolException($"Malformed prepared metadata: {pkCount} partition key indexes for {count} markers (spec §4.2.5.4).");
            }

            pkIndexes = new int[pkCount];
            for (int i = 0; i < pkCount; i++)
            {
                pkIndexes[i] = reader.ReadShort();
            }
        }

        ColumnDefinitions variables = RowsMetadata.ReadColumns(ref reader, flags, count);
        RowsMetadata resultMetadata = RowsMetadata.Read(ref reader);
        return new PreparedResult { Id = id, ResultMetadataId = resultMetadataId, Variables = variables, PartitionKeyIndexes = pkIndexes, ResultMetadata = resultMetadata };
    }
}
