namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// The .NET shapes <see cref="Row.Get{T}(int)"/> reads a CQL type as: its natural type first, then the alternates
/// docs/types.md lists ("also readable as"). Error messages about reading name these, never the shapes only binding
/// accepts.
/// </summary>
internal static class ReadShapes
{
    public static string Describe(CqlType type, IObjectCodec natural)
    {
        string naturalName = type.Code == CqlTypeCode.Tuple ? "object?[]" : TypeNames.Of(natural.ValueType);
        string[] alternates = Alternates(type);
        return alternates.Length == 0
            ? naturalName + (type.Code == CqlTypeCode.Tuple ? " (components in order; Row.Get does not build ValueTuples, generated repositories do)" : string.Empty)
            : naturalName + ", or " + string.Join(", ", alternates);
    }

    private static string[] Alternates(CqlType type)
    {
        switch (type.Code)
        {
            case CqlTypeCode.Timestamp:
                return ["DateTime (UTC)", "long (ms since the epoch)"];
            case CqlTypeCode.Time:
                return ["long (ns since midnight)"];
            case CqlTypeCode.Blob or CqlTypeCode.Custom:
                return ["ReadOnlyMemory<byte>"];
            case CqlTypeCode.List:
                {
                    string e = Element(type, 0);
                    return [$"{e}[]", $"IReadOnlyList<{e}>", $"IList<{e}>", $"ICollection<{e}>", $"IReadOnlyCollection<{e}>", $"IEnumerable<{e}>"];
                }

            case CqlTypeCode.Set:
                {
                    string e = Element(type, 0);
                    return [$"{e}[]", $"List<{e}>", $"ISet<{e}>", $"IReadOnlySet<{e}>", $"IReadOnlyCollection<{e}>", $"IEnumerable<{e}>"];
                }

            case CqlTypeCode.Map:
                {
                    string k = Element(type, 0);
                    string v = Element(type, 1);
                    return [$"IReadOnlyDictionary<{k}, {v}>", $"IDictionary<{k}, {v}>"];
                }

            case CqlTypeCode.Udt:
                return ["IReadOnlyDictionary<string, object?>"];
            default:
                return [];
        }
    }

    private static string Element(CqlType type, int index) => TypeNames.Of(CodecResolver.Natural(type.Arguments[index]).ValueType);
}
