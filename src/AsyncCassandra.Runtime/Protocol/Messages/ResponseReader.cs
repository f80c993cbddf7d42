using System.Buffers;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>A decoded RESULT of kind Set_keyspace (spec §4.2.5.3).</summary>
internal sealed record SetKeyspaceResult(string Keyspace);

/// <summary>A decoded AUTHENTICATE (spec §4.2.3): the server's authenticator class.</summary>
internal sealed record AuthenticateResult(string Authenticator);

/// <summary>A decoded AUTH_CHALLENGE (§4.2.7) or AUTH_SUCCESS (§4.2.8): the [bytes] token.</summary>
internal sealed record AuthTokenResult(bool IsSuccess, byte[]? Token);

/// <summary>A decoded SUPPORTED (spec §4.2.4): a [string multimap] of options.</summary>
internal sealed record SupportedResult(IReadOnlyDictionary<string, List<string>> Options);

/// <summary>READY (spec §4.2.2): an empty body.</summary>
internal sealed class ReadyResult
{
    public static readonly ReadyResult Instance = new();
}

/// <summary>
/// Decodes a response body (after LZ4 decompression, if any): the v4+ tracing id, warnings and custom payload that
/// the header flags announce (spec §2.2), then the message of the opcode. ERROR becomes a thrown
/// <see cref="CassandraException"/>.
/// </summary>
internal static class ResponseReader
{
    /// <summary>Rows results up to this size are copied out of their pooled receive buffer.</summary>
    private const int SmallBody = 4096;

    /// <summary>
    /// Decodes the frame. A Rows result keeps the frame's buffer (a small one keeps an exact copy instead, unless
    /// <paramref name="keepPooledBuffer"/>: its consumer calls <see cref="RowSet.Recycle"/>); every other kind returns
    /// the buffer to the pool.
    /// </summary>
    public static object Read(in ResponseFrame frame, byte version, string host, ColumnDefinitions? knownResultColumns, bool keepPooledBuffer = false)
    {
        bool keepsBuffer = false;
        try
        {
            var reader = new CqlReader(frame.Body);
            HeaderFlags flags = frame.Header.Flags;
            // Spec §2.2: any response to a traced request starts with the [uuid] tracing id, whatever its opcode.
            Guid? tracingId = (flags & HeaderFlags.Tracing) != 0 ? reader.ReadUuid() : null;
            // (A bare [] here would be target-typed to List<string>: a new empty list per response.)
            IReadOnlyList<string> warnings = (flags & HeaderFlags.Warning) != 0 ? reader.ReadStringList() : Array.Empty<string>();
            if ((flags & HeaderFlags.CustomPayload) != 0)
            {
                reader.ReadBytesMap();
            }

            switch (frame.Header.Opcode)
            {
                case Opcode.Error:
                    throw ErrorResponse.Read(ref reader, version, host);
                case Opcode.Ready:
                    return ReadyResult.Instance;
                case Opcode.Authenticate:
                    return new AuthenticateResult(reader.ReadString());
                case Opcode.AuthChallenge:
                    return new AuthTokenResult(false, reader.ReadBytes());
                case Opcode.AuthSuccess:
                    return new AuthTokenResult(true, reader.ReadBytes());
                case Opcode.Supported:
                    return new SupportedResult(reader.ReadStringMultimap());
                case Opcode.Event:
                    return EventResponse.Read(ref reader);
                case Opcode.Result:
                    var kind = (ResultKind)reader.ReadInt();
                    switch (kind)
                    {
                        case ResultKind.Void:
                            return RowSet.Empty(tracingId, warnings);
                        case ResultKind.Rows:
                            {
                                RowsMetadata metadata = RowsMetadata.Read(ref reader);
                                byte[] buffer = frame.Buffer;
                                if (frame.Length <= SmallBody && !keepPooledBuffer)
                                {
                                    // A small result keeps an exact copy: the pooled array it came in goes back to
                                    // the pool instead of being held (and lost to it) by a RowSet.
                                    buffer = frame.Body.ToArray();
                                }

                                bool pooled = ReferenceEquals(buffer, frame.Buffer);
                                RowSet rows = RowSet.Read(ref reader, buffer, pooled, 0, metadata, knownResultColumns, tracingId, warnings, keepPooledBuffer);
                                keepsBuffer = rows.Count > 0 && pooled;
                                return rows;
                            }

                        case ResultKind.SetKeyspace:
                            return new SetKeyspaceResult(reader.ReadString());
                        case ResultKind.Prepared:
                            return PreparedResult.Read(ref reader, version);
                        case ResultKind.SchemaChange:
                            return SchemaChange.Read(ref reader);
                        default:
                            throw new ProtocolException($"Unknown RESULT kind 0x{(int)kind:X4} from {host} (spec §4.2.5).");
                    }

                default:
                    throw new ProtocolException($"Unexpected opcode 0x{(byte)frame.Header.Opcode:X2} in a response from {host}.");
            }
        }
        finally
        {
            if (!keepsBuffer)
            {
                frame.Release();
            }
        }
    }
}
