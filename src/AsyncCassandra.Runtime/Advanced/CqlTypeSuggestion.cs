namespace AsyncCassandra.Advanced;

/// <summary>The natural .NET type for a CQL type, for the errors of generated readers and binders ("declare it as long").</summary>
internal static class CqlTypeSuggestion
{
    public static string For(CqlType type) => type.Code switch
    {
        CqlTypeCode.Custom when type.Dimensions > 0 && type.Arguments[0].Code == CqlTypeCode.Float => $"float[] or ReadOnlyMemory<float> of {type.Dimensions} elements",
        CqlTypeCode.Custom when type.Dimensions > 0 => $"{Plain(type.Arguments[0])}[] of {type.Dimensions} elements",
        CqlTypeCode.Ascii or CqlTypeCode.Varchar => "string (or an enum, written by member name)",
        CqlTypeCode.Bigint or CqlTypeCode.Counter => "long",
        CqlTypeCode.Blob or CqlTypeCode.Custom => "byte[]",
        CqlTypeCode.Boolean => "bool",
        CqlTypeCode.Date => "DateOnly",
        CqlTypeCode.Decimal => "decimal",
        CqlTypeCode.Double => "double",
        CqlTypeCode.Duration => "CqlDuration",
        CqlTypeCode.Float => "float",
        CqlTypeCode.Inet => "IPAddress",
        CqlTypeCode.Int => "int (or an enum whose underlying type is int)",
        CqlTypeCode.Smallint => "short",
        CqlTypeCode.Time => "TimeOnly",
        CqlTypeCode.Timestamp => "DateTimeOffset",
        CqlTypeCode.Timeuuid or CqlTypeCode.Uuid => "Guid",
        CqlTypeCode.Tinyint => "sbyte",
        CqlTypeCode.Varint => "BigInteger",
        CqlTypeCode.List => $"List<{Element(type, 0)}>",
        CqlTypeCode.Set => $"HashSet<{Element(type, 0)}>",
        CqlTypeCode.Map => $"Dictionary<{Element(type, 0)}, {Element(type, 1)}>",
        CqlTypeCode.Tuple => "(" + string.Join(", ", type.Arguments.Select(Plain)) + ")",
        CqlTypeCode.Udt => $"a record or class whose members match the fields of {type.Name}",
        _ => "a type that holds " + type,
    };

    private static string Element(CqlType type, int index) => index < type.Arguments.Count ? Plain(type.Arguments[index]) : "T";

    // Nested suggestions without their notes.
    private static string Plain(CqlType type)
    {
        string suggestion = For(type);
        int note = suggestion.IndexOf(" (", StringComparison.Ordinal);
        return note > 0 && type.Code is not CqlTypeCode.Tuple ? suggestion[..note] : suggestion;
    }
}
