using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>An enum or user-defined type whose codec the emitter writes.</summary>
/// <param name="Key">The full type name (what <see cref="ValueModel.DefinitionKey"/> refers to).</param>
/// <param name="IsEnum">An enum; otherwise a user-defined type.</param>
internal sealed record TypeDefinition(string Key, bool IsEnum)
{
    /// <summary>For enums: the names of its members.</summary>
    public EquatableArray<string> EnumMembers { get; init; }

    /// <summary>For enums: the <c>CqlCodecs</c> property of the number it is carried as (Int32, Int64, Int16, SByte).</summary>
    public string EnumNative { get; init; } = "Int32";

    /// <summary>For enums: the C# type of that number.</summary>
    public string EnumNumberType { get; init; } = "int";

    /// <summary>For user-defined types: the members.</summary>
    public EntityModel? Entity { get; init; }
}
