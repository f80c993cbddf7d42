namespace AsyncCassandra;

/// <summary>A CQL duration (protocol v5 §5.7): months, days and nanoseconds, each signed, all with the same sign.</summary>
/// <param name="Months">Whole months.</param>
/// <param name="Days">Whole days.</param>
/// <param name="Nanoseconds">Nanoseconds.</param>
public readonly record struct CqlDuration(int Months, int Days, long Nanoseconds);
