using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncCassandra.Generators.Emitting;

/// <summary>Code fragments for reading, writing and constructing values, shared by row readers and codec classes.</summary>
internal static class ValueCode
{
    /// <summary>An identifier as C# accepts it (keywords escaped with @).</summary>
    public static string Id(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Reads a non-null value's bytes.</summary>
    public static string Read(CodecCatalog catalog, ValueModel value, string codec, string span) =>
        $"{codec}.Read({span})" + (catalog.NeedsSuppression(value) ? "!" : string.Empty);

    /// <summary>What a null value becomes: null when the type allows it, an empty collection, or the error.</summary>
    public static string NullFallback(ValueModel value, string error)
    {
        if (value.IsNullable)
        {
            return "null";
        }

        return value.NullIsEmpty ? EmptyCollection(value) : "throw " + error;
    }

    /// <summary>The initial value of a local that may not be assigned (an absent field).</summary>
    public static string Initial(ValueModel value)
    {
        if (value.IsNullable || value.IsValueType)
        {
            return "default";
        }

        return value.NullIsEmpty ? EmptyCollection(value) : "default!";
    }

    public static string EmptyCollection(ValueModel value)
    {
        if (value.Kind == ValueKind.Vector)
        {
            return value.Native == "FloatVector" ? "global::System.Array.Empty<float>()" : "default";
        }

        var element = value.Arguments[0].DeclaredName;
        return value.Shape switch
        {
            CollectionShape.Array => $"global::System.Array.Empty<{element}>()",
            CollectionShape.HashSet or CollectionShape.SetInterface => $"new {Names.HashSet}<{element}>()",
            CollectionShape.Dictionary or CollectionShape.MapInterface => $"new {Names.Dictionary}<{element}, {value.Arguments[1].DeclaredName}>()",
            _ => $"new {Names.List}<{element}>()",
        };
    }

    /// <summary>Writes a value as a [value] (length and bytes, or null).</summary>
    public static string Write(CodecCatalog catalog, ValueModel value, string codec, string expression, string writer) =>
        value.IsNullableValueType
            ? $"{Names.Binding}.WriteNullable({codec}, {expression}, {writer});"
            : $"{codec}.WriteValue({expression}{(catalog.NeedsSuppression(value) ? "!" : string.Empty)}, {writer});";

    /// <summary>
    /// Writes <c>T variable = new T(Param: local, ...) { Member = local, ... };</c>. <paramref name="localOf"/> gives the
    /// local holding each member's value, or null when the member gets none; <paramref name="later"/> members are
    /// left out of the initializer (set afterwards only when their column exists).
    /// </summary>
    public static void Construct(SourceWriter writer, EntityModel entity, string variable, Func<int, string?> localOf, Func<int, bool> later)
    {
        var arguments = new List<string>();
        var initializers = new List<string>();
        for (var i = 0; i < entity.Members.Count; i++)
        {
            var member = entity.Members[i];
            var local = localOf(i);
            if (member.ParameterName is { } parameter)
            {
                if (local is not null)
                {
                    arguments.Add($"{Id(parameter)}: {local}");
                }
                else if (!member.HasDefault)
                {
                    arguments.Add($"{Id(parameter)}: default!");
                }

                continue;
            }

            if (local is not null && (member.CanSet || member.IsInitOnly) && !later(i))
            {
                initializers.Add($"{Id(member.Name)} = {local}");
            }
            else if (member.IsRequired && local is null)
            {
                initializers.Add($"{Id(member.Name)} = default!");
            }
        }

        var creation = $"{entity.TypeName} {variable} = new {entity.TypeName}({string.Join(", ", arguments)})";
        if (initializers.Count == 0)
        {
            writer.Line(creation + ";");
            return;
        }

        writer.Line(creation);
        writer.Open();
        foreach (var initializer in initializers)
        {
            writer.Line(initializer + ",");
        }

        writer.Close(";");
    }
}
