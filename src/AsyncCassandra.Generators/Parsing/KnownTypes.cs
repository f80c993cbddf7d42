using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>Types the generator recognizes, by metadata name (no Compilation lookups, so nothing to cache).</summary>
internal static class KnownTypes
{
    public const string CqlQueryAttribute = "AsyncCassandra.CqlQueryAttribute";
    public const string CqlColumnAttribute = "AsyncCassandra.CqlColumnAttribute";
    public const string CqlIgnoreAttribute = "AsyncCassandra.CqlIgnoreAttribute";
    public const string CqlPage = "AsyncCassandra.CqlPage`1";
    public const string CqlDuration = "AsyncCassandra.CqlDuration";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string AsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable`1";
    public const string ReadOnlyList = "System.Collections.Generic.IReadOnlyList`1";

    /// <summary>Natives by metadata name: the <c>CqlCodecs</c> property that reads and writes them.</summary>
    public static readonly IReadOnlyDictionary<string, string> NamedNatives = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System.Guid"] = "Guid",
        ["System.DateTimeOffset"] = "DateTimeOffset",
        ["System.DateTime"] = "DateTime",
        ["System.DateOnly"] = "DateOnly",
        ["System.TimeOnly"] = "TimeOnly",
        ["System.Numerics.BigInteger"] = "BigInteger",
        ["System.Net.IPAddress"] = "IPAddress",
        [CqlDuration] = "Duration",
    };

    /// <summary>The full metadata name of a named type: <c>System.Collections.Generic.List`1</c>.</summary>
    public static string MetadataName(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return type.Name;
        }

        var name = named.OriginalDefinition.MetadataName;
        for (var outer = named.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var ns = named.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    public static bool Is(ITypeSymbol? type, string metadataName) => type is not null && MetadataName(type) == metadataName;

    public static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } c && MetadataName(c) == metadataName);

    public static AttributeData? GetAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && MetadataName(c) == metadataName);

    /// <summary>Fully qualified, with nullable annotations: how types are written in generated code.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Short, for messages.</summary>
    public static readonly SymbolDisplayFormat DisplayFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The type as written in generated code.</summary>
    public static string FullName(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>The type as written in generated code, without a top-level nullable reference annotation.</summary>
    public static string FullNameWithoutTopNullable(ITypeSymbol type) =>
        type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat) : type.ToDisplayString(TypeFormat);

    public static string Display(ITypeSymbol type) => type.ToDisplayString(DisplayFormat);
}
