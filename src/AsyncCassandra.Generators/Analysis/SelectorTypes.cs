using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Analysis;

/// <summary>The CQL types selected expressions have whatever the schema: count() is a bigint, ttl() an int...</summary>
internal static class SelectorTypes
{
    /// <summary>The type of a function selector Cassandra defines, or of a cast; null when only the schema (or nothing) tells.</summary>
    public static CqlTypeRef? Known(CqlSelector selector)
    {
        if (selector.Kind == CqlSelectorKind.Cast)
        {
            return selector.CastType;
        }

        if (selector.Kind != CqlSelectorKind.Function)
        {
            return null;
        }

        var function = selector.Function ?? string.Empty;
        if (function.StartsWith("system.", StringComparison.Ordinal))
        {
            function = function.Substring("system.".Length);
        }

        // writetime() and ttl() of an element or field (Cassandra 5.0) read cells of a collection: no single type.
        if (function is "writetime" or "maxwritetime" or "ttl" && (selector.ResultName.IndexOf('[') >= 0 || selector.ResultName.IndexOf('.') >= 0))
        {
            return null;
        }

        return function switch
        {
            "count" or "writetime" or "maxwritetime" or "tounixtimestamp" or "unixtimestampof" => CqlTypeRef.Native("bigint"),
            "ttl" => CqlTypeRef.Native("int"),
            "now" or "currenttimeuuid" => CqlTypeRef.Native("timeuuid"),
            "uuid" => CqlTypeRef.Native("uuid"),
            "totimestamp" or "dateof" or "currenttimestamp" => CqlTypeRef.Native("timestamp"),
            "todate" or "currentdate" => CqlTypeRef.Native("date"),
            "currenttime" => CqlTypeRef.Native("time"),
            _ => null,
        };
    }
}
