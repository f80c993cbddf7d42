namespace AsyncCassandra;

/// <summary>
/// A column holds an empty value (zero bytes, distinct from null; spec v4 §6) of a type that has no empty reading, such
/// as an int written as <c>blobAsInt(0x)</c>, and it was read into a type that cannot hold null. Read it as a nullable
/// type (<c>int?</c>) to get null instead. See docs/types.md, "Empty values".
/// </summary>
public sealed class EmptyValueException : InvalidCastException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was read, and how to read it instead.</param>
    /// <param name="column">The column (or field) that held the empty value.</param>
    /// <param name="type">Its CQL type, when known.</param>
    public EmptyValueException(string message, string column, CqlType? type)
        : base(message)
    {
        Column = column;
        Type = type;
    }

    /// <summary>The column (or field) that held the empty value.</summary>
    public string Column { get; }

    /// <summary>Its CQL type, when known (generated repositories name the column and member instead).</summary>
    public CqlType? Type { get; }

    /// <summary>The error of <see cref="Row.Get{T}(int)"/> for an empty value read as a type that cannot hold null.</summary>
    internal static EmptyValueException ForColumn(string column, CqlType type, string target) =>
        new($"Column '{column}' ({type}) holds an empty value (zero bytes, which is not null: legacy data or an expression such as blobAsInt(0x) makes them) and cannot be read as {target}; read it as {target}? to get null for it (see docs/types.md, \"Empty values\").", column, type);
}
