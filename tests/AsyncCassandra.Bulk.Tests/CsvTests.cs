using System.Text;
using AsyncCassandra.Bulk.Export;
using AsyncCassandra.Bulk.Import;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>RFC 4180 writing and reading: quoting, doubled quotes, line breaks in fields, null versus empty, offsets and lines.</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "\"\"")]
    public void Fields_are_quoted_when_they_must_be(string text, string expected)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        CsvRowEncoder.WriteField(output, Encoding.UTF8.GetBytes(text));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Records_are_read_with_quotes_line_breaks_nulls_and_empties()
    {
        string csv = "\uFEFFid,name,note\r\n1,\"a,b\",\"line1\nline2\"\r\n2,,\"\"\n3,\"say \"\"hi\"\"\",x\r\n\r\n";
        using var scanner = new InputScanner(new MemoryStream(Encoding.UTF8.GetBytes(csv)), 0, 1);
        using var reader = new CsvRecordReader(scanner);
        Assert.Equal(["id", "name", "note"], reader.ReadHeader());
        var record = new InputRecord(3);
        string[] names = ["id", "name", "note"];

        Assert.True(reader.Read(record, names));
        AssertValues(record, "1", "a,b", "line1\nline2");
        Assert.Equal(2, record.Line);
        Assert.Equal(4, record.NextLine);

        Assert.True(reader.Read(record, names));
        AssertValues(record, "2", null, string.Empty);
        Assert.Equal(4, record.Line);

        Assert.True(reader.Read(record, names));
        AssertValues(record, "3", "say \"hi\"", "x");
        Assert.Null(record.Error);
        Assert.False(reader.Read(record, names));
    }

    [Fact]
    public void A_record_can_be_read_again_from_its_offset()
    {
        string csv = "id,v\n1,a\n2,\"b\nc\"\n3,d\n";
        byte[] bytes = Encoding.UTF8.GetBytes(csv);
        using var scanner = new InputScanner(new MemoryStream(bytes), 0, 1);
        using var reader = new CsvRecordReader(scanner);
        reader.ReadHeader();
        var record = new InputRecord(2);
        reader.Read(record, ["id", "v"]);
        reader.Read(record, ["id", "v"]);
        long offset = record.EndOffset;
        long line = record.NextLine;
        Assert.Equal(5, line);

        using var resumed = new InputScanner(new MemoryStream(bytes), offset, line);
        using var again = new CsvRecordReader(resumed);
        Assert.True(again.Read(record, ["id", "v"]));
        AssertValues(record, "3", "d");
        Assert.Equal(5, record.Line);
    }

    [Fact]
    public void A_broken_record_is_reported_with_its_line_and_the_next_one_is_read()
    {
        string csv = "id,v\n1,\"a\"x\n2,b,c\n3,ok\n";
        using var scanner = new InputScanner(new MemoryStream(Encoding.UTF8.GetBytes(csv)), 0, 1);
        using var reader = new CsvRecordReader(scanner);
        reader.ReadHeader();
        var record = new InputRecord(2);
        reader.Read(record, ["id", "v"]);
        Assert.Equal(2, record.Error!.Line);
        Assert.Contains("must be doubled", record.Error.Reason, StringComparison.Ordinal);
        reader.Read(record, ["id", "v"]);
        Assert.Equal(3, record.Error!.Line);
        Assert.Contains("3 field(s); the header has 2", record.Error.Reason, StringComparison.Ordinal);
        reader.Read(record, ["id", "v"]);
        Assert.Null(record.Error);
        AssertValues(record, "3", "ok");
    }

    private static void AssertValues(InputRecord record, params string?[] expected)
    {
        Assert.Equal(expected.Length, record.Values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], record.Values[i]);
        }
    }
}
