using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Connections;

/// <summary>
/// Turns an ERROR response into the typed exception of its code (v3/v4 §9, v5 §8), naming the node. The text restates
/// what the server said; advice that depends on the user's settings is added by the layer that knows them (the
/// handshake for credentials, the request pipeline for timeouts and retries).
/// </summary>
internal static class ServerErrors
{
    public static CassandraException ToException(ErrorResponse error, string host)
    {
        int code = error.Code;
        string message = error.Message;
        return code switch
        {
            ErrorResponse.ServerError => new ServerErrorException($"Server error on {host}: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.ProtocolError => new ProtocolException($"{host} reported a protocol error: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.BadCredentials => new AuthenticationException($"{host} rejected the credentials: {message}.") { ErrorCode = code, Host = host },
            ErrorResponse.Unavailable => new UnavailableException(
                $"Not enough replicas for consistency {error.Consistency}: {error.Required} required, {error.Received} alive ({host}: {message}).",
                error.Consistency, error.Required, error.Received) { ErrorCode = code, Host = host },
            ErrorResponse.Overloaded => new OverloadedException($"{host} is overloaded: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.IsBootstrapping => new IsBootstrappingException($"{host} is bootstrapping: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.TruncateError => new TruncateException($"Truncate failed on {host}: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.WriteTimeout => new WriteTimeoutException(
                $"Write timed out on the server at consistency {error.Consistency}: {error.Received} of {error.Required} replicas acknowledged ({error.WriteType} write; {host}: {message}).",
                error.Consistency, error.Received, error.Required, error.WriteType!) { ErrorCode = code, Host = host },
            ErrorResponse.ReadTimeout => new ReadTimeoutException(
                $"Read timed out on the server at consistency {error.Consistency}: {error.Received} of {error.Required} replicas answered, data {(error.DataPresent ? "present" : "missing")} ({host}: {message}).",
                error.Consistency, error.Received, error.Required, error.DataPresent) { ErrorCode = code, Host = host },
            ErrorResponse.ReadFailure => new ReadFailureException(
                $"Read failed on {error.Failures} replica(s){Reasons(error)} at consistency {error.Consistency}: {error.Received} of {error.Required} answered, data {(error.DataPresent ? "present" : "missing")} ({host}: {message}).",
                error.Consistency, error.Received, error.Required, error.Failures, error.Reasons, error.DataPresent) { ErrorCode = code, Host = host },
            ErrorResponse.WriteFailure => new WriteFailureException(
                $"Write failed on {error.Failures} replica(s){Reasons(error)} at consistency {error.Consistency}: {error.Received} of {error.Required} acknowledged ({error.WriteType} write; {host}: {message}).",
                error.Consistency, error.Received, error.Required, error.Failures, error.Reasons, error.WriteType!) { ErrorCode = code, Host = host },
            ErrorResponse.FunctionFailure => new FunctionFailureException(
                $"Function {error.Keyspace}.{error.Name}({string.Join(", ", error.ArgumentTypes ?? [])}) failed on {host}: {message}", error.Keyspace!, error.Name!, error.ArgumentTypes ?? []) { ErrorCode = code, Host = host },
            ErrorResponse.CdcWriteFailure => new CdcWriteFailureException($"CDC write failed on {host}: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.CasWriteUnknown => new CasWriteUnknownException(
                $"Lightweight transaction outcome unknown at consistency {error.Consistency}: {error.Received} of {error.Required} ({host}: {message}).") { ErrorCode = code, Host = host },
            ErrorResponse.SyntaxError => new SyntaxErrorException($"CQL syntax error: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.Unauthorized => new UnauthorizedException($"Unauthorized: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.Invalid => new InvalidQueryException($"Invalid query: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.ConfigError => new InvalidConfigurationInQueryException($"Configuration error: {message}") { ErrorCode = code, Host = host },
            ErrorResponse.AlreadyExists => new AlreadyExistsException($"Already exists: {message}", error.Keyspace!, error.Name!) { ErrorCode = code, Host = host },
            ErrorResponse.Unprepared => new UnpreparedException($"{host} does not know prepared statement {Convert.ToHexString(error.PreparedId!)}: {message}", error.PreparedId!) { ErrorCode = code, Host = host },
            _ => new CassandraException($"{host} returned error 0x{code:X4}: {message}") { ErrorCode = code, Host = host },
        };
    }

    /// <summary>The v5 reason map, as " (10.0.0.1: 0x0001, ...)"; nothing before v5.</summary>
    private static string Reasons(ErrorResponse error) =>
        error.Reasons is { Count: > 0 } reasons
            ? " (" + string.Join(", ", reasons.Select(r => $"{r.Key}: 0x{r.Value:X4}")) + ")"
            : string.Empty;
}
