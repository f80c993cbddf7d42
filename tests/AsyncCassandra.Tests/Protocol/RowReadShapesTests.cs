using System.Text;
using System.Text.RegularExpressions;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>
/// docs/types.md's "Also readable as" column is what <see cref="Row.Get{T}(int)"/> accepts: every shape listed there is
/// read here from a Rows result (v4 §4.2.5.2; column type options §4.2.5.2 [option]), and the table lists no shape this
/// test does not read. Read errors name reading shapes, never the binding hints.
/// </summary>
public partial class RowReadShapesTests
{
    /// <summary>
    /// One row: ts timestamp = 1,500 ms; t time = 42 ns; b blob = 01 02; c custom = 03; l list&lt;int&gt; = [3, 1, 2];
    /// s set&lt;text&gt; = {a, b}; m map&lt;text, int&gt; = {k: 7}; tu tuple&lt;int, text&gt; = (5, x);
    /// u udt {n int} = {n: 9}.
    /// </summary>
    private static Row Sample()
    {
        Body body = new Body()
            .Int(0x0002).Int(0x0001).Int(9).String("ks").String("shapes")
            .String("ts").Short(0x000B)
            .String("t").Short(0x0012)
            .String("b").Short(0x0003)
            .String("c").Short(0x0000).String("org.example.MyType")
            .String("l").Short(0x0020).Short(0x0009)
            .String("s").Short(0x0022).Short(0x000D)
            .String("m").Short(0x0021).Short(0x000D).Short(0x0009)
            .String("tu").Short(0x0031).Short(2).Short(0x0009).Short(0x000D)
            .String("u").Short(0x0030).String("ks").String("point").Short(1).String("n").Short(0x0009)
            .Int(1)
            .Int(8).Long(1500)
            .Int(8).Long(42)
            .Bytes([1, 2])
            .Bytes([3])
            .Bytes(new Body().Int(3).IntCell(3).IntCell(1).IntCell(2).ToArray())
            .Bytes(new Body().Int(2).TextCell("a").TextCell("b").ToArray())
            .Bytes(new Body().Int(1).TextCell("k").IntCell(7).ToArray())
            .Bytes(new Body().IntCell(5).TextCell("x").ToArray())
            .Bytes(new Body().IntCell(9).ToArray());
        return Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, body.ToArray(), 4))[0];
    }

    /// <summary>The doc row's first cell → the column holding that type, and a reader per documented shape.</summary>
    private static readonly Dictionary<string, (int Column, Dictionary<string, Func<Row, int, object?>> Shapes)> Readers = new()
    {
        ["timestamp"] = (0, new()
        {
            ["DateTime"] = (r, i) => Check(r.Get<DateTime>(i), DateTime.UnixEpoch.AddMilliseconds(1500)),
            ["long"] = (r, i) => Check(r.Get<long>(i), 1500L),
        }),
        ["time"] = (1, new() { ["long"] = (r, i) => Check(r.Get<long>(i), 42L) }),
        ["blob"] = (2, new() { ["ReadOnlyMemory<byte>"] = (r, i) => Check(r.Get<ReadOnlyMemory<byte>>(i).ToArray(), new byte[] { 1, 2 }) }),
        ["custom (other than vector)"] = (3, new() { ["ReadOnlyMemory<byte>"] = (r, i) => Check(r.Get<ReadOnlyMemory<byte>>(i).ToArray(), new byte[] { 3 }) }),
        ["list&lt;T&gt;"] = (4, new()
        {
            ["T[]"] = (r, i) => Check(r.Get<int[]>(i), new[] { 3, 1, 2 }),
            ["IReadOnlyList<T>"] = (r, i) => Check(r.Get<IReadOnlyList<int>>(i).ToArray(), new[] { 3, 1, 2 }),
            ["IList<T>"] = (r, i) => Check(r.Get<IList<int>>(i).ToArray(), new[] { 3, 1, 2 }),
            ["ICollection<T>"] = (r, i) => Check(r.Get<ICollection<int>>(i).ToArray(), new[] { 3, 1, 2 }),
            ["IReadOnlyCollection<T>"] = (r, i) => Check(r.Get<IReadOnlyCollection<int>>(i).ToArray(), new[] { 3, 1, 2 }),
            ["IEnumerable<T>"] = (r, i) => Check(r.Get<IEnumerable<int>>(i).ToArray(), new[] { 3, 1, 2 }),
        }),
        ["set&lt;T&gt;"] = (5, new()
        {
            ["T[]"] = (r, i) => Check(r.Get<string[]>(i), new[] { "a", "b" }),
            ["List<T>"] = (r, i) => Check(r.Get<List<string>>(i).ToArray(), new[] { "a", "b" }),
            ["ISet<T>"] = (r, i) => Check(r.Get<ISet<string>>(i).Order().ToArray(), new[] { "a", "b" }),
            ["IReadOnlySet<T>"] = (r, i) => Check(r.Get<IReadOnlySet<string>>(i).Order().ToArray(), new[] { "a", "b" }),
            ["IReadOnlyCollection<T>"] = (r, i) => Check(r.Get<IReadOnlyCollection<string>>(i).Order().ToArray(), new[] { "a", "b" }),
            ["IEnumerable<T>"] = (r, i) => Check(r.Get<IEnumerable<string>>(i).Order().ToArray(), new[] { "a", "b" }),
        }),
        ["map&lt;K, V&gt;"] = (6, new()
        {
            ["IReadOnlyDictionary<K, V>"] = (r, i) => Check(r.Get<IReadOnlyDictionary<string, int>>(i)["k"], 7),
            ["IDictionary<K, V>"] = (r, i) => Check(r.Get<IDictionary<string, int>>(i)["k"], 7),
        }),
        ["tuple&lt;...&gt;"] = (7, new()),
        ["user-defined type"] = (8, new()
        {
            ["IReadOnlyDictionary<string, object?>"] = (r, i) => Check(r.Get<IReadOnlyDictionary<string, object?>>(i)["n"], (object)9),
        }),
    };

    private static object? Check<T>(T actual, T expected)
    {
        Assert.Equal(expected, actual);
        return actual;
    }

    [Fact]
    public void Every_shape_the_types_table_lists_as_also_readable_is_read_and_the_table_lists_no_other()
    {
        Dictionary<string, string[]> documented = DocumentedReadShapes();
        Row row = Sample();
        foreach ((string cqlType, (int column, Dictionary<string, Func<Row, int, object?>> shapes)) in Readers)
        {
            Assert.True(documented.TryGetValue(cqlType, out string[]? listed), $"docs/types.md has no row '{cqlType}'.");
            Assert.Equal(shapes.Keys.Order(), listed!.Order());
            foreach ((string shape, Func<Row, int, object?> read) in shapes)
            {
                read(row, column);
            }
        }

        // Rows with alternates that this test does not know would be untested promises.
        foreach ((string cqlType, string[] listed) in documented)
        {
            Assert.True(listed.Length == 0 || Readers.ContainsKey(cqlType), $"docs/types.md lists read shapes for '{cqlType}' that no test reads: {string.Join(", ", listed)}.");
        }
    }

    [Fact]
    public void A_tuple_read_as_a_value_tuple_is_told_to_read_object_array_not_to_use_a_value_tuple()
    {
        var error = Assert.Throws<InvalidCastException>(() => Sample().Get<(int, string)>("tu"));
        Assert.Contains("object?[]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Use a ValueTuple", error.Message, StringComparison.Ordinal);
        Assert.Equal(new object?[] { 5, "x" }, Sample().Get<object?[]>("tu"));
    }

    [Fact]
    public void A_list_read_as_the_wrong_element_type_names_the_shapes_it_reads_as()
    {
        var error = Assert.Throws<InvalidCastException>(() => Sample().Get<string[]>("l"));
        Assert.Contains("List<int>", error.Message, StringComparison.Ordinal);
        Assert.Contains("int[]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("IEnumerable.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_read_as_a_list_of_another_element_type_is_not_told_to_use_a_list()
    {
        var error = Assert.Throws<InvalidCastException>(() => Sample().Get<List<int>>("s"));
        Assert.Contains("HashSet<string>", error.Message, StringComparison.Ordinal);
        Assert.Contains("List<string>", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Use a List<T>", error.Message, StringComparison.Ordinal);
    }

    /// <summary>First cell of each row of the types table → the backticked shapes of its "Also readable as" cell.</summary>
    private static Dictionary<string, string[]> DocumentedReadShapes()
    {
        string path = RepositoryFile("docs/types.md");
        var shapes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(path, Encoding.UTF8))
        {
            string[] cells = line.Split('|');
            if (cells.Length < 7 || cells[1].Trim() is "CQL type" or "---" || cells[1].Trim().StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            string type = cells[1].Trim();
            string[] listed = [.. Backticked().Matches(cells[3]).Select(m => m.Groups[1].Value)];
            foreach (string name in type.Contains("&lt;", StringComparison.Ordinal) ? [type] : type.Split(',', StringSplitOptions.TrimEntries))
            {
                shapes[name] = listed;
            }
        }

        return shapes;
    }

    internal static string RepositoryFile(string relative)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
