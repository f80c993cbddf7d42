using AsyncCassandra.Generators.IntegrationTests.Repositories;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>
/// Empty values through generated repositories on the real node: an int written as <c>blobAsInt(0x)</c> holds zero
/// bytes, which is not null (spec v3 §6). Nullable members and scalars read it as null; a non-nullable member gets an
/// <see cref="EmptyValueException"/> naming the column and the member.
/// </summary>
[Collection(GeneratedNodeCollection.Name)]
public sealed class EmptyValueTests(GeneratedNodeFixture fixture)
{
    private readonly IEmptyValueRepository _rows = IEmptyValueRepository.Create(fixture.Session);

    [Fact]
    public async Task An_empty_int_reads_as_null_into_nullable_members_and_as_EmptyValueException_into_an_int_member()
    {
        int k = Random.Shared.Next();
        await fixture.Session.ExecuteAsync("INSERT INTO empty_values (k, n) VALUES (?, blobAsInt(0x))", [k]);

        NullableNumber? nullable = await _rows.GetNullableAsync(k);
        Assert.Equal(new NullableNumber(k, null), nullable);
        Assert.Null(await _rows.GetNumberAsync(k));

        var ex = await Assert.ThrowsAsync<EmptyValueException>(() => _rows.GetStrictAsync(k));
        Assert.Equal("n", ex.Column);
        Assert.Contains("StrictNumber.N", ex.Message, StringComparison.Ordinal);

        // A real null in the same member is still reported as null.
        await fixture.Session.ExecuteAsync("INSERT INTO empty_values (k, n) VALUES (?, null)", [k + 1]);
        var nullError = await Assert.ThrowsAsync<InvalidCastException>(() => _rows.GetStrictAsync(k + 1));
        Assert.IsNotType<EmptyValueException>(nullError);
    }
}
