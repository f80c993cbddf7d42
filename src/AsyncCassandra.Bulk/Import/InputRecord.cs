namespace AsyncCassandra.Bulk.Import;

/// <summary>
/// One record of the input: its values by column (null: null; "" : a zero-length value; for NDJSON, JSON text
/// of the value), where it starts, and where the next one starts.
/// </summary>
internal sealed class InputRecord(int columns)
{
    public string?[] Values { get; } = new string?[columns];

    /// <summary>For NDJSON: which values are JSON text (strings, numbers, arrays, objects) rather than text forms.</summary>
    public System.Text.Json.JsonElement?[] Json { get; } = new System.Text.Json.JsonElement?[columns];

    /// <summary>Columns the record does not mention (NDJSON keys left out): not written.</summary>
    public bool[] Missing { get; } = new bool[columns];

    public long Line { get; set; }

    public long EndOffset { get; set; }

    public long NextLine { get; set; }

    /// <summary>A problem with the record as a whole or with one column (it is reported, not written).</summary>
    public ImportError? Error { get; set; }

    public System.Text.Json.JsonDocument? Document { get; set; }
}
