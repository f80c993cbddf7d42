using System.Buffers;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>Who owns a Rows result's receive buffer (§4.2.5.2 bodies arrive in buffers rented from the shared pool).</summary>
public class RowSetPoolingTests
{
    /// <summary>One text column, <paramref name="rows"/> rows of <paramref name="width"/> characters.</summary>
    private static byte[] TextRows(int rows, int width)
    {
        Body body = new Body().Int(0x0002).Int(0x0001).Int(1).String("ks").String("t").String("v").Short(0x000D).Int(rows);
        for (int i = 0; i < rows; i++)
        {
            body.TextCell(new string((char)('a' + (i % 26)), width));
        }

        return body.ToArray();
    }

    private static (RowSet Rows, byte[] Rented) Decode(byte[] body)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(body.Length);
        body.CopyTo(rented, 0);
        var frame = new ResponseFrame(new FrameHeader(4, true, HeaderFlags.None, 0, Opcode.Result, body.Length), rented, body.Length);
        return (RowSet.From(ResponseReader.Read(frame, 4, null), ResultBuffers.Owned), rented);
    }

    [Fact]
    public void A_large_page_keeps_its_pooled_buffer_until_Recycle_gives_it_back()
    {
        (RowSet rows, byte[] rented) = Decode(TextRows(400, 40));
        Assert.Equal(new string('b', 40), rows[1].Get<string>(0));
        // Still held: the pool hands out another array.
        byte[] other = ArrayPool<byte>.Shared.Rent(rented.Length);
        Assert.NotSame(rented, other);
        ArrayPool<byte>.Shared.Return(other);
        _ = ArrayPool<byte>.Shared.Rent(rented.Length); // take "other" back out of the thread's cache

        rows.Recycle();
        rows.Recycle(); // idempotent: the buffer must not go back twice
        Assert.Same(rented, ArrayPool<byte>.Shared.Rent(rented.Length));
        Assert.NotSame(rented, ArrayPool<byte>.Shared.Rent(rented.Length));
    }

    [Fact]
    public void A_small_result_copies_its_rows_and_returns_the_receive_buffer_at_once()
    {
        (RowSet rows, byte[] rented) = Decode(TextRows(2, 10));
        Assert.Same(rented, ArrayPool<byte>.Shared.Rent(rented.Length));
        Assert.Equal(new string('a', 10), rows[0].Get<string>(0));
        Assert.Equal(new string('b', 10), rows[1].Get<string>(0));
        rows.Recycle(); // an exact copy is not the pool's: Recycle must not return it
    }

    [Fact]
    public void A_small_rows_reply_read_into_an_exact_array_is_kept_without_a_copy()
    {
        // The reader gives a small rows reply for a caller that keeps its result an exact array of its own (not pooled):
        // the result reads its values from that array, copies nothing, and never hands it to the pool.
        byte[] body = TextRows(1, 10);
        var frame = new ResponseFrame(new FrameHeader(4, true, HeaderFlags.None, 0, Opcode.Result, body.Length), body, body.Length, pooled: false);
        Assert.False(frame.Pooled);
        RowSet rows = RowSet.From(ResponseReader.Read(frame, 4, null), ResultBuffers.Owned);
        body[^1] = (byte)'z'; // the last character of the only value
        Assert.Equal("aaaaaaaaaz", rows[0].Get<string>(0));
        frame.Release(); // not the pool's: nothing to return
        rows.Recycle(); // nor the result's to return (the shared pool would refuse an array of this length)
    }

    [Fact]
    public void An_empty_page_holds_no_buffer()
    {
        (RowSet rows, byte[] rented) = Decode(TextRows(0, 0));
        Assert.Empty(rows);
        Assert.Same(rented, ArrayPool<byte>.Shared.Rent(rented.Length));
        rows.Recycle();
        Assert.NotSame(rented, ArrayPool<byte>.Shared.Rent(rented.Length));
    }
}
