using AsyncCassandra.Protocol;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>ERROR bodies (§4.2.1: [int] code, [string] message, then code-specific fields): v3/v4 §9, v5 §8.</summary>
public class ErrorResponseTests
{
    private const string ServerText = "server says: nope";

    /// <summary>Decodes an ERROR body and checks that every byte was consumed (the field layout matched).</summary>
    private static CassandraException Read(Body body, byte version = 4)
    {
        byte[] bytes = body.ToArray();
        var reader = new CqlReader(bytes);
        ErrorResponse error = ErrorResponse.Read(ref reader, version);
        Assert.Equal(0, reader.Remaining);
        return ServerErrors.ToException(error, Wire.Host);
    }

    private static Body Error(int code) => new Body().Int(code).String(ServerText);

    private static TException Expect<TException>(CassandraException ex, int code)
        where TException : CassandraException
    {
        var typed = Assert.IsType<TException>(ex);
        Assert.Equal(code, typed.ErrorCode);
        Assert.Equal(Wire.Host, typed.Host);
        Assert.Contains(ServerText, typed.Message, StringComparison.Ordinal);
        return typed;
    }

    [Fact]
    public void Spec_9_0x0000_server_error()
    {
        Expect<ServerErrorException>(Read(Error(0x0000)), 0x0000);
    }

    [Fact]
    public void Spec_9_0x000A_protocol_error()
    {
        Expect<ProtocolException>(Read(Error(0x000A)), 0x000A);
    }

    [Fact]
    public void Spec_9_0x0100_authentication_error()
    {
        Expect<AuthenticationException>(Read(Error(0x0100)), 0x0100);
    }

    [Fact]
    public void Spec_9_0x1000_unavailable_has_cl_required_alive()
    {
        var ex = Expect<UnavailableException>(Read(Error(0x1000).Short(0x0004).Int(3).Int(1)), 0x1000);
        Assert.Equal(ConsistencyLevel.Quorum, ex.Consistency);
        Assert.Equal(3, ex.Required);
        Assert.Equal(1, ex.Alive);
    }

    [Fact]
    public void Spec_9_0x1001_overloaded()
    {
        Expect<OverloadedException>(Read(Error(0x1001)), 0x1001);
    }

    [Fact]
    public void Spec_9_0x1002_is_bootstrapping()
    {
        Expect<IsBootstrappingException>(Read(Error(0x1002)), 0x1002);
    }

    [Fact]
    public void Spec_9_0x1003_truncate_error()
    {
        Expect<TruncateException>(Read(Error(0x1003)), 0x1003);
    }

    [Theory]
    [InlineData(3, "SIMPLE")]
    [InlineData(4, "BATCH_LOG")]
    [InlineData(4, "CAS")] // v4 has no <contentions>
    [InlineData(5, "UNLOGGED_BATCH")] // v5 <contentions> only for CAS
    public void Spec_9_0x1100_write_timeout_has_cl_received_blockfor_write_type(byte version, string writeType)
    {
        var ex = Expect<WriteTimeoutException>(Read(Error(0x1100).Short(0x0006).Int(1).Int(2).String(writeType), version), 0x1100);
        Assert.Equal(ConsistencyLevel.LocalQuorum, ex.Consistency);
        Assert.Equal(1, ex.Received);
        Assert.Equal(2, ex.BlockFor);
        Assert.Equal(writeType, ex.WriteType);
    }

    [Fact]
    public void Spec_v5_8_0x1100_write_timeout_of_CAS_carries_a_short_contentions()
    {
        var ex = Expect<WriteTimeoutException>(Read(Error(0x1100).Short(0x0008).Int(0).Int(1).String("CAS").Short(3), 5), 0x1100);
        Assert.Equal(ConsistencyLevel.Serial, ex.Consistency);
        Assert.Equal("CAS", ex.WriteType);
    }

    [Theory]
    [InlineData(0x00, false)]
    [InlineData(0x01, true)]
    [InlineData(0x7F, true)] // any non-zero byte: data present
    public void Spec_9_0x1200_read_timeout_has_cl_received_blockfor_data_present(byte dataPresent, bool expected)
    {
        var ex = Expect<ReadTimeoutException>(Read(Error(0x1200).Short(0x0001).Int(2).Int(3).Byte(dataPresent)), 0x1200);
        Assert.Equal(ConsistencyLevel.One, ex.Consistency);
        Assert.Equal(2, ex.Received);
        Assert.Equal(3, ex.BlockFor);
        Assert.Equal(expected, ex.DataPresent);
    }

    [Fact]
    public void Spec_v4_9_0x1300_read_failure_has_int_numfailures_then_data_present()
    {
        var ex = Expect<ReadFailureException>(Read(Error(0x1300).Short(0x0004).Int(1).Int(2).Int(1).Byte(0)), 0x1300);
        Assert.IsAssignableFrom<RequestFailureException>(ex);
        Assert.False(ex.DataPresent);
        Assert.Empty(ex.Reasons); // v4 has only a count
        Assert.Equal(ConsistencyLevel.Quorum, ex.Consistency);
        Assert.Equal(1, ex.Received);
        Assert.Equal(2, ex.BlockFor);
        Assert.Equal(1, ex.Failures);
    }

    [Fact]
    public void Spec_v5_8_0x1300_read_failure_has_a_reasonmap_of_inetaddr_to_short()
    {
        Body body = Error(0x1300).Short(0x0004).Int(0).Int(2)
            .Int(2) // reasonmap n
            .Hex("04 0A000001").Short(0x0000) // 10.0.0.1 -> 0x0000
            .Hex("10 20010DB8000000000000000000000001").Short(0x0001) // 2001:db8::1 -> 0x0001
            .Byte(1); // data_present
        var ex = Expect<ReadFailureException>(Read(body, 5), 0x1300);
        Assert.Equal(2, ex.Failures);
        Assert.Equal(0, ex.Received);
        Assert.Equal(2, ex.BlockFor);
        Assert.True(ex.DataPresent);
        Assert.Equal(2, ex.Reasons.Count);
        Assert.Equal(0x0000, ex.Reasons[System.Net.IPAddress.Parse("10.0.0.1")]);
        Assert.Equal(0x0001, ex.Reasons[System.Net.IPAddress.Parse("2001:db8::1")]);
        Assert.Contains("10.0.0.1: 0x0000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_v4_9_0x1500_write_failure_has_int_numfailures_then_write_type()
    {
        var ex = Expect<WriteFailureException>(Read(Error(0x1500).Short(0x0005).Int(2).Int(3).Int(1).String("SIMPLE")), 0x1500);
        Assert.Equal("SIMPLE", ex.WriteType);
        Assert.Empty(ex.Reasons);
        Assert.Equal(ConsistencyLevel.All, ex.Consistency);
        Assert.Equal(2, ex.Received);
        Assert.Equal(3, ex.BlockFor);
        Assert.Equal(1, ex.Failures);
    }

    [Fact]
    public void Spec_v5_8_0x1500_write_failure_has_a_reasonmap_then_write_type()
    {
        Body body = Error(0x1500).Short(0x0001).Int(0).Int(1)
            .Int(1).Hex("04 C0A80001").Short(0x0002)
            .String("BATCH");
        var ex = Expect<WriteFailureException>(Read(body, 5), 0x1500);
        Assert.Equal(1, ex.Failures);
        Assert.Equal(ConsistencyLevel.One, ex.Consistency);
        Assert.Equal("BATCH", ex.WriteType);
        Assert.Equal(0x0002, Assert.Single(ex.Reasons, r => r.Key.Equals(System.Net.IPAddress.Parse("192.168.0.1"))).Value);
    }

    [Fact]
    public void Spec_9_0x1400_function_failure_has_keyspace_function_and_arg_types()
    {
        var ex = Expect<FunctionFailureException>(Read(Error(0x1400).String("ks").String("fn").StringList("int", "text")), 0x1400);
        Assert.Contains("ks.fn(int, text)", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Consistency);
        Assert.Equal("ks", ex.Keyspace);
        Assert.Equal("fn", ex.Function);
        Assert.Equal(["int", "text"], ex.ArgumentTypes);
        Assert.IsAssignableFrom<RequestFailureException>(ex);
    }

    [Fact]
    public void Spec_v5_8_0x1400_function_failure_has_the_same_fields_as_v4()
    {
        var ex = Expect<FunctionFailureException>(Read(Error(0x1400).String("analytics").String("ratio").StringList("bigint", "bigint"), 5), 0x1400);
        Assert.Equal("analytics", ex.Keyspace);
        Assert.Equal("ratio", ex.Function);
        Assert.Equal(["bigint", "bigint"], ex.ArgumentTypes);
    }

    [Fact]
    public void Spec_v5_8_0x1600_cdc_write_failure()
    {
        Expect<CdcWriteFailureException>(Read(Error(0x1600), 5), 0x1600);
    }

    [Fact]
    public void Spec_v5_8_0x1700_cas_write_unknown_has_cl_received_blockfor()
    {
        var ex = Expect<CasWriteUnknownException>(Read(Error(0x1700).Short(0x0009).Int(1).Int(2), 5), 0x1700);
        Assert.Contains("LocalSerial", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_9_0x2000_syntax_error()
    {
        Expect<SyntaxErrorException>(Read(Error(0x2000)), 0x2000);
    }

    [Fact]
    public void Spec_9_0x2100_unauthorized()
    {
        Expect<UnauthorizedException>(Read(Error(0x2100)), 0x2100);
    }

    [Fact]
    public void Spec_9_0x2200_invalid()
    {
        Expect<InvalidQueryException>(Read(Error(0x2200)), 0x2200);
    }

    [Fact]
    public void Spec_9_0x2300_config_error()
    {
        Expect<InvalidConfigurationInQueryException>(Read(Error(0x2300)), 0x2300);
    }

    [Fact]
    public void Spec_9_0x2400_already_exists_table()
    {
        var ex = Expect<AlreadyExistsException>(Read(Error(0x2400).String("ks").String("users")), 0x2400);
        Assert.Equal("ks", ex.Keyspace);
        Assert.Equal("users", ex.Table);
    }

    [Fact]
    public void Spec_9_0x2400_already_exists_keyspace_has_an_empty_table()
    {
        var ex = Expect<AlreadyExistsException>(Read(Error(0x2400).String("ks").String(string.Empty)), 0x2400);
        Assert.Equal(string.Empty, ex.Table);
    }

    [Fact]
    public void Spec_9_0x2500_unprepared_carries_the_short_bytes_id()
    {
        var ex = Expect<UnpreparedException>(Read(Error(0x2500).ShortBytes(Hex.Bytes("CAFE01"))), 0x2500);
        Assert.Equal(Hex.Bytes("CAFE01"), ex.PreparedId);
        Assert.Contains("CAFE01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_error_code_is_a_CassandraException_with_the_code()
    {
        var ex = Expect<CassandraException>(Read(Error(0x7777)), 0x7777);
        Assert.Contains("0x7777", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_9_error_message_is_utf8()
    {
        byte[] body = new Body().Int(0x2200).String("naïve €").ToArray();
        var reader = new CqlReader(body);
        Assert.Contains("naïve €", ErrorResponse.Read(ref reader, 4).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x1000)] // missing <cl><required><alive>
    [InlineData(0x1100)]
    [InlineData(0x1200)]
    [InlineData(0x1300)]
    [InlineData(0x1400)]
    [InlineData(0x1500)]
    [InlineData(0x2400)]
    [InlineData(0x2500)]
    public void Spec_9_error_body_cut_before_its_extra_fields_is_a_ProtocolException(int code)
    {
        byte[] body = Error(code).ToArray();
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new CqlReader(body);
            ErrorResponse.Read(ref reader, 4);
        });
    }

    [Fact]
    public void Spec_4_2_1_ERROR_frame_becomes_the_typed_exception_of_its_code()
    {
        byte[] body = Error(0x1000).Short(0x0004).Int(3).Int(1).ToArray();
        var ex = Assert.Throws<UnavailableException>(() => Wire.ReadResponse(Opcode.Error, body, 4));
        Assert.Equal(3, ex.Required);
    }

    [Fact]
    public void Spec_v4_2_2_ERROR_frame_with_warnings_has_them_stripped_first()
    {
        byte[] body = new Body().StringList("careful").Int(0x2000).String(ServerText).ToArray();
        var ex = Assert.Throws<SyntaxErrorException>(() => Wire.ReadResponse(Opcode.Error, body, 4, HeaderFlags.Warning));
        Assert.Contains(ServerText, ex.Message, StringComparison.Ordinal);
    }
}
