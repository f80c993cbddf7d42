namespace AsyncCassandra.Protocol.Messages;

/// <summary>
/// A decoded response: which message it is (<see cref="Opcode"/>, and for RESULT its <see cref="ResultKind"/>) and that
/// message, through typed accessors. A Rows result is held inline (no allocation beyond its own arrays); an ERROR is
/// data (<see cref="ErrorResponse"/>): the layer that knows the request turns it into an exception.
/// </summary>
internal readonly struct Response
{
    private readonly object? _message;

    private Response(Opcode opcode, ResultKind resultKind, object? message, RowsResult rows, ResponseDetails? details)
    {
        Opcode = opcode;
        ResultKind = resultKind;
        _message = message;
        Rows = rows;
        Details = details;
    }

    public Opcode Opcode { get; }

    /// <summary>The kind of a RESULT; 0 for other opcodes.</summary>
    public ResultKind ResultKind { get; }

    /// <summary>The rows of a Rows result; <see cref="RowsResult.Empty"/> for every other response.</summary>
    public RowsResult Rows { get; }

    /// <summary>Tracing id, warnings and a v5 new result metadata id, when present.</summary>
    public ResponseDetails? Details { get; }

    public bool IsError => Opcode == Opcode.Error;

    public ErrorResponse Error => As<ErrorResponse>(Opcode.Error);

    public PreparedResult Prepared => As<PreparedResult>(Opcode.Result, ResultKind.Prepared);

    public SchemaChange SchemaChange => As<SchemaChange>(Opcode.Result, ResultKind.SchemaChange);

    /// <summary>The keyspace of a Set_keyspace result.</summary>
    public string Keyspace => As<string>(Opcode.Result, ResultKind.SetKeyspace);

    public AuthenticateResponse Authenticate => As<AuthenticateResponse>(Opcode.Authenticate);

    public AuthChallengeResponse AuthChallenge => As<AuthChallengeResponse>(Opcode.AuthChallenge);

    public AuthSuccessResponse AuthSuccess => As<AuthSuccessResponse>(Opcode.AuthSuccess);

    public SupportedResponse Supported => As<SupportedResponse>(Opcode.Supported);

    public EventResponse Event => As<EventResponse>(Opcode.Event);

    /// <summary>What the response is, for errors: "RESULT Rows", "READY", "ERROR 0x2200".</summary>
    public string Describe() => Opcode switch
    {
        Opcode.Result => $"RESULT {ResultKind}",
        Opcode.Error => $"ERROR 0x{Error.Code:X4}",
        _ => Opcode.ToString().ToUpperInvariant(),
    };

    public static Response Message(Opcode opcode, object message, ResponseDetails? details) =>
        new(opcode, 0, message, RowsResult.Empty, details);

    public static Response Result(ResultKind kind, object? message, RowsResult rows, ResponseDetails? details) =>
        new(Opcode.Result, kind, message, rows, details);

    private T As<T>(Opcode opcode, ResultKind kind = 0)
        where T : class =>
        Opcode == opcode && ResultKind == kind && _message is T message
            ? message
            : throw new InvalidOperationException($"The response is {Describe()}, not {opcode}{(kind == 0 ? string.Empty : " " + kind)}.");
}
