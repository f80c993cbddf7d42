using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>
/// How one .NET type (a parameter, a member, a collection element...) is read from and written to a CQL value,
/// decided at compile time: the codec to use and everything the emitter needs to name types.
/// </summary>
/// <param name="Kind">The kind of mapping.</param>
/// <param name="TypeName">
/// The type fully qualified as declared (<c>global::System.Guid</c>, <c>string</c>, <c>global::System.Collections.Generic.List&lt;string?&gt;</c>),
/// without a top-level <c>?</c>; the underlying type for a nullable value type.
/// </param>
internal sealed record ValueModel(ValueKind Kind, string TypeName)
{
    /// <summary>A short name for messages: <c>List&lt;int&gt;</c>, <c>string?</c>.</summary>
    public string DisplayName { get; init; } = TypeName;

    /// <summary>True when the declared type may hold null: a nullable value type, or a reference type annotated with <c>?</c> or oblivious.</summary>
    public bool IsNullable { get; init; }

    /// <summary>True for <c>Nullable&lt;T&gt;</c>.</summary>
    public bool IsNullableValueType { get; init; }

    /// <summary>True for value types (nullable or not).</summary>
    public bool IsValueType { get; init; }

    /// <summary>For <see cref="ValueKind.Native"/>: the <c>CqlCodecs</c> property (<c>Int32</c>, <c>String</c>, ...).</summary>
    public string? Native { get; init; }

    /// <summary>For <see cref="ValueKind.Collection"/>: the shape.</summary>
    public CollectionShape Shape { get; init; }

    /// <summary>Element (list, set), key and value (map), or components (tuple).</summary>
    public EquatableArray<ValueModel> Arguments { get; init; }

    /// <summary>For <see cref="ValueKind.Enum"/> and <see cref="ValueKind.Udt"/>: the key of its <see cref="TypeDefinition"/> (the full type name).</summary>
    public string? DefinitionKey { get; init; }

    /// <summary>For <see cref="ValueKind.Vector"/>: the dimension n the schema gives; 0 when only the server's type will tell.</summary>
    public int Dimension { get; init; }

    /// <summary>Checked against a CQL type the schema gives (so a <c>float[]</c> is known to be a list or set, not a vector).</summary>
    public bool TypeKnown { get; init; }

    /// <summary>For enums: carried as a number or as text, or (without a schema) as the server's type for it says.</summary>
    public EnumCarrier EnumCarrier { get; init; }

    /// <summary>For <see cref="ValueKind.Unsupported"/>: why it has no mapping.</summary>
    public string? Unsupported { get; init; }

    /// <summary>
    /// True when the codec is built from the server's type description once per metadata: a user-defined type appears
    /// anywhere in the value (fields are matched by name), an enum whose carrier only the server's type tells, or a
    /// vector whose dimension (or, for <c>float[]</c>, whether it is a vector at all) no schema told.
    /// </summary>
    public bool NeedsServerType => Kind == ValueKind.Udt || (Kind == ValueKind.Enum && EnumCarrier == EnumCarrier.ServerType)
        || (Kind == ValueKind.Vector && Dimension == 0) || MayBeVector || Arguments.Any(a => a.NeedsServerType);

    /// <summary>A <c>float[]</c> whose CQL type no schema told: a list or set of float, or a <c>vector&lt;float, n&gt;</c>.</summary>
    public bool MayBeVector => Kind == ValueKind.Collection && Shape == CollectionShape.Array && !TypeKnown
        && Arguments.Count == 1 && Arguments[0].Kind == ValueKind.Native && Arguments[0].Native == "Single";

    /// <summary>True for collections and vectors: a null (CQL sends an empty collection as null) is read into a non-nullable member as empty.</summary>
    public bool NullIsEmpty => Kind is ValueKind.Collection or ValueKind.Vector;

    /// <summary>The type as declared, with <c>?</c> when nullable.</summary>
    public string DeclaredName => IsNullable ? TypeName + "?" : TypeName;

    public static ValueModel Unsupport(string typeName, string displayName, string reason) =>
        new(ValueKind.Unsupported, typeName) { DisplayName = displayName, Unsupported = reason };
}
