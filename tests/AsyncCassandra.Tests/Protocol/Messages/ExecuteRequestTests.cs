using AsyncCassandra.Execution;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol.Messages;

/// <summary>EXECUTE: v3/v4 §4.1.6 &lt;id&gt;&lt;query_parameters&gt;; v5 §4.1.6 adds &lt;result_metadata_id&gt; after the id.</summary>
public class ExecuteRequestTests
{
    private static readonly byte[] Id = Hex.Bytes("010203");

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Spec_v4_4_1_6_prepared_id_is_short_bytes_then_query_parameters(byte version)
    {
        var request = new ExecuteRequest(Id, Hex.Bytes("AA"), new QueryParameters { Consistency = ConsistencyLevel.Quorum });
        // no result metadata id before v5, even when one is known
        Assert.Equal(Hex.Bytes("0003 010203  0004 00"), Wire.RequestBody(request, version));
    }

    [Fact]
    public void Spec_v5_4_1_6_result_metadata_id_follows_the_prepared_id()
    {
        var request = new ExecuteRequest(Id, Hex.Bytes("AABB"), new QueryParameters { Consistency = ConsistencyLevel.Quorum });
        Assert.Equal(Hex.Bytes("0003 010203  0002 AABB  0004 00000000"), Wire.RequestBody(request, 5));
    }

    [Fact]
    public void Spec_v5_4_1_6_missing_result_metadata_id_is_sent_empty()
    {
        var request = new ExecuteRequest(Id, null, new QueryParameters { Consistency = ConsistencyLevel.One });
        Assert.Equal(Hex.Bytes("0003 010203  0000  0001 00000000"), Wire.RequestBody(request, 5));
    }

    [Fact]
    public void Spec_v4_4_1_6_values_skip_metadata_and_paging()
    {
        var parameters = new QueryParameters
        {
            Consistency = ConsistencyLevel.LocalOne,
            Values = new ObjectValues([5], null),
            SkipMetadata = true,
            PageSize = 10,
            PagingState = Hex.Bytes("FF"),
        };
        var request = new ExecuteRequest(Id, null, parameters);
        // flags 0x01 | 0x02 | 0x04 | 0x08 = 0x0F
        Assert.Equal(Hex.Bytes("0003 010203  000A 0F  0001 00000004 00000005  0000000A  00000001 FF"), Wire.RequestBody(request, 4));
    }

    private static PreparedStatement Prepared(ColumnDefinitions? resultColumns) =>
        new(
            "SELECT v FROM ks.t WHERE k = ?",
            "ks",
            new PreparedState(
                Id,
                Hex.Bytes("CC"),
                new ColumnDefinitions([new ColumnDefinition(0, "ks", "t", "k", CqlType.Int)]),
                resultColumns,
                [0]));

    [Fact]
    public void Spec_v5_4_1_6_bound_statement_encodes_values_in_the_marker_type_and_skips_known_metadata()
    {
        var resultColumns = new ColumnDefinitions([new ColumnDefinition(0, "ks", "t", "v", CqlType.Text)]);
        BoundStatement bound = Prepared(resultColumns).Bind(9L); // a long bound to an int marker is sent as an int
        IRequest request = new StatementRequest(bound, new RequestDefaults(ConsistencyLevel.One, null, 0), skipMetadata: true);
        Assert.Equal(AsyncCassandra.Protocol.Opcode.Execute, request.Opcode);
        // flags: values 0x01 | skip metadata 0x02 = 0x03 (metadata known from PREPARE)
        Assert.Equal(Hex.Bytes("0003 010203  0001 CC  0001 00000003  0001 00000004 00000009"), Wire.RequestBody(request, 5));
    }

    [Fact]
    public void Spec_v4_4_1_6_bound_statement_without_known_result_columns_asks_for_metadata()
    {
        BoundStatement bound = Prepared(null).Bind(Unset.Value);
        IRequest request = new StatementRequest(bound, new RequestDefaults(ConsistencyLevel.One, null, 0));
        Assert.Equal(Hex.Bytes("0003 010203  0001 01  0001 FFFFFFFE"), Wire.RequestBody(request, 4));
    }

    [Fact]
    public void Binding_the_wrong_number_of_values_is_an_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Prepared(null).Bind(1, 2));
    }
}
