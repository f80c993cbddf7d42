namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// Empty values (a [bytes] of length 0, spec v4 §6 / v5 §5: "distinct from null"). Legacy data and expressions such as
/// <c>blobAsInt(0x)</c> give them to types whose values otherwise have a fixed or minimum size; those read as null where
/// the target can hold null, and as an EmptyValueException where it cannot. Empty text and blobs are
/// ordinary values.
/// </summary>
internal static class EmptyValues
{
    // The generated row readers' null branch builds its error with CqlRowBinding.NullValue, which is not given the row:
    // the read that just returned false (on this thread, in the same expression) leaves word of whether it was empty.
    [ThreadStatic]
    private static bool t_lastWasEmpty;

    /// <summary>Whether an empty value of this type has no reading (numbers, booleans, uuids, dates and times, inet, decimal, varint, duration).</summary>
    public static bool HaveNoValue(CqlType type) => type.Code is CqlTypeCode.Int or CqlTypeCode.Bigint or CqlTypeCode.Smallint
        or CqlTypeCode.Tinyint or CqlTypeCode.Double or CqlTypeCode.Float or CqlTypeCode.Boolean or CqlTypeCode.Uuid
        or CqlTypeCode.Timeuuid or CqlTypeCode.Timestamp or CqlTypeCode.Date or CqlTypeCode.Time or CqlTypeCode.Inet
        or CqlTypeCode.Counter or CqlTypeCode.Varint or CqlTypeCode.Decimal or CqlTypeCode.Duration
        || (type.Code == CqlTypeCode.Custom && type.IsDuration);

    /// <summary>A generated reader's value read as null because it was empty.</summary>
    public static void MarkEmpty() => t_lastWasEmpty = true;

    /// <summary>A generated reader's value read as null because it was null.</summary>
    public static void MarkNull()
    {
        if (t_lastWasEmpty)
        {
            t_lastWasEmpty = false;
        }
    }

    /// <summary>Whether the last value that read as null on this thread was empty (and forgets it).</summary>
    public static bool TakeEmpty()
    {
        bool empty = t_lastWasEmpty;
        t_lastWasEmpty = false;
        return empty;
    }
}
