using System.ComponentModel;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Types;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Advanced;

/// <summary>
/// Helpers of generated row readers and value binders (advanced): resolve a column once per result metadata, check
/// that its CQL type fits the member, and build the errors that name the table, column and member.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class CqlRowBinding
{
    /// <summary>
    /// Checks that the result has a column at <paramref name="index"/> (the position of a selected item) and returns
    /// the index.
    /// </summary>
    /// <param name="columns">The result's columns.</param>
    /// <param name="index">The position of the selected item.</param>
    /// <param name="column">The selected item, for errors.</param>
    /// <param name="member">The member it fills, as <c>Type.Member</c>, for errors.</param>
    public static int At(ColumnDefinitions columns, int index, string column, string member)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if ((uint)index >= (uint)columns.Count)
        {
            throw new InvalidOperationException(
                $"The result has {columns.Count} column(s) ({columns}) but '{column}', read into {member}, is selected item #{index + 1}; the statement and the server disagree (was the table altered?).");
        }

        return index;
    }

    /// <summary>
    /// Finds a column by name (exact, then ignoring case, then ignoring case and underscores) for <c>SELECT *</c>.
    /// Returns -1 when absent and not <paramref name="required"/>.
    /// </summary>
    /// <param name="columns">The result's columns.</param>
    /// <param name="name">The column name, or the member name when no column name was given.</param>
    /// <param name="required">Whether a missing column is an error (a constructor parameter without a default).</param>
    /// <param name="member">The member it fills, as <c>Type.Member</c>, for errors.</param>
    public static int Find(ColumnDefinitions columns, string name, bool required, string member)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(name);
        int index = columns.IndexOf(name);
        if (index < 0)
        {
            string key = Loose(name);
            for (int i = 0; i < columns.Count; i++)
            {
                if (Loose(columns[i].Name) == key)
                {
                    index = i;
                    break;
                }
            }
        }

        if (index < 0 && required)
        {
            throw new InvalidOperationException(
                $"The result has no column '{name}' for {member} (columns: {columns}); select it, or give the constructor parameter a default value.");
        }

        return index;
    }

    /// <summary>Throws an <see cref="InvalidCastException"/> naming the column and member when the codec cannot read the column's CQL type.</summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="columns">The result's columns.</param>
    /// <param name="index">The column; negative (absent) is accepted.</param>
    /// <param name="codec">The codec the member is read with.</param>
    /// <param name="member">The member, as <c>Type.Member</c>.</param>
    /// <param name="memberType">The member's C# type, for errors.</param>
    public static void Check<T>(ColumnDefinitions columns, int index, CqlCodec<T> codec, string member, string memberType)
    {
        if (index < 0)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(codec);
        if (!codec.Accepts(columns[index].Type))
        {
            throw ColumnMismatch(columns[index], member, memberType);
        }
    }

    /// <summary>
    /// The codec of a column whose codec follows its CQL type (user-defined types, enums without a schema), checked
    /// like <see cref="Check{T}"/>; absent columns (negative) give null.
    /// </summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="columns">The result's columns.</param>
    /// <param name="index">The column; negative (absent) gives null.</param>
    /// <param name="create">Builds the codec from the column's CQL type; an <see cref="InvalidCastException"/> it throws becomes the mismatch error.</param>
    /// <param name="member">The member, as <c>Type.Member</c>.</param>
    /// <param name="memberType">The member's C# type, for errors.</param>
    public static CqlCodec<T> ColumnCodec<T>(ColumnDefinitions columns, int index, Func<CqlType, CqlCodec<T>> create, string member, string memberType)
    {
        if (index < 0)
        {
            return null!;
        }

        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(create);
        ColumnDefinition column = columns[index];
        CqlCodec<T> codec;
        try
        {
            codec = create(column.Type);
        }
        catch (InvalidCastException ex)
        {
            throw ColumnMismatch(column, member, memberType, ex);
        }

        return codec.Accepts(column.Type) ? codec : throw ColumnMismatch(column, member, memberType);
    }

    /// <summary>
    /// Checks that a prepared statement's marker takes what the value's codec writes, so that a value of the wrong
    /// type is refused before anything is sent (its bytes would otherwise be stored as another type's).
    /// </summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="variables">The prepared statement's markers.</param>
    /// <param name="index">The marker.</param>
    /// <param name="codec">The codec the value is written with.</param>
    /// <param name="parameter">The parameter (or entity member) bound, for errors: <c>parameter 'id' of IRepo.Get</c>.</param>
    /// <param name="parameterType">Its C# type, for errors.</param>
    public static void CheckMarker<T>(ColumnDefinitions variables, int index, CqlCodec<T> codec, string parameter, string parameterType)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ColumnDefinition marker = Marker(variables, index, parameter);
        if (!codec.Accepts(marker.Type))
        {
            throw MarkerMismatch(marker, index, parameter, parameterType);
        }
    }

    /// <summary>
    /// The codec of a marker whose codec follows its CQL type (user-defined types, enums without a schema), checked
    /// like <see cref="CheckMarker{T}"/>.
    /// </summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="variables">The prepared statement's markers.</param>
    /// <param name="index">The marker.</param>
    /// <param name="create">Builds the codec from the marker's CQL type; an <see cref="InvalidCastException"/> it throws becomes the mismatch error.</param>
    /// <param name="parameter">The parameter (or entity member) bound, for errors.</param>
    /// <param name="parameterType">Its C# type, for errors.</param>
    public static CqlCodec<T> MarkerCodec<T>(ColumnDefinitions variables, int index, Func<CqlType, CqlCodec<T>> create, string parameter, string parameterType)
    {
        ArgumentNullException.ThrowIfNull(create);
        ColumnDefinition marker = Marker(variables, index, parameter);
        CqlCodec<T> codec;
        try
        {
            codec = create(marker.Type);
        }
        catch (InvalidCastException ex)
        {
            throw MarkerMismatch(marker, index, parameter, parameterType, ex);
        }

        return codec.Accepts(marker.Type) ? codec : throw MarkerMismatch(marker, index, parameter, parameterType);
    }

    /// <summary>The CQL type of a marker (for codecs of user-defined types, whose fields are matched by name).</summary>
    /// <param name="variables">The prepared statement's markers.</param>
    /// <param name="index">The marker.</param>
    /// <param name="parameter">The parameter (or entity member) bound, for errors.</param>
    public static CqlType MarkerType(ColumnDefinitions variables, int index, string parameter) => Marker(variables, index, parameter).Type;

    /// <summary>
    /// The codec of an enum whose carrier no schema decided at compile time: by member name for a text or ascii
    /// column or marker, by number otherwise (the number codec then refuses CQL types its width does not fit).
    /// </summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="type">The column's or marker's CQL type.</param>
    /// <param name="byName">The codec that writes member names.</param>
    /// <param name="byNumber">The codec that writes numbers.</param>
    public static CqlCodec<T> EnumCodec<T>(CqlType type, CqlCodec<T> byName, CqlCodec<T> byNumber)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Code is CqlTypeCode.Varchar or CqlTypeCode.Ascii ? byName : byNumber;
    }

    private static ColumnDefinition Marker(ColumnDefinitions variables, int index, string parameter)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if ((uint)index >= (uint)variables.Count)
        {
            throw new InvalidOperationException($"The prepared statement has {variables.Count} marker(s) but {parameter} is bound to marker #{index + 1}; the statement and the server disagree.");
        }

        return variables[index];
    }

    private static InvalidCastException ColumnMismatch(ColumnDefinition column, string member, string memberType, Exception? inner = null) =>
        new($"Column '{column.Name}' of table '{column.Keyspace}.{column.Table}' is {column.Type}, which {member} ({memberType}) cannot hold{(inner is null ? $"; declare it as {CqlTypeSuggestion.For(column.Type)} or CAST the column." : ": " + inner.Message)}", inner);

    private static InvalidCastException MarkerMismatch(ColumnDefinition marker, int index, string parameter, string parameterType, Exception? inner = null) =>
        new($"Marker #{index + 1} ('{marker.Name}') of the prepared statement is {marker.Type}, but {parameter} is {parameterType}, which cannot be written as {marker.Type}{(inner is null ? $"; declare it as {CqlTypeSuggestion.For(marker.Type)}." : ": " + inner.Message)}", inner);

    /// <summary>The error for a null value read into a member that cannot hold null.</summary>
    /// <param name="table">The table of the statement.</param>
    /// <param name="column">The column.</param>
    /// <param name="member">The member, as <c>Type.Member</c>.</param>
    /// <param name="memberType">The member's C# type.</param>
    public static InvalidCastException NullValue(string table, string column, string member, string memberType) =>
        EmptyValues.TakeEmpty()
            ? (InvalidCastException)new EmptyValueException($"Column '{column}' of table '{table}' holds an empty value (zero bytes, which is not null: legacy data or an expression such as blobAsInt(0x) makes them), but {member} ({memberType}) cannot hold null; declare it nullable ({memberType}?) to read it as null (see docs/types.md, \"Empty values\").", column, null)
            : new InvalidCastException($"Column '{column}' of table '{table}' is null, but {member} ({memberType}) cannot hold null; declare it nullable ({memberType}?).");

    /// <summary>The error for a user-defined type's null field read into a member that cannot hold null.</summary>
    /// <param name="udt">The user-defined type's CQL name.</param>
    /// <param name="field">The field.</param>
    /// <param name="member">The member, as <c>Type.Member</c>.</param>
    /// <param name="memberType">The member's C# type.</param>
    public static InvalidCastException NullField(string udt, string field, string member, string memberType) =>
        new($"Field '{field}' of a '{udt}' value is null, but {member} ({memberType}) cannot hold null; declare it nullable ({memberType}?).");

    /// <summary>The error for a repository method that must return a row and got none.</summary>
    /// <param name="method">The method, as <c>Interface.Method</c>.</param>
    /// <param name="type">The declared result type.</param>
    public static InvalidOperationException NoRow(string method, string type) =>
        new($"{method} returned no row, but its result type {type} cannot be null; declare it as {type}? to get null instead.");

    /// <summary>
    /// For each field of a user-defined type (in the server's order), the index of the member it fills in
    /// <paramref name="members"/>, or -1 for a field no member matches. Members are matched by their CQL name
    /// (exact, then ignoring case, then ignoring case and underscores).
    /// </summary>
    /// <param name="type">The server's description of the user-defined type.</param>
    /// <param name="members">The members' CQL names ([CqlColumn] or the member name).</param>
    /// <param name="clrType">The C# type, for errors.</param>
    public static int[] UdtFields(CqlType type, string[] members, string clrType)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(members);
        if (type.Code != CqlTypeCode.Udt)
        {
            throw new InvalidCastException($"{clrType} maps to a user-defined type, but the value is {type}.");
        }

        var slots = new int[type.FieldNames.Count];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = MatchField(type.FieldNames[i], members);
        }

        return slots;
    }

    /// <summary>
    /// Checks that the field a member fills (if any) has a CQL type the member's codec reads and writes, so that a
    /// user-defined type value is never written with another type's bytes in one of its fields.
    /// </summary>
    /// <typeparam name="T">The member's type.</typeparam>
    /// <param name="type">The server's description of the user-defined type.</param>
    /// <param name="slots">The result of <see cref="UdtFields"/>.</param>
    /// <param name="member">The member's index.</param>
    /// <param name="codec">The member's codec (null when the member fills no field).</param>
    /// <param name="memberName">The member, as <c>Type.Member</c>, for errors.</param>
    /// <param name="memberType">Its C# type, for errors.</param>
    public static void CheckField<T>(CqlType type, int[] slots, int member, CqlCodec<T>? codec, string memberName, string memberType)
    {
        ArgumentNullException.ThrowIfNull(type);
        int field = FieldOf(slots, member);
        if (field < 0 || codec is null)
        {
            return;
        }

        CqlType fieldType = type.Arguments[field];
        if (!codec.Accepts(fieldType))
        {
            throw new InvalidCastException(
                $"field '{type.FieldNames[field]}' of user-defined type {type} is {fieldType}, which {memberName} ({memberType}) cannot hold; declare it as {CqlTypeSuggestion.For(fieldType)}.");
        }
    }

    /// <summary>The index of the field a member fills, or -1; used to bind codecs of fields that are themselves user-defined types.</summary>
    /// <param name="slots">The result of <see cref="UdtFields"/>.</param>
    /// <param name="member">The member's index.</param>
    public static int FieldOf(int[] slots, int member)
    {
        ArgumentNullException.ThrowIfNull(slots);
        return Array.IndexOf(slots, member);
    }

    /// <summary>Writes a nullable value: the value's bytes, or a null [value].</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="codec">The codec.</param>
    /// <param name="value">The value or null.</param>
    /// <param name="writer">Where the value goes.</param>
    public static void WriteNullable<T>(CqlCodec<T> codec, T? value, CqlWriter writer)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(writer);
        if (value.HasValue)
        {
            codec.WriteValue(value.GetValueOrDefault(), writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static int MatchField(string field, string[] members)
    {
        for (int i = 0; i < members.Length; i++)
        {
            if (string.Equals(members[i], field, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (int i = 0; i < members.Length; i++)
        {
            if (string.Equals(members[i], field, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        string key = Loose(field);
        for (int i = 0; i < members.Length; i++)
        {
            if (Loose(members[i]) == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Loose(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
