using System.Collections.Immutable;
using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Tests.Common;

public class EquatableArrayTests
{
    [Fact]
    public void Equal_contents_are_equal_with_equal_hashes()
    {
        var a = EquatableArray.Create("x", "y");
        var b = new EquatableArray<string>(new[] { "x", "y" });
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Different_contents_or_order_are_not_equal()
    {
        Assert.NotEqual(EquatableArray.Create("x", "y"), EquatableArray.Create("y", "x"));
        Assert.NotEqual(EquatableArray.Create("x"), EquatableArray.Create("x", "y"));
    }

    [Fact]
    public void Default_behaves_as_empty()
    {
        EquatableArray<string> none = default;
        Assert.True(none.IsEmpty);
        Assert.Empty(none);
        Assert.Equal(EquatableArray<string>.Empty, none);
        Assert.Equal(new EquatableArray<string>(ImmutableArray<string>.Empty), none);
    }

    [Fact]
    public void Records_holding_arrays_compare_by_content()
    {
        Assert.Equal(new Holder(EquatableArray.Create(1, 2)), new Holder(EquatableArray.Create(1, 2)));
        Assert.NotEqual(new Holder(EquatableArray.Create(1, 2)), new Holder(EquatableArray.Create(1, 3)));
    }

    private sealed record Holder(EquatableArray<int> Items);
}
