namespace AsyncCassandra.ServerModel;

/// <summary>Opcodes of spec §2.4.1.4 (v5 numbering, the same in v3 and v4).</summary>
public static class Opcodes
{
    public const byte Error = 0x00;
    public const byte Startup = 0x01;
    public const byte Ready = 0x02;
    public const byte Authenticate = 0x03;
    public const byte Options = 0x05;
    public const byte Supported = 0x06;
    public const byte Query = 0x07;
    public const byte Result = 0x08;
    public const byte Prepare = 0x09;
    public const byte Execute = 0x0A;
    public const byte Register = 0x0B;
    public const byte Event = 0x0C;
    public const byte Batch = 0x0D;
    public const byte AuthChallenge = 0x0E;
    public const byte AuthResponse = 0x0F;
    public const byte AuthSuccess = 0x10;
}

/// <summary>Error codes of spec §8 the model sends.</summary>
public static class ErrorCodes
{
    public const int ServerError = 0x0000;
    public const int ProtocolError = 0x000A;
    public const int BadCredentials = 0x0100;
    public const int Overloaded = 0x1001;
    public const int SyntaxError = 0x2000;
    public const int Invalid = 0x2200;
    public const int Unprepared = 0x2500;
}

/// <summary>Encodes envelopes and the bodies of responses (spec §2.4, §4.2).</summary>
public static class Responses
{
    /// <summary>An envelope: version byte with the response bit (§2.4.1.1), flags, stream, opcode, [int] length, body.</summary>
    public static byte[] Envelope(int version, int flags, short stream, byte opcode, ReadOnlySpan<byte> body) =>
        new WireWriter().Byte(0x80 | version).Byte(flags).Short((ushort)stream).Byte(opcode).Int(body.Length).Raw(body).ToArray();

    /// <summary>ERROR (§4.2.1): [int] code, [string] message, then what the code adds (e.g. UNPREPARED's id).</summary>
    public static byte[] Error(int code, string message, byte[]? extra = null)
    {
        var writer = new WireWriter().Int(code).String(message);
        if (extra is not null)
        {
            writer.Raw(extra);
        }

        return writer.ToArray();
    }

    public static byte[] Result(ModelResult result, int version, bool skipMetadata, byte[]? requestMetadataId)
    {
        var w = new WireWriter();
        switch (result)
        {
            case VoidResult:
                w.Int(0x0001);
                break;
            case RowsResult rows:
                w.Int(0x0002);
                WriteRowsMetadata(w, rows.Metadata, version, rows.PagingState, skipMetadata, requestMetadataId);
                w.Int(rows.Rows.Count);
                foreach (byte[]?[] row in rows.Rows)
                {
                    foreach (byte[]? value in row)
                    {
                        w.Bytes(value);
                    }
                }

                break;
            case SetKeyspaceResult use:
                w.Int(0x0003).String(use.Keyspace);
                break;
            case SchemaChangeResult change:
                w.Int(0x0005);
                WriteSchemaChange(w, change);
                break;
            default:
                throw new InvalidOperationException(result.ToString());
        }

        return w.ToArray();
    }

    /// <summary>&lt;change_type&gt;&lt;target&gt;&lt;options&gt; of §4.2.6 SCHEMA_CHANGE (v3+ form).</summary>
    public static void WriteSchemaChange(WireWriter w, SchemaChangeResult change)
    {
        w.String(change.Change).String(change.Target).String(change.Keyspace);
        if (change.Target != "KEYSPACE")
        {
            w.String(change.Name ?? "");
        }
    }

    /// <summary>
    /// Rows metadata (§4.2.5.2): flags, column count, [paging_state], [new_metadata_id], [global_table_spec], col specs.
    /// v5: when the client's result metadata id is not the current one, Metadata_changed carries the new id and the
    /// full metadata even if it asked to skip it; otherwise Skip_metadata gives No_metadata.
    /// </summary>
    public static void WriteRowsMetadata(WireWriter w, ResultColumns columns, int version, byte[]? pagingState, bool skipMetadata, byte[]? requestMetadataId)
    {
        byte[]? changed = null;
        if (version >= 5 && requestMetadataId is not null)
        {
            byte[] current = columns.MetadataId();
            if (!current.AsSpan().SequenceEqual(requestMetadataId))
            {
                changed = current;
            }
        }

        bool noMetadata = skipMetadata && changed is null;
        int flags = (pagingState is not null ? 0x0002 : 0) | (noMetadata ? 0x0004 : 0x0001) | (changed is not null ? 0x0008 : 0);
        w.Int(flags).Int(columns.Columns.Count);
        if (pagingState is not null)
        {
            w.Bytes(pagingState);
        }

        if (changed is not null)
        {
            w.ShortBytes(changed);
        }

        if (!noMetadata)
        {
            w.String(columns.Keyspace).String(columns.Table);
            foreach (Column column in columns.Columns)
            {
                w.String(column.Name);
                column.Type.Write(w);
            }
        }
    }

    /// <summary>
    /// RESULT Prepared (§4.2.5.4): id, [result_metadata_id] (v5), variables metadata (with pk indexes from v4 on),
    /// result metadata (No_metadata and no columns for statements without rows).
    /// </summary>
    public static byte[] Prepared(byte[] id, AnalyzedStatement analyzed, int version)
    {
        var w = new WireWriter().Int(0x0004).ShortBytes(id);
        ResultColumns result = analyzed.Result ?? new ResultColumns(analyzed.Variables.Keyspace, analyzed.Variables.Table, []);
        if (version >= 5)
        {
            w.ShortBytes(result.MetadataId());
        }

        w.Int(0x0001).Int(analyzed.Variables.Columns.Count);
        if (version >= 4)
        {
            w.Int(analyzed.PartitionKeyIndexes.Count);
            foreach (int index in analyzed.PartitionKeyIndexes)
            {
                w.Short(index);
            }
        }

        w.String(analyzed.Variables.Keyspace).String(analyzed.Variables.Table);
        foreach (Column column in analyzed.Variables.Columns)
        {
            w.String(column.Name);
            column.Type.Write(w);
        }

        if (analyzed.Result is null)
        {
            w.Int(0x0004).Int(0);
        }
        else
        {
            WriteRowsMetadata(w, analyzed.Result, version, null, skipMetadata: false, requestMetadataId: null);
        }

        return w.ToArray();
    }
}
