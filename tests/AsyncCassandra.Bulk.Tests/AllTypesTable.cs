using AsyncCassandra.Advanced;
namespace AsyncCassandra.Bulk.Tests;

/// <summary>
/// A table with every CQL type Cassandra 2.1 has (date, time, smallint, tinyint and duration came later; their text
/// forms are covered by TextFormTests), and rows of edge values written as CQL literals (so values .NET types cannot
/// hold, such as a 40-digit decimal, are there too).
/// </summary>
internal static class AllTypesTable
{
    public const string Columns = "id int PRIMARY KEY, a ascii, b bigint, bl blob, bo boolean, de decimal, db double, fl float, ip inet, i int, t text, ts timestamp, u uuid, tu timeuuid, vi varint, "
        + "l list<text>, s set<int>, m map<text, double>, tup frozen<tuple<int, text, blob>>, addr frozen<address>, mi map<int, timestamp>, su set<uuid>";

    public static readonly string[] Rows =
    [
        "INSERT INTO {0} (id) VALUES (0)",
        "INSERT INTO {0} (id, a, t, bl, i, l, m) VALUES (1, '', '', 0x, blobAsInt(0x), [], {{}})",
        "INSERT INTO {0} (id, a, b, bl, bo, de, db, fl, ip, i, t, ts, u, tu, vi, l, s, m, tup, addr, mi, su) VALUES (2, 'plain ascii', 42, 0xcafebabe, true, 1.50, 0.1, 2.5, '192.168.1.20', -7, "
            + "'comma, \"quote\" and ''apostrophe''\nsecond line; é ü 日本 🙂', '2024-05-01 12:30:00.123+0000', 3f2504e0-4f89-11d3-9a0c-0305e82c3301, fe2b4360-28c6-11e2-81c1-0800200c9a66, 12345678901234567890, "
            + "['x', 'y, z', '\"q\"'], {{3, 1, 2}}, {{'k1': 1.25, 'k,2': -0.5}}, (7, 'seven', 0x07), {{street: 'Main St, 1', zip: 12345, tags: ['home', 'work']}}, {{1: '2024-01-01 00:00:00+0000', -2: '1969-12-31 23:59:59.999+0000'}}, "
            + "{{3f2504e0-4f89-11d3-9a0c-0305e82c3301, fe2b4360-28c6-11e2-81c1-0800200c9a66}})",
        "INSERT INTO {0} (id, b, de, db, fl, ip, i, ts, vi, tup, addr) VALUES (3, -9223372036854775808, -1234567890123456789012345678901234567890.0123456789, NaN, -Infinity, '2001:db8::1', 2147483647, "
            + "-62135596800001, -98765432109876543210987654321098765432109876543210, (null, null, null), {{street: null, zip: 0, tags: null}})",
        "INSERT INTO {0} (id, de, db, fl, ts, t) VALUES (4, 1E+30, -0.0, 3.4028235E38, 253402300800000, 'line1\r\nline2\ttab \\ backslash')",
    ];

    public static async Task CreateAsync(AsyncSession session, string keyspace, string table, bool withRows)
    {
        await session.ExecuteAsync($"CREATE TYPE IF NOT EXISTS {keyspace}.address (street text, zip int, tags list<text>)");
        await session.ExecuteAsync($"DROP TABLE IF EXISTS {keyspace}.{table}");
        await session.ExecuteAsync($"CREATE TABLE {keyspace}.{table} ({Columns})");
        if (withRows)
        {
            foreach (string row in Rows)
            {
                await session.ExecuteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, row, $"{keyspace}.{table}"));
            }
        }
    }

    /// <summary>Every row's raw values by id, as the server returns them.</summary>
    public static async Task<Dictionary<int, byte[]?[]>> ReadAsync(AsyncSession session, string keyspace, string table)
    {
        RowSet rows = await session.ExecuteAsync($"SELECT * FROM {keyspace}.{table}");
        var result = new Dictionary<int, byte[]?[]>();
        for (int r = 0; r < rows.Count; r++)
        {
            var values = new byte[]?[rows.Columns.Count];
            for (int c = 0; c < values.Length; c++)
            {
                values[c] = rows.TryGetRawBytes(r, c, out ReadOnlySpan<byte> value) ? value.ToArray() : null;
            }

            result[rows[r].Get<int>("id")] = values;
        }

        return result;
    }
}
