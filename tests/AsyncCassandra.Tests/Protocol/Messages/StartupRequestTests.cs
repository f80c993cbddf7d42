using System.Buffers.Binary;
using System.Text;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>The connection setup requests: STARTUP §4.1.1, AUTH_RESPONSE §4.1.2, OPTIONS §4.1.3, REGISTER §4.1.8.</summary>
public class StartupRequestTests
{
    /// <summary>An independent [string map] parser (§3): [short] n, then n pairs of [string].</summary>
    private static List<KeyValuePair<string, string>> ParseStringMap(byte[] body)
    {
        int offset = 0;
        string ReadString()
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(offset));
            string s = Encoding.UTF8.GetString(body, offset + 2, length);
            offset += 2 + length;
            return s;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(body);
        offset = 2;
        var pairs = new List<KeyValuePair<string, string>>();
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            pairs.Add(new(key, ReadString()));
        }

        Assert.Equal(body.Length, offset); // nothing after the map
        return pairs;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Spec_4_1_1_STARTUP_is_a_string_map_that_starts_with_CQL_VERSION_3_0_0(byte version)
    {
        byte[] body = Wire.RequestBody(new StartupRequest(null), version);
        // "CQL_VERSION" -> "3.0.0" as the first pair, exact bytes
        Assert.Equal(Hex.Bytes("000B 43514C5F56455253494F4E 0005 332E302E30"), body.AsSpan(2, 2 + 11 + 2 + 5).ToArray());
        List<KeyValuePair<string, string>> map = ParseStringMap(body);
        Assert.Equal("3.0.0", Assert.Single(map, p => p.Key == "CQL_VERSION").Value);
        Assert.DoesNotContain(map, p => p.Key == "COMPRESSION"); // optional: absent means no compression
        Assert.Equal(map.Count, map.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public void Spec_4_1_1_STARTUP_names_the_compression_when_one_is_used()
    {
        List<KeyValuePair<string, string>> map = ParseStringMap(Wire.RequestBody(new StartupRequest("lz4"), 4));
        Assert.Equal("lz4", Assert.Single(map, p => p.Key == "COMPRESSION").Value);
        Assert.Equal("3.0.0", Assert.Single(map, p => p.Key == "CQL_VERSION").Value);
    }

    [Fact]
    public void Spec_4_1_1_STARTUP_opcode_is_0x01()
    {
        Assert.Equal(0x01, (byte)new StartupRequest(null).Opcode);
    }

    [Fact]
    public void Spec_4_1_3_OPTIONS_has_an_empty_body()
    {
        Assert.Empty(Wire.RequestBody(OptionsRequest.Instance, 4));
        Assert.Equal(0x05, (byte)OptionsRequest.Instance.Opcode);
    }

    [Fact]
    public void Spec_4_1_2_AUTH_RESPONSE_is_a_bytes_token()
    {
        // PLAIN SASL token: \0 user \0 pass
        var request = new AuthResponseRequest(Hex.Bytes("00 75 00 70"));
        Assert.Equal(Hex.Bytes("00000004 00750070"), Wire.RequestBody(request, 4));
        Assert.Equal(0x0F, (byte)request.Opcode);
    }

    [Fact]
    public void Spec_4_1_8_REGISTER_is_a_string_list_of_event_types()
    {
        var request = new RegisterRequest(["TOPOLOGY_CHANGE", "STATUS_CHANGE", "SCHEMA_CHANGE"]);
        byte[] expected = Hex.Bytes(
            "0003" +
            "000F 544F504F4C4F47595F4348414E4745" +
            "000D 5354415455535F4348414E4745" +
            "000D 534348454D415F4348414E4745");
        Assert.Equal(expected, Wire.RequestBody(request, 4));
        Assert.Equal(0x0B, (byte)request.Opcode);
    }
}
