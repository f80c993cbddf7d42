using AsyncCassandra.Protocol;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>
/// A server's bytes are untrusted: whatever a RESULT, ERROR or EVENT body holds, decoding it gives a value or a
/// typed error (spec §3 bounds), never an IndexOutOfRange, a hang or an out-of-memory allocation.
/// </summary>
public class MalformedResponseTests
{
    internal static IEnumerable<(Opcode Opcode, byte[] Body)> ValidBodies()
    {
        // Rows with metadata: int, text, list<int>, map<text, bigint>, a tuple and a UDT; two rows.
        yield return (Opcode.Result, new Body()
            .Int(0x0002).Int(0x0001).Int(6).String("ks").String("t")
            .String("a").Short(0x0009)
            .String("b").Short(0x000D)
            .String("c").Short(0x0020).Short(0x0009)
            .String("d").Short(0x0021).Short(0x000D).Short(0x0002)
            .String("e").Short(0x0031).Short(2).Short(0x0009).Short(0x000D)
            .String("f").Short(0x0030).String("ks").String("u").Short(1).String("x").Short(0x0009)
            .Int(2)
            .IntCell(1).TextCell("one").Int(12).Int(1).Int(4).Int(7).Int(21).Int(1).Int(1).Byte(0x6B).Int(8).Long(5)
            .Int(13).Int(4).Int(9).Int(1).Byte(0x7A).Int(8).Int(4).Int(3)
            .Bytes(null).Bytes(null).Bytes(null).Bytes(null).Bytes(null).Bytes(null)
            .ToArray());
        // Prepared (v4 layout: pk indexes), then an error with extra fields, then a schema change and an event.
        yield return (Opcode.Result, new Body()
            .Int(0x0004).Short(2).Byte(1).Byte(2).Int(0x0001).Int(1).Int(1).Short(0).String("ks").String("t").String("id").Short(0x0009)
            .Int(0x0001).Int(1).String("ks").String("t").String("v").Short(0x000D).ToArray());
        yield return (Opcode.Error, new Body().Int(0x1100).String("timeout").Short(0x0004).Int(1).Int(2).String("SIMPLE").ToArray());
        yield return (Opcode.Error, new Body().Int(0x2400).String("exists").String("ks").String("t").ToArray());
        yield return (Opcode.Result, new Body().Int(0x0005).String("CREATED").String("TABLE").String("ks").String("t").ToArray());
        yield return (Opcode.Event, new Body().String("STATUS_CHANGE").String("UP").Byte(4).Byte(127).Byte(0).Byte(0).Byte(1).Int(9042).ToArray());
    }

    private static void DecodeEverything(Opcode opcode, byte[] body)
    {
        object result = Wire.ReadResponse(opcode, body, 4);
        if (result is RowSet rows)
        {
            foreach (Row row in rows)
            {
                for (int i = 0; i < row.Count; i++)
                {
                    _ = row.GetValue(i);
                }
            }
        }
    }

    [Fact]
    public void Every_valid_body_decodes()
    {
        foreach ((Opcode opcode, byte[] body) in ValidBodies())
        {
            try
            {
                DecodeEverything(opcode, body);
            }
            catch (CassandraException ex) when (opcode == Opcode.Error && ex is not ProtocolException)
            {
                // ERROR bodies decode to their typed exception.
            }
        }
    }

    [Fact]
    public void Rows_of_no_columns_are_refused_however_many_are_announced()
    {
        // Flags No_metadata-less, 0 columns, then 2^31 - 1 rows: every length check passes (0 cells), the count does not.
        byte[] body = new Body().Int(0x0002).Int(0x0001).Int(0).String("ks").String("t").Int(int.MaxValue).ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ProtocolException>(() => DecodeEverything(Opcode.Result, body));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("without a column", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Bodies_with_several_counts_and_lengths_corrupted_at_once_give_typed_errors_and_bounded_allocations()
    {
        // One field at a time cannot reach every bound: a column count of 0 together with a huge row count, a
        // collection count together with element lengths. Mutate two to four [int] fields of each body at once.
        var random = new Random(20261207);
        int cases = 0;
        foreach ((Opcode opcode, byte[] valid) in ValidBodies())
        {
            for (int n = 0; n < 2000; n++, cases++)
            {
                byte[] body = (byte[])valid.Clone();
                for (int fields = random.Next(2, 5); fields > 0; fields--)
                {
                    int at = random.Next(Math.Max(1, body.Length - 4));
                    if (body.Length - at >= 4)
                    {
                        int value = random.Next(5) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, 3 => random.Next(1, 64), _ => random.Next() };
                        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(at, 4), value);
                    }
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    DecodeEverything(opcode, body);
                }
                catch (Exception ex) when (ex is CassandraException or InvalidCastException or OverflowException)
                {
                }
                catch (Exception ex)
                {
                    Assert.Fail($"{opcode} body {Convert.ToHexString(body)} threw {ex.GetType().Name}: {ex.Message}");
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated < 1024 * 1024, $"{opcode} body {Convert.ToHexString(body)} allocated {allocated} bytes");
            }
        }

        Assert.True(cases >= 12_000);
    }

    [Fact]
    public void Corrupted_bodies_give_typed_errors_only()
    {
        var random = new Random(20261125);
        int cases = 0;
        foreach ((Opcode opcode, byte[] valid) in ValidBodies())
        {
            for (int n = 0; n < 2000; n++, cases++)
            {
                byte[] body = Mutate(valid, random);
                try
                {
                    DecodeEverything(opcode, body);
                }
                catch (Exception ex) when (ex is CassandraException or InvalidCastException or OverflowException)
                {
                    // A typed error: the connection closes (ProtocolException) or the value is refused.
                }
                catch (Exception ex)
                {
                    Assert.Fail($"{opcode} body {Convert.ToHexString(body)} threw {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        Assert.True(cases >= 12_000);
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        byte[] body = (byte[])valid.Clone();
        switch (random.Next(4))
        {
            case 0:
                return body.AsSpan(0, random.Next(body.Length)).ToArray(); // truncated
            case 1:
                for (int i = random.Next(1, 4); i > 0; i--)
                {
                    body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8)); // bit flips
                }

                return body;
            case 2:
                // A length or count field set to an extreme value.
                int at = random.Next(Math.Max(1, body.Length - 4));
                int value = random.Next(3) switch { 0 => -1, 1 => int.MaxValue, _ => random.Next() };
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(at, Math.Min(4, body.Length - at)) is { Length: 4 } span ? span : new byte[4], value);
                return body;
            default:
                body[random.Next(body.Length)] = (byte)random.Next(256); // random byte
                return body;
        }
    }
}
