namespace AsyncCassandra.Bulk;

/// <summary>File formats of exports and imports.</summary>
public enum BulkFormat
{
    /// <summary>RFC 4180 CSV with a header row of column names; values in their text form (unquoted empty: null; <c>""</c>: empty).</summary>
    Csv,

    /// <summary>One JSON object per line, keyed by column name (JSON null: null).</summary>
    Ndjson,

    /// <summary>Apache Parquet (export only), one column per table column.</summary>
    Parquet,
}
