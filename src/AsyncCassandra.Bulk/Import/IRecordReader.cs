namespace AsyncCassandra.Bulk.Import;

/// <summary>Reads the records of an input one after another.</summary>
internal interface IRecordReader : IDisposable
{
    /// <summary>Reads the next record into <paramref name="record"/>; false at the end of the input.</summary>
    bool Read(InputRecord record, IReadOnlyList<string> names);
}
