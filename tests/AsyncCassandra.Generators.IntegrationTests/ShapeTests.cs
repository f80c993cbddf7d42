using AsyncCassandra.Generators.IntegrationTests.Shapes;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>
/// The C# shapes of Shapes/ (a C# 11 project with nullable annotations off, warnings as errors) compiled
/// warning-free; here they run on the node: parameters named like generated locals, oblivious row types and
/// results, keyword members, structs, nested and obsolete types.
/// </summary>
[Collection(GeneratedNodeCollection.Name)]
public sealed class ShapeTests(GeneratedNodeFixture fixture)
{
    private static int s_nextId = Random.Shared.Next(1_000_000, 2_000_000_000);

    [Fact]
    public async Task Parameters_named_like_generated_locals_bind_and_read()
    {
        var repository = ILocalNamesRepository.Create(fixture.Session);
        var id = Guid.NewGuid();

        await repository.InsertAsync(id, "ada", ["a", "b"]);
        Assert.Equal("ada", (await repository.FindAsync(id, 1)).Name);
        Assert.Null(await repository.FindAsync(Guid.NewGuid(), 1));
        Assert.Equal(["a", "b"], Assert.Single(await repository.ListAsync(id, 5)).Tags);
        await repository.SetTagsAsync(["c"], id);
        Assert.Equal(["c"], (await repository.FindAsync(id, 1)).Tags);
        var streamed = new List<LegacyUser>();
        await foreach (var user in repository.StreamAsync(id, 5))
        {
            streamed.Add(user);
        }

        Assert.Equal(id, Assert.Single(streamed).Id);
        Assert.True(await repository.RenameAsync("grace", id, "ada"));
        Assert.False(await repository.RenameAsync("linus", id, "ada"));
        var page = await repository.PageAsync(id, null!);
        Assert.Equal("grace", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task Oblivious_results_are_null_when_the_row_or_column_is_missing()
    {
        var repository = ILegacyRepository.Create(fixture.Session);
        var id = Guid.NewGuid();

        Assert.Null(await repository.GetAsync(id));
        Assert.Null(await repository.NameAsync(id));
        await repository.InsertAsync(new LegacyUser { Id = id, Name = null!, Tags = null! });
        var read = await repository.GetAsync(id);
        Assert.Equal(id, read.Id);
        Assert.Null(read.Name);
        Assert.Null(await repository.NameAsync(id));
        Assert.Null(await repository.TagsAsync(id));
    }

    [Fact]
    public async Task Keyword_members_bind_by_name_and_read_back()
    {
        var repository = IKeywordRepository.Create(fixture.Session);
        var id = Guid.NewGuid();

        await repository.InsertAsync(new Thing(id, "first", 1));
        await repository.SetEventAsync(id, 7);

        Assert.Equal(new Thing(id, "first", 7), await repository.GetAsync(id));
    }

    [Fact]
    public async Task Structs_and_nested_rows_bind_and_read()
    {
        var repository = IStructRepository.Create(fixture.Session);
        var id = Interlocked.Increment(ref s_nextId);

        Assert.Null(await repository.GetCoordAsync(id));
        await repository.InsertAsync(id, new Coord(3, 4));

        var coord = await repository.GetCoordAsync(id);
        Assert.Equal((3, 4), (coord!.Value.X, coord.Value.Y));
        var point = Assert.Single(await repository.PointsAsync(id));
        Assert.Equal((3, 4), (point.X, point.Y));
        Assert.Equal(new IStructRepository.Row(id, 3), await repository.RowAsync(id));
    }

    [Fact]
    public async Task A_float_array_without_a_schema_binds_and_reads_a_list_and_a_set_of_float()
    {
        var repository = IFloatArrayRepository.Create(fixture.Session);
        var id = Interlocked.Increment(ref s_nextId);

        await repository.SetAsync([1.5f, -2f, 1.5f], [3f, 1.5f], id);

        Assert.Equal(new[] { 1.5f, -2f, 1.5f }, await repository.ListAsync(id));
        Assert.Equal(new[] { 1.5f, 3f }, (await repository.SetOfAsync(id)).Order());
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => repository.MismatchAsync([1f], id));
        Assert.Contains("text is not a vector<float, n>, a list<float> or a set<float>", error.Message, StringComparison.Ordinal);
    }

#pragma warning disable CS0618 // The obsolete types are the point of this test.
    [Fact]
    public async Task Obsolete_row_and_enum_types_run()
    {
        var repository = IObsoleteRepository.Create(fixture.Session);
        var users = ILegacyRepository.Create(fixture.Session);
        var id = Guid.NewGuid();

        await users.InsertAsync(new LegacyUser { Id = id, Name = "old", Tags = ["t"] });
        await repository.SetKindAsync(OldKind.Second, id);

        Assert.Equal(new OldUser(id, "old"), await repository.GetAsync(id));
        Assert.Equal(OldKind.Second, await repository.KindAsync(id));
    }
#pragma warning restore CS0618
}
