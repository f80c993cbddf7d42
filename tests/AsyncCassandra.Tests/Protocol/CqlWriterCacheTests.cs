using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Tests.Protocol;

public class CqlWriterCacheTests
{
    [Fact]
    public async Task A_rented_writer_is_reused_by_the_next_rent_on_the_same_thread_empty()
    {
        await Task.Run(() =>
        {
            CqlWriter first = CqlWriter.Rent();
            first.WriteInt(42);
            first.Dispose();
            CqlWriter second = CqlWriter.Rent();
            Assert.Same(first, second);
            Assert.Equal(0, second.Length);
            // Only one is cached: a second writer rented meanwhile is a new one.
            CqlWriter third = CqlWriter.Rent();
            Assert.NotSame(second, third);
            second.Dispose();
            third.Dispose();
        });
    }

    [Fact]
    public void A_writer_made_with_new_is_never_cached()
    {
        var writer = new CqlWriter();
        writer.Dispose();
        Assert.NotSame(writer, CqlWriter.Rent());
    }
}
