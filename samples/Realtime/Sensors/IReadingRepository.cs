using AsyncCassandra;

namespace Realtime.Sensors;

/// <summary>The readings table, implemented at compile time by the source generator (checked against schema.cql).</summary>
public partial interface IReadingRepository
{
    [CqlQuery("INSERT INTO readings (sensor, day, at, value) VALUES (?, ?, ?, ?)", Idempotent = true)]
    Task InsertAsync(string sensor, string day, DateTimeOffset at, double value, CancellationToken ct = default);

    /// <summary>A sensor's readings of one day after a moment, newest first, page by page as they are consumed.</summary>
    [CqlQuery("SELECT at, value FROM readings WHERE sensor = ? AND day = ? AND at > ?", PageSize = 50)]
    IAsyncEnumerable<Reading> StreamSinceAsync(string sensor, string day, DateTimeOffset since, CancellationToken ct = default);
}
