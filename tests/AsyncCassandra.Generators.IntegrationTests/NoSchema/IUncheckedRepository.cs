using System.Net;
using System.Numerics;

namespace AsyncCassandra.Generators.IntegrationTests.NoSchema;

/// <summary>
/// Without schema.cql the generator cannot know the markers' CQL types: every value is checked against the prepared
/// statement once per prepare. The Write* methods bind the right .NET type; the Mismatch* methods one that cannot
/// be written as the column's type (each must be refused before anything is sent).
/// </summary>
public partial interface IUncheckedRepository
{
    [CqlQuery("""
        INSERT INTO unchecked_types (id, a, t, n, b, bl, bo, f, d, de, vi, u, tu, ts, i, l, s, m, tup, ud, status, level, statuses)
        VALUES (:id, :a, :t, :n, :b, :bl, :bo, :f, :d, :de, :vi, :u, :tu, :ts, :i, :l, :s, :m, :tup, :ud, :status, :level, :statuses)
        """)]
    Task InsertAsync(UncheckedRow row);

    [CqlQuery("SELECT id, a, t, n, b, bl, bo, f, d, de, vi, u, tu, ts, i, l, s, m, tup, ud, status, level, statuses FROM unchecked_types WHERE id = ?")]
    Task<UncheckedRow?> GetAsync(int id);

    [CqlQuery("SELECT status FROM unchecked_types WHERE id = ?")]
    Task<string?> GetStatusTextAsync(int id);

    [CqlQuery("SELECT level FROM unchecked_types WHERE id = ?")]
    Task<int?> GetLevelNumberAsync(int id);

    [CqlQuery("SELECT status FROM unchecked_types WHERE id = ?")]
    Task<Status?> GetStatusAsync(int id);

    [CqlQuery("SELECT t FROM unchecked_types WHERE id = ?")]
    Task<string?> GetTextAsync(int id);

    [CqlQuery("UPDATE unchecked_types SET status = ? WHERE id = ?")]
    Task SetStatusAsync(Status status, int id);

    [CqlQuery("UPDATE unchecked_types SET level = ? WHERE id = ?")]
    Task SetLevelAsync(Status level, int id);

    // ---- one value per codec family that the column's CQL type cannot take ----

    [CqlQuery("UPDATE unchecked_types SET t = ? WHERE id = ?")]
    Task MismatchTextAsync(int text, int id);

    [CqlQuery("UPDATE unchecked_types SET a = ? WHERE id = ?")]
    Task MismatchAsciiAsync(Guid ascii, int id);

    [CqlQuery("UPDATE unchecked_types SET n = ? WHERE id = ?")]
    Task MismatchIntAsync(string number, int id);

    [CqlQuery("UPDATE unchecked_types SET b = ? WHERE id = ?")]
    Task MismatchBigintAsync(int big, int id);

    [CqlQuery("UPDATE unchecked_types SET bl = ? WHERE id = ?")]
    Task MismatchBlobAsync(string blob, int id);

    [CqlQuery("UPDATE unchecked_types SET bo = ? WHERE id = ?")]
    Task MismatchBooleanAsync(int flag, int id);

    [CqlQuery("UPDATE unchecked_types SET f = ? WHERE id = ?")]
    Task MismatchFloatAsync(double single, int id);

    [CqlQuery("UPDATE unchecked_types SET d = ? WHERE id = ?")]
    Task MismatchDoubleAsync(float real, int id);

    [CqlQuery("UPDATE unchecked_types SET de = ? WHERE id = ?")]
    Task MismatchDecimalAsync(double money, int id);

    [CqlQuery("UPDATE unchecked_types SET vi = ? WHERE id = ?")]
    Task MismatchVarintAsync(long huge, int id);

    [CqlQuery("UPDATE unchecked_types SET u = ? WHERE id = ?")]
    Task MismatchUuidAsync(string key, int id);

    [CqlQuery("UPDATE unchecked_types SET tu = ? WHERE id = ?")]
    Task MismatchTimeuuidAsync(DateTimeOffset when, int id);

    [CqlQuery("UPDATE unchecked_types SET ts = ? WHERE id = ?")]
    Task MismatchTimestampAsync(Guid stamp, int id);

    [CqlQuery("UPDATE unchecked_types SET i = ? WHERE id = ?")]
    Task MismatchInetAsync(string address, int id);

    [CqlQuery("UPDATE unchecked_types SET l = ? WHERE id = ?")]
    Task MismatchListAsync(List<string> items, int id);

    [CqlQuery("UPDATE unchecked_types SET s = ? WHERE id = ?")]
    Task MismatchSetAsync(HashSet<int> tags, int id);

    [CqlQuery("UPDATE unchecked_types SET m = ? WHERE id = ?")]
    Task MismatchMapAsync(Dictionary<int, int> counts, int id);

    [CqlQuery("UPDATE unchecked_types SET tup = ? WHERE id = ?")]
    Task MismatchTupleAsync((string, int) pair, int id);

    [CqlQuery("UPDATE unchecked_types SET ud = ? WHERE id = ?")]
    Task MismatchUdtAsync(int home, int id);

    [CqlQuery("UPDATE unchecked_types SET ud = ? WHERE id = ?")]
    Task MismatchUdtFieldAsync(MisfitAddress home, int id);

    [CqlQuery("UPDATE unchecked_types SET u = ? WHERE id = ?")]
    Task MismatchEnumAsync(Status key, int id);

    [CqlQuery("UPDATE unchecked_types SET level = ? WHERE id = ?")]
    Task MismatchWideEnumAsync(WideLevel level, int id);

    [CqlQuery("UPDATE unchecked_types SET statuses = ? WHERE id = ?")]
    Task MismatchEnumListAsync(List<Guid> statuses, int id);

    [CqlQuery("SELECT t FROM unchecked_types WHERE id = ?")]
    Task<int?> ReadTextAsIntAsync(int id);
}
