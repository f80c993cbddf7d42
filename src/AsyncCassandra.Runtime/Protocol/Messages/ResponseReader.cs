namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// Decodes a response body (after LZ4 decompression, if any): the tracing id, warnings and custom payload that the
/// header flags announce (spec §2.2), then the message of the opcode, each read by its own message type.
/// </summary>
internal static class ResponseReader
{
    /// <summary>
    /// Decodes the frame and disposes of its buffer: a Rows result may keep it (see <see cref="ResultBuffers"/>),
    /// every other response returns it to the pool. Malformed bodies throw <see cref="ProtocolException"/>; an ERROR
    /// is returned as data.
    /// </summary>
    public static Response Read(in ResponseFrame frame, byte version, ColumnDefinitions? knownResultColumns, ResultBuffers ownership = ResultBuffers.Owned)
    {
        bool keepsBuffer = false;
        try
        {
            var reader = new CqlReader(frame.Body);
            HeaderFlags flags = frame.Header.Flags;
            // Spec §2.2: any response to a traced request starts with the [uuid] tracing id, whatever its opcode.
            Guid? tracingId = (flags & HeaderFlags.Tracing) != 0 ? reader.ReadUuid() : null;
            IReadOnlyList<string>? warnings = (flags & HeaderFlags.Warning) != 0 ? reader.ReadStringList() : null;
            if ((flags & HeaderFlags.CustomPayload) != 0)
            {
                reader.ReadBytesMap();
            }

            ResponseDetails? details = tracingId is null && warnings is null ? null : ResponseDetails.Create(tracingId, warnings, null);
            switch (frame.Header.Opcode)
            {
                case Opcode.Error:
                    return Response.Message(Opcode.Error, ErrorResponse.Read(ref reader, version), details);
                case Opcode.Ready:
                    return Response.Message(Opcode.Ready, ReadyResponse.Instance, details);
                case Opcode.Authenticate:
                    return Response.Message(Opcode.Authenticate, AuthenticateResponse.Read(ref reader), details);
                case Opcode.AuthChallenge:
                    return Response.Message(Opcode.AuthChallenge, AuthChallengeResponse.Read(ref reader), details);
                case Opcode.AuthSuccess:
                    return Response.Message(Opcode.AuthSuccess, AuthSuccessResponse.Read(ref reader), details);
                case Opcode.Supported:
                    return Response.Message(Opcode.Supported, SupportedResponse.Read(ref reader), details);
                case Opcode.Event:
                    return Response.Message(Opcode.Event, EventResponse.Read(ref reader), details);
                case Opcode.Result:
                    return ReadResult(ref reader, frame, version, knownResultColumns, ownership, tracingId, warnings, details, out keepsBuffer);
                default:
                    throw new ProtocolException($"Unexpected opcode 0x{(byte)frame.Header.Opcode:X2} in a response (spec §2.4).");
            }
        }
        finally
        {
            if (!keepsBuffer)
            {
                frame.Release();
            }
            else if (ownership == ResultBuffers.Owned)
            {
                // The caller's result keeps the buffer for good (it is never returned to the pool): no longer ours to count.
                ResourceCounters.FrameBufferDone();
            }
        }
    }

    /// <summary>RESULT (spec §4.2.5): an [int] kind, then the kind's body.</summary>
    private static Response ReadResult(ref CqlReader reader, in ResponseFrame frame, byte version, ColumnDefinitions? knownResultColumns, ResultBuffers ownership, Guid? tracingId, IReadOnlyList<string>? warnings, ResponseDetails? details, out bool keepsBuffer)
    {
        keepsBuffer = false;
        var kind = (ResultKind)reader.ReadInt();
        switch (kind)
        {
            case ResultKind.Void:
                return Response.Result(kind, null, RowsResult.Empty, details);
            case ResultKind.Rows:
                {
                    RowsMetadata metadata = RowsMetadata.Read(ref reader);
                    RowsResult rows = RowsResult.Read(ref reader, frame, metadata, knownResultColumns, ownership, out keepsBuffer);
                    if (metadata.NewMetadataId is { } newId)
                    {
                        details = ResponseDetails.Create(tracingId, warnings, newId);
                    }

                    return Response.Result(kind, null, rows, details);
                }

            case ResultKind.SetKeyspace:
                return Response.Result(kind, reader.ReadString(), RowsResult.Empty, details);
            case ResultKind.Prepared:
                return Response.Result(kind, PreparedResult.Read(ref reader, version), RowsResult.Empty, details);
            case ResultKind.SchemaChange:
                return Response.Result(kind, SchemaChange.Read(ref reader), RowsResult.Empty, details);
            default:
                throw new ProtocolException($"Unknown RESULT kind 0x{(int)kind:X4} (spec §4.2.5).");
        }
    }
}
