using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Cluster.Routing;

/// <summary>
/// The partition a statement works on, for token-aware routing: a bound statement that binds its whole partition key
/// (the prepared statement says which markers do), or a batch by its first such child. Unprepared statements, and
/// statements whose key is unbound or null, have no known partition.
/// </summary>
internal static class StatementRouting
{
    public static bool TryGetToken(Statement statement, Partitioner partitioner, byte version, out string keyspace, out UInt128 token)
    {
        if (statement.RoutingToken is { } routing && statement.RoutingKeyspace is { } routingKeyspace)
        {
            // Set by the caller (a token-range scan): a replica of that token, whatever the values.
            keyspace = routingKeyspace;
            token = ToRing(partitioner, routing);
            return true;
        }

        switch (statement)
        {
            case BoundStatement bound:
                return TryGetToken(bound, partitioner, version, out keyspace, out token);
            case BatchStatement batch:
                foreach (Statement child in batch.Statements)
                {
                    if (child is BoundStatement boundChild && TryGetToken(boundChild, partitioner, version, out keyspace, out token))
                    {
                        return true;
                    }
                }

                break;
        }

        keyspace = string.Empty;
        token = default;
        return false;
    }

    private static bool TryGetToken(BoundStatement bound, Partitioner partitioner, byte version, out string keyspace, out UInt128 token)
    {
        PreparedState state = bound.PreparedStatement.State;
        IReadOnlyList<int> indexes = state.PartitionKeyIndexes;
        keyspace = string.Empty;
        token = default;
        if (indexes.Count == 0 || indexes[0] >= state.Variables.Count)
        {
            return false;
        }

        keyspace = state.Variables[indexes[0]].Keyspace;
        UInt128? computed = bound.ValueWriter switch
        {
            EncodedValues encoded => RoutingKey.Token(partitioner, encoded.Bytes, encoded.Count, indexes),
            IIndexedValueWriter values => TokenOfObjects(values, partitioner, version, indexes),
            _ => null,
        };
        token = computed.GetValueOrDefault();
        return computed.HasValue;
    }

    /// <summary>A public <see cref="Metadata.Token"/> on the internal ring; one outside the partitioner's range routes nowhere in particular rather than failing.</summary>
    private static UInt128 ToRing(Partitioner partitioner, Metadata.Token token)
    {
        Metadata.TokenPartitioner pub = partitioner is RandomPartitioner ? Metadata.TokenPartitioner.Random : Metadata.TokenPartitioner.Murmur3;
        return token < pub.MinToken || token > pub.MaxToken ? UInt128.Zero : pub.ToRing(token);
    }

    /// <summary>Encodes only the key's values (the request encodes all of them again when it is written).</summary>
    private static UInt128? TokenOfObjects(IIndexedValueWriter values, Partitioner partitioner, byte version, IReadOnlyList<int> indexes)
    {
        CqlWriter key = CqlWriter.Rent();
        try
        {
            for (int i = 0; i < indexes.Count; i++)
            {
                values.WriteValue(indexes[i], key, version);
            }

            return RoutingKey.Token(partitioner, key.WrittenSpan, indexes.Count, RoutingKey.Sequence(indexes.Count));
        }
        catch (Exception ex) when (ex is InvalidCastException or ArgumentException or OverflowException)
        {
            // The request reports the bad value when it is written; routing just does without it.
            return null;
        }
        finally
        {
            key.Dispose();
        }
    }
}
