namespace AsyncCassandra.Generators.Emitting;

/// <summary>Fully qualified names the generated code uses.</summary>
internal static class Names
{
    public const string Codecs = "global::AsyncCassandra.Advanced.CqlCodecs";
    public const string MappingCodecs = "global::AsyncCassandra.Advanced.CqlMappingCodecs";
    public const string Codec = "global::AsyncCassandra.Advanced.CqlCodec";
    public const string Binding = "global::AsyncCassandra.Advanced.CqlRowBinding";
    public const string Slot = "global::AsyncCassandra.Advanced.CqlStatementSlot";
    public const string Session = "global::AsyncCassandra.AsyncSession";
    public const string Prepared = "global::AsyncCassandra.PreparedStatement";
    public const string Bound = "global::AsyncCassandra.BoundStatement";
    public const string RowSet = "global::AsyncCassandra.RowSet";
    public const string Columns = "global::AsyncCassandra.ColumnDefinitions";
    public const string CqlType = "global::AsyncCassandra.CqlType";
    public const string TypeCode = "global::AsyncCassandra.CqlTypeCode";
    public const string Writer = "global::AsyncCassandra.Advanced.CqlWriter";
    public const string ElementReader = "global::AsyncCassandra.Advanced.ElementReader";
    public const string Span = "global::System.ReadOnlySpan<byte>";
    public const string List = "global::System.Collections.Generic.List";
    public const string HashSet = "global::System.Collections.Generic.HashSet";
    public const string Dictionary = "global::System.Collections.Generic.Dictionary";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string InvalidCast = "global::System.InvalidCastException";

    /// <summary>The generator's version: its assembly's informational version without build metadata (<c>0.1.0</c>).</summary>
    public static readonly string Version = ReadVersion();

    /// <summary>The attribute on every generated type.</summary>
    public static readonly string GeneratedCode = $"[global::System.CodeDom.Compiler.GeneratedCode(\"AsyncCassandra.Generators\", \"{Version}\")]";

    private static string ReadVersion()
    {
        var assembly = typeof(Names).Assembly;
        var informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .FirstOrDefault()?.InformationalVersion;
        var version = informational ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var metadata = version.IndexOf('+');
        return metadata < 0 ? version : version.Substring(0, metadata);
    }

    /// <summary>The C# type each built-in codec reads and writes.</summary>
    public static string NativeType(string native) => native switch
    {
        "Int32" => "int",
        "Int64" => "long",
        "Int16" => "short",
        "SByte" => "sbyte",
        "Boolean" => "bool",
        "Single" => "float",
        "Double" => "double",
        "String" => "string",
        "Bytes" => "byte[]",
        "Memory" => "global::System.ReadOnlyMemory<byte>",
        "Guid" => "global::System.Guid",
        "DateTimeOffset" => "global::System.DateTimeOffset",
        "DateTime" => "global::System.DateTime",
        "DateOnly" => "global::System.DateOnly",
        "TimeOnly" => "global::System.TimeOnly",
        "BigInteger" => "global::System.Numerics.BigInteger",
        "Decimal" => "decimal",
        "IPAddress" => "global::System.Net.IPAddress",
        "Duration" => "global::AsyncCassandra.CqlDuration",
        _ => "object",
    };

    /// <summary>The short name of a type for messages: no <c>global::</c> and no namespaces.</summary>
    public static string Short(string typeName)
    {
        var text = typeName.Replace("global::", string.Empty);
        var builder = new System.Text.StringBuilder();
        var word = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '_' || c == '.')
            {
                word.Append(c);
                continue;
            }

            Flush();
            builder.Append(c);
        }

        Flush();
        return builder.ToString();

        void Flush()
        {
            var w = word.ToString();
            var dot = w.LastIndexOf('.');
            builder.Append(dot >= 0 ? w.Substring(dot + 1) : w);
            word.Clear();
        }
    }
}
