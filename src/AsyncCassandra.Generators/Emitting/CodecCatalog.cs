using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Emitting;

/// <summary>
/// The codecs one generated file needs: built-in ones are used directly; composed ones without user-defined types
/// become static fields (built once); enums, tuples and user-defined types get codec classes. A value that contains
/// a user-defined type is built from the server's type description, because fields are matched by name.
/// </summary>
internal sealed class CodecCatalog(string codecsClass, IReadOnlyDictionary<string, TypeDefinition> definitions)
{
    private readonly Dictionary<string, string> _fieldByInitializer = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TupleCodec> _tuples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumCodec> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UdtCodec> _udts = new(StringComparer.Ordinal);

    public string CodecsClass => codecsClass;

    /// <summary>Static codec fields, in an order where each field's initializer uses only earlier ones.</summary>
    public List<(string Name, string Type, string Initializer)> Fields { get; } = [];

    public IEnumerable<TupleCodec> Tuples => _tuples.Values;

    public IEnumerable<EnumCodec> Enums => _enums.Values;

    public IEnumerable<UdtCodec> Udts => _udts.Values;

    public TypeDefinition? Definition(string? key) => key is not null && definitions.TryGetValue(key, out var d) ? d : null;

    /// <summary>The T of the codec used for a value (nested nullable annotations dropped, except in tuples).</summary>
    public string CodecType(ValueModel value)
    {
        switch (value.Kind)
        {
            case ValueKind.Native:
                return Names.NativeType(value.Native!);
            case ValueKind.Collection:
                var arguments = value.Arguments.Select(CodecType).ToList();
                return value.Shape switch
                {
                    CollectionShape.List => $"{Names.List}<{arguments[0]}>",
                    CollectionShape.HashSet => $"{Names.HashSet}<{arguments[0]}>",
                    CollectionShape.Dictionary => $"{Names.Dictionary}<{arguments[0]}, {arguments[1]}>",
                    CollectionShape.Array => arguments[0] + "[]",
                    _ => GenericName(value.TypeName) + "<" + string.Join(", ", arguments) + ">",
                };
            case ValueKind.Tuple:
                return "(" + string.Join(", ", value.Arguments.Select(a => CodecType(a) + (a.IsNullable ? "?" : string.Empty))) + ")";
            default:
                return value.TypeName;
        }
    }

    /// <summary>The declared type differs from the codec's only in nested nullability (or tuple names): the read needs a '!'.</summary>
    public bool NeedsSuppression(ValueModel value) => value.TypeName != CodecType(value);

    /// <summary>
    /// The codec for a value. <paramref name="type"/> is a C# expression of the value's <c>CqlType</c>, used (and
    /// required) when the value contains a user-defined type.
    /// </summary>
    public string Expression(ValueModel value, string? type)
    {
        switch (value.Kind)
        {
            case ValueKind.Native:
                return $"{Names.Codecs}.{value.Native}";
            case ValueKind.Enum when value.EnumCarrier != EnumCarrier.ServerType:
                return EnumFor(value, value.EnumCarrier == EnumCarrier.Text) + ".Instance";
            case ValueKind.Enum:
                return $"{Names.Binding}.EnumCodec({type ?? throw new InvalidOperationException("An enum without a schema needs its CQL type.")}, {EnumFor(value, asText: true)}.Instance, {EnumFor(value, asText: false)}.Instance)";
            case ValueKind.Vector when value.Dimension == 0:
                return $"{Names.MappingCodecs}.{value.Native}({type ?? throw new InvalidOperationException("A vector without a schema needs its CQL type.")})";
            case ValueKind.Collection when value.MayBeVector:
                return $"{Names.MappingCodecs}.FloatArray({type ?? throw new InvalidOperationException("A float[] without a schema needs its CQL type.")})";
        }

        if (!value.NeedsServerType)
        {
            var initializer = Build(value, null);
            if (!_fieldByInitializer.TryGetValue(initializer, out var name))
            {
                name = UniqueName(Key(value));
                _fieldByInitializer[initializer] = name;
                Fields.Add((name, $"{Names.Codec}<{CodecType(value)}>", initializer));
            }

            return codecsClass + "." + name;
        }

        return Build(value, type ?? throw new InvalidOperationException("A user-defined type needs its CQL type."));
    }

    private string Build(ValueModel value, string? type)
    {
        string Arg(int index) => Expression(value.Arguments[index], type is null ? null : $"{type}.Arguments[{index}]");
        switch (value.Kind)
        {
            case ValueKind.Collection:
                var element = CodecType(value.Arguments[0]);
                return value.Shape switch
                {
                    CollectionShape.List => $"{Names.Codecs}.List({Arg(0)})",
                    CollectionShape.HashSet => $"{Names.Codecs}.Set({Arg(0)})",
                    CollectionShape.Dictionary => $"{Names.Codecs}.Map({Arg(0)}, {Arg(1)})",
                    CollectionShape.Sequence => $"{Names.MappingCodecs}.Sequence<{CodecType(value)}, {element}>({Arg(0)}, static list => list)",
                    CollectionShape.Array => $"{Names.MappingCodecs}.Sequence<{CodecType(value)}, {element}>({Arg(0)}, static list => list.ToArray())",
                    CollectionShape.SetInterface => $"{Names.MappingCodecs}.SetOf<{CodecType(value)}, {element}>({Arg(0)}, static set => set)",
                    _ => $"{Names.MappingCodecs}.MapOf<{CodecType(value)}, {element}, {CodecType(value.Arguments[1])}>({Arg(0)}, {Arg(1)}, static map => map)",
                };
            case ValueKind.Tuple:
                var tuple = TupleFor(value);
                return $"new {tuple.Name}(" + string.Join(", ", value.Arguments.Select((_, i) => Arg(i))) + ")";
            case ValueKind.Udt:
                return $"new {UdtFor(value).Name}({type})";
            case ValueKind.Vector:
                return $"{Names.Codecs}.{value.Native}({value.Dimension})";
            default:
                throw new InvalidOperationException("No codec for " + value.TypeName);
        }
    }

    private TupleCodec TupleFor(ValueModel value)
    {
        var type = CodecType(value);
        if (!_tuples.TryGetValue(type, out var tuple))
        {
            tuple = new TupleCodec("Tuple" + _tuples.Count + "Codec", type, value);
            _tuples[type] = tuple;
        }

        return tuple;
    }

    private string EnumFor(ValueModel value, bool asText)
    {
        var key = value.TypeName + (asText ? "/text" : "/number");
        if (!_enums.TryGetValue(key, out var codec))
        {
            codec = new EnumCodec(Naming.Identifier(value.TypeName.Replace("global::", string.Empty)) + (asText ? "TextCodec" : "NumberCodec"), value.TypeName, asText, Definition(value.DefinitionKey));
            _enums[key] = codec;
        }

        return codec.Name;
    }

    private UdtCodec UdtFor(ValueModel value)
    {
        if (!_udts.TryGetValue(value.TypeName, out var codec))
        {
            codec = new UdtCodec(Naming.Identifier(value.TypeName.Replace("global::", string.Empty)) + "UdtCodec", value.TypeName, Definition(value.DefinitionKey)?.Entity);
            _udts[value.TypeName] = codec;
        }

        return codec;
    }

    private string UniqueName(string name)
    {
        var candidate = name;
        for (var i = 2; !_names.Add(candidate); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }

    private static string Key(ValueModel value) => value.Kind switch
    {
        ValueKind.Native => value.Native!,
        ValueKind.Enum => Naming.Identifier(Names.Short(value.TypeName)) + (value.EnumCarrier == EnumCarrier.Text ? "Text" : "Number"),
        ValueKind.Collection => (value.Shape == CollectionShape.Array ? "Array" : Naming.Identifier(Names.Short(GenericName(value.TypeName))))
            + "Of" + string.Join("And", value.Arguments.Select(Key)),
        ValueKind.Tuple => "TupleOf" + string.Join("And", value.Arguments.Select(Key)),
        ValueKind.Vector => value.Native + value.Dimension,
        _ => Naming.Identifier(Names.Short(value.TypeName)),
    };

    private static string GenericName(string typeName)
    {
        var angle = typeName.IndexOf('<');
        return angle < 0 ? typeName : typeName.Substring(0, angle);
    }

    /// <summary>A generated tuple codec class.</summary>
    internal sealed record TupleCodec(string Name, string Type, ValueModel Value);

    /// <summary>A generated enum codec class.</summary>
    internal sealed record EnumCodec(string Name, string Type, bool AsText, TypeDefinition? Definition);

    /// <summary>A generated user-defined type codec class.</summary>
    internal sealed record UdtCodec(string Name, string Type, EntityModel? Entity);
}
