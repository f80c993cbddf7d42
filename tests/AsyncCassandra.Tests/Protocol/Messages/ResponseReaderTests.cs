using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>
/// Response body prefixes announced by header flags (v4 §2.2, v5 §2.4.1.2, §4 "[&lt;tracing_id&gt;][&lt;warnings&gt;][&lt;custom_payload&gt;]&lt;message&gt;")
/// and the small responses READY, AUTHENTICATE, SUPPORTED, AUTH_CHALLENGE, AUTH_SUCCESS (§4.2.2-4.2.8).
/// </summary>
public class ResponseReaderTests
{
    private const string TraceHex = "00112233445566778899AABBCCDDEEFF";
    private static readonly Guid TraceId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    [Fact]
    public void Spec_2_2_tracing_flag_puts_a_uuid_before_the_result()
    {
        byte[] body = new Body().Hex(TraceHex).Int(0x0001).ToArray();
        var rows = Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, body, 3, HeaderFlags.Tracing));
        Assert.Equal(TraceId, rows.TracingId);
        Assert.Empty(rows.Warnings);
    }

    [Fact]
    public void Spec_v4_2_2_warning_flag_puts_a_string_list_before_the_result()
    {
        byte[] body = new Body().StringList("Batch too large", "Aggregation query").Int(0x0001).ToArray();
        var rows = Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, body, 4, HeaderFlags.Warning));
        Assert.Equal(["Batch too large", "Aggregation query"], rows.Warnings);
        Assert.Null(rows.TracingId);
    }

    [Fact]
    public void Spec_v4_2_2_tracing_then_warnings_then_custom_payload_then_rows()
    {
        byte[] body = new Body()
            .Hex(TraceHex)
            .StringList("w")
            .Short(1).String("k").Bytes(Hex.Bytes("0102")) // [bytes map] custom payload
            .Int(0x0002).Int(0x0001).Int(1).String("ks").String("t").String("v").Short(0x0009)
            .Int(1).IntCell(42)
            .ToArray();
        var rows = Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, body, 4, HeaderFlags.Tracing | HeaderFlags.Warning | HeaderFlags.CustomPayload));
        Assert.Equal(TraceId, rows.TracingId);
        Assert.Equal(["w"], rows.Warnings);
        Assert.Equal(42, rows[0].Get<int>("v"));
    }

    [Fact]
    public void Spec_v5_2_4_1_2_custom_payload_alone_is_first_in_the_body()
    {
        byte[] body = new Body().Short(1).String("k").Bytes(null).Int(0x0003).String("ks").ToArray();
        Assert.Equal("ks", Assert.IsType<string>(Wire.ReadResponse(Opcode.Result, body, 5, HeaderFlags.CustomPayload)));
    }

    [Fact]
    public void Spec_2_2_an_ERROR_response_with_the_tracing_flag_starts_with_the_tracing_id()
    {
        // v3/v4 §2.2, v5 §2.4.1.2: "If a response frame has the tracing flag set, its body contains a tracing ID ...
        // the first thing in the frame body." This applies to every response opcode, including ERROR.
        byte[] body = new Body().Hex(TraceHex).Int(0x2200).String("unknown column x").ToArray();
        var ex = Assert.Throws<InvalidQueryException>(() => Wire.ReadResponse(Opcode.Error, body, 4, HeaderFlags.Tracing));
        Assert.Contains("unknown column x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_4_2_2_READY_has_an_empty_body()
    {
        Assert.Same(ReadyResponse.Instance, Wire.ReadResponse(Opcode.Ready, [], 4));
    }

    [Fact]
    public void Spec_4_2_3_AUTHENTICATE_is_the_authenticator_class_string()
    {
        byte[] body = new Body().String("org.apache.cassandra.auth.PasswordAuthenticator").ToArray();
        var result = Assert.IsType<AuthenticateResponse>(Wire.ReadResponse(Opcode.Authenticate, body, 4));
        Assert.Equal("org.apache.cassandra.auth.PasswordAuthenticator", result.Authenticator);
    }

    [Fact]
    public void Spec_4_2_4_SUPPORTED_is_a_string_multimap()
    {
        byte[] body = new Body().Short(2).String("CQL_VERSION").StringList("3.4.5").String("COMPRESSION").StringList("snappy", "lz4").ToArray();
        var result = Assert.IsType<SupportedResponse>(Wire.ReadResponse(Opcode.Supported, body, 4));
        Assert.Equal(["3.4.5"], result.Options["CQL_VERSION"]);
        Assert.Equal(["snappy", "lz4"], result.Options["COMPRESSION"]);
    }

    [Fact]
    public void Spec_4_2_7_AUTH_CHALLENGE_and_4_2_8_AUTH_SUCCESS_are_bytes_tokens()
    {
        var challenge = Assert.IsType<AuthChallengeResponse>(Wire.ReadResponse(Opcode.AuthChallenge, Hex.Bytes("00000002 ABCD"), 4));
        Assert.Equal(Hex.Bytes("ABCD"), challenge.Token);

        var success = Assert.IsType<AuthSuccessResponse>(Wire.ReadResponse(Opcode.AuthSuccess, Hex.Bytes("FFFFFFFF"), 4));
        Assert.Null(success.Token);
    }

    [Fact]
    public void A_request_opcode_in_a_response_is_a_ProtocolException()
    {
        Assert.Throws<ProtocolException>(() => Wire.ReadResponse(Opcode.Query, [], 4));
    }

    [Fact]
    public void Spec_1_extra_bytes_after_a_message_are_ignored()
    {
        byte[] body = new Body().Int(0x0003).String("ks").Hex("DEADBEEF").ToArray();
        Assert.Equal("ks", Assert.IsType<string>(Wire.ReadResponse(Opcode.Result, body, 4)));
    }
}
