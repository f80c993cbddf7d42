namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// &lt;metadata&gt; of a Rows result (spec §4.2.5.2): [int] flags, [int] column count, optional [bytes] paging state,
/// v5 optional [short bytes] new metadata id, then the column specs unless No_metadata.
/// </summary>
internal readonly struct RowsMetadata
{
    public const int GlobalTablesSpec = 0x0001;
    public const int HasMorePages = 0x0002;
    public const int NoMetadata = 0x0004;
    public const int MetadataChanged = 0x0008;

    public int ColumnCount { get; init; }

    /// <summary>The column specs; null when the server skipped them (No_metadata, after Skip_metadata was asked).</summary>
    public ColumnDefinitions? Columns { get; init; }

    public byte[]? PagingState { get; init; }

    public byte[]? NewMetadataId { get; init; }

    public static RowsMetadata Read(ref CqlReader reader)
    {
        int flags = reader.ReadInt();
        int count = reader.ReadInt();
        if (count < 0 || count > 65535)
        {
            throw new ProtocolException($"Malformed rows metadata: column count {count} (spec §4.2.5.2).");
        }

        byte[]? pagingState = (flags & HasMorePages) != 0 ? reader.ReadBytes() : null;
        byte[]? newMetadataId = (flags & MetadataChanged) != 0 ? reader.ReadShortBytes() : null;
        ColumnDefinitions? columns = (flags & NoMetadata) != 0 ? null : ReadColumns(ref reader, flags, count);
        return new RowsMetadata { ColumnCount = count, Columns = columns, PagingState = pagingState, NewMetadataId = newMetadataId };
    }

    /// <summary>Reads [global_table_spec]? and count &lt;col_spec&gt;s (shared with prepared metadata).</summary>
    public static ColumnDefinitions ReadColumns(ref CqlReader reader, int flags, int count)
    {
        string? globalKeyspace = null;
        string? globalTable = null;
        if ((flags & GlobalTablesSpec) != 0)
        {
            globalKeyspace = reader.ReadString();
            globalTable = reader.ReadString();
        }

        var columns = new ColumnDefinition[count];
        for (int i = 0; i < count; i++)
        {
            string keyspace = globalKeyspace ?? reader.ReadString();
            string table = globalTable ?? reader.ReadString();
            string name = reader.ReadString();
            CqlType type = CqlType.Read(ref reader);
            columns[i] = new ColumnDefinition(i, keyspace, table, name, type);
        }

        return new ColumnDefinitions(columns);
    }
}
