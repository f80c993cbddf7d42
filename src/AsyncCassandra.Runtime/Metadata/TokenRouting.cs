using AsyncCassandra.Cluster.Routing;

namespace AsyncCassandra.Metadata;

/// <summary>Places a statement's <see cref="Statement.RoutingToken"/> on the internal ring.</summary>
internal static class TokenRouting
{
    public static UInt128 ToRing(Partitioner partitioner, Token token)
    {
        TokenPartitioner pub = partitioner is RandomPartitioner ? TokenPartitioner.Random : TokenPartitioner.Murmur3;
        // A token outside the partitioner's range routes nowhere in particular rather than failing the request.
        return token < pub.MinToken || token > pub.MaxToken ? UInt128.Zero : pub.ToRing(token);
    }
}
