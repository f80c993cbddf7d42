using AsyncCassandra.Generators.IntegrationTests.Repositories;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>Every return shape of a generated repository, against the real node.</summary>
[Collection(GeneratedNodeCollection.Name)]
public sealed class ReturnShapeTests(GeneratedNodeFixture fixture)
{
    private readonly IUserRepository _users = IUserRepository.Create(fixture.Session);

    private static User NewUser(string name, string? email = null) =>
        new(Guid.NewGuid(), name, email, new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero));

    [Fact]
    public async Task Task_insert_then_first_row_or_null()
    {
        var user = NewUser("ada", "ada@example.com");
        await _users.InsertAsync(user);

        Assert.Equal(user, await _users.GetAsync(user.Id));
        Assert.Null(await _users.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task ValueTask_first_row_and_nullable_scalar()
    {
        var user = NewUser("grace");
        await _users.InsertAsync(user);

        Assert.Equal(user, await _users.FindAsync(user.Id));
        Assert.Null(await _users.FindAsync(Guid.NewGuid()));
        Assert.Null(await _users.GetEmailAsync(user.Id));
        await _users.SetEmailAsync("grace@example.com", user.Id);
        Assert.Equal("grace@example.com", await _users.GetEmailAsync(user.Id));
        await _users.SetEmailAsync(null, user.Id);
        Assert.Null(await _users.GetEmailAsync(user.Id));
        Assert.Null(await _users.GetEmailAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Non_nullable_result_without_a_row_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _users.GetRequiredAsync(Guid.NewGuid()));
        Assert.Contains("IUserRepository.GetRequiredAsync returned no row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_count()
    {
        await _users.InsertAsync(NewUser("counted"));
        Assert.True(await _users.CountAsync() >= 1);
    }

    [Fact]
    public async Task List_of_rows_with_in_marker()
    {
        var a = NewUser("a");
        var b = NewUser("b");
        await _users.InsertAsync(a);
        await _users.InsertAsync(b);

        var found = await _users.GetManyAsync([a.Id, b.Id, Guid.NewGuid()]);

        Assert.Equal([a, b], found.OrderBy(u => u.Name));
        Assert.Empty(await _users.GetManyAsync([]));
    }

    [Fact]
    public async Task Stream_and_pages_read_every_row()
    {
        var mine = Enumerable.Range(0, 5).Select(i => NewUser("streamed" + i)).ToList();
        foreach (var user in mine)
        {
            await _users.InsertAsync(user);
        }

        var streamed = new List<User>();
        await foreach (var user in _users.StreamAllAsync())
        {
            streamed.Add(user);
        }

        var paged = new List<User>();
        byte[]? state = null;
        do
        {
            var page = await _users.PageAsync(state);
            paged.AddRange(page.Items);
            state = page.PagingState;
            Assert.True(page.Items.Count <= 100);
        }
        while (state is not null);

        Assert.Superset(mine.ToHashSet(), streamed.ToHashSet());
        Assert.Equal(streamed.Count, paged.Count);
        Assert.Equal(streamed.ToHashSet(), paged.ToHashSet());
    }

    [Fact]
    public async Task Conditional_statements_return_whether_they_applied()
    {
        var id = Guid.NewGuid();
        Assert.True(await _users.TryCreateAsync(id, "first", DateTimeOffset.UtcNow));
        Assert.False(await _users.TryCreateAsync(id, "second", DateTimeOffset.UtcNow));
        Assert.Equal("first", (await _users.GetRowAsync(id))!.FullName);

        Assert.False(await _users.RenameAsync(id, "wrong", "third"));
        Assert.True(await _users.RenameAsync(id, "first", "third"));
        Assert.Equal("third", (await _users.GetRowAsync(id))!.FullName);
    }

    [Fact]
    public async Task Select_star_maps_a_class_through_settable_init_and_renamed_members()
    {
        var user = NewUser("lin", "lin@example.com");
        await _users.InsertAsync(user);

        var row = await _users.GetRowAsync(user.Id);

        Assert.NotNull(row);
        Assert.Equal(user.Id, row.Id);
        Assert.Equal("lin", row.FullName);
        Assert.Equal("lin@example.com", row.Email);
        Assert.Equal(user.CreatedAt, row.CreatedAt);
        Assert.Equal("lin <lin@example.com>", row.Display);
    }

    [Fact]
    public async Task Delete_then_gone()
    {
        var user = NewUser("gone");
        await _users.InsertAsync(user);
        await _users.DeleteAsync(user.Id);
        Assert.Null(await _users.GetAsync(user.Id));
    }

    [Fact]
    public async Task Null_entity_parameter_is_rejected_before_anything_runs()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _users.InsertAsync(null!));
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_prepared_statement()
    {
        var repository = IUserRepository.Create(fixture.Session);
        var user = NewUser("concurrent");
        await repository.InsertAsync(user);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => repository.GetAsync(user.Id)));

        Assert.All(results, r => Assert.Equal(user, r));
    }
}
