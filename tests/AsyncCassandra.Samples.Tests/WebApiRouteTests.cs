using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AsyncCassandra.Samples.Tests;

/// <summary>Every route of the WebApi sample over real HTTP, good and bad inputs, against the real node.</summary>
[Collection(WebApiCollection.Name)]
public sealed class WebApiRouteTests(WebApiFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Post_creates_a_user_with_a_location_and_get_returns_the_same_camel_case_body()
    {
        using HttpResponseMessage created = await Http.PostAsJsonAsync("/users", new { name = "Ada Lovelace", email = "ada@example.com" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["id", "name", "email", "createdAt"], body.EnumerateObject().Select(p => p.Name));
        Guid id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/users/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Ada Lovelace", body.GetProperty("name").GetString());
        Assert.Equal("ada@example.com", body.GetProperty("email").GetString());
        Assert.True(DateTimeOffset.UtcNow - body.GetProperty("createdAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5));

        using HttpResponseMessage fetched = await Http.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(body.GetRawText(), (await fetched.Content.ReadFromJsonAsync<JsonElement>()).GetRawText());
        RowSet stored = await fixture.Session.ExecuteAsync("SELECT name FROM users WHERE id = ?", [id]);
        Assert.Equal("Ada Lovelace", stored[0].Get<string>("name"));
    }

    [Theory]
    [InlineData("{\"email\":\"nameless@example.com\"}")]
    [InlineData("{\"name\":\"   \",\"email\":\"blank@example.com\"}")]
    public async Task Post_without_a_name_is_a_400_problem_naming_the_field(string json)
    {
        using HttpResponseMessage response = await Http.PostAsync("/users", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Post_of_a_body_that_is_not_json_is_a_400_problem()
    {
        using HttpResponseMessage response = await Http.PostAsync("/users", new StringContent("{name:", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_is_400_for_an_id_that_is_not_a_uuid_and_404_for_an_unknown_one()
    {
        using HttpResponseMessage bad = await Http.GetAsync("/users/not-a-uuid");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not a UUID", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using HttpResponseMessage missing = await Http.GetAsync($"/users/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Put_updates_an_existing_user_and_is_404_for_an_absent_one_without_creating_it()
    {
        Guid id = (await fixture.CreateUserAsync("Grace", "grace@example.com")).GetProperty("id").GetGuid();

        using HttpResponseMessage updated = await Http.PutAsJsonAsync($"/users/{id}", new { name = "Grace Hopper", email = "hopper@example.com" });
        Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        JsonElement now = await Http.GetFromJsonAsync<JsonElement>($"/users/{id}");
        Assert.Equal("Grace Hopper", now.GetProperty("name").GetString());
        Assert.Equal("hopper@example.com", now.GetProperty("email").GetString());

        Guid absent = Guid.NewGuid();
        using HttpResponseMessage missing = await Http.PutAsJsonAsync($"/users/{absent}", new { name = "Nobody", email = (string?)null });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await fixture.Session.ExecuteAsync("SELECT id FROM users WHERE id = ?", [absent]));

        using HttpResponseMessage nameless = await Http.PutAsJsonAsync($"/users/{id}", new { email = "x@example.com" });
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        using HttpResponseMessage badId = await Http.PutAsJsonAsync("/users/123", new { name = "X" });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }

    [Fact]
    public async Task Delete_removes_the_user_and_is_idempotent()
    {
        Guid id = (await fixture.CreateUserAsync("Temporary", null)).GetProperty("id").GetGuid();

        using HttpResponseMessage deleted = await Http.DeleteAsync($"/users/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage gone = await Http.GetAsync($"/users/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using HttpResponseMessage again = await Http.DeleteAsync($"/users/{id}");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        using HttpResponseMessage badId = await Http.DeleteAsync("/users/zzz");
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }

    [Fact]
    public async Task Paging_with_opaque_url_safe_tokens_visits_every_user_once()
    {
        long total = (await fixture.Session.ExecuteAsync(new SimpleStatement("SELECT count(*) FROM users") { Timeout = TimeSpan.FromMinutes(1) }))[0].Get<long>(0);
        var seen = new HashSet<Guid>();
        string? token = null;
        int pages = 0;
        do
        {
            string url = "/users?pageSize=500" + (token is null ? string.Empty : "&pageToken=" + token);
            JsonElement page = await Http.GetFromJsonAsync<JsonElement>(url);
            Assert.Equal(["items", "nextPageToken"], page.EnumerateObject().Select(p => p.Name));
            foreach (JsonElement user in page.GetProperty("items").EnumerateArray())
            {
                Assert.True(seen.Add(user.GetProperty("id").GetGuid()), "a user came twice");
            }

            token = page.GetProperty("nextPageToken").GetString();
            if (token is not null)
            {
                Assert.Matches("^[A-Za-z0-9_-]+$", token);
            }

            pages++;
        }
        while (token is not null);

        Assert.Equal(total, seen.Count);
        Assert.True(pages >= WebApiFixture.SeededUsers / 500);
        JsonElement small = await Http.GetFromJsonAsync<JsonElement>("/users?pageSize=3");
        Assert.Equal(3, small.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("many")]
    public async Task A_page_size_out_of_range_is_a_400(string pageSize)
    {
        using HttpResponseMessage response = await Http.GetAsync("/users?pageSize=" + pageSize);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Altered_truncated_foreign_or_raw_page_tokens_are_400_never_rows_or_500()
    {
        JsonElement first = await Http.GetFromJsonAsync<JsonElement>("/users?pageSize=5");
        string token = first.GetProperty("nextPageToken").GetString()!;
        char flipped = token[10] == 'A' ? 'B' : 'A';
        var other = new PagingTokenProtector(WebApiFixture.TokenKey);
        RowSet realPage = await fixture.Session.ExecuteAsync(new SimpleStatement("SELECT id, name, email, created_at FROM users") { PageSize = 5 });
        string[] forged =
        [
            string.Concat(token.AsSpan(0, 10), flipped.ToString(), token.AsSpan(11)),
            token[..(token.Length / 2)],
            token + "AAAA",
            other.Protect(realPage.PagingState, new SimpleStatement("SELECT id, name FROM users WHERE id = ?"))!,
            Convert.ToBase64String(realPage.PagingState!).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            "%%%",
        ];

        foreach (string bad in forged)
        {
            using HttpResponseMessage response = await Http.GetAsync("/users?pageSize=5&pageToken=" + Uri.EscapeDataString(bad));
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"token {bad}: {(int)response.StatusCode} {body}");
            Assert.Equal("Invalid page token", JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
            Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        }

        using HttpResponseMessage foreign = await Http.GetAsync("/users?pageSize=5&pageToken=" + forged[3]);
        Assert.Contains("another query", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_user_routes()
    {
        JsonElement document = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        JsonElement paths = document.GetProperty("paths");
        foreach (string path in new[] { "/users", "/users/{id}", "/users/stream" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI document: {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");
        }

        Assert.True(paths.GetProperty("/users").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/users/{id}").TryGetProperty("put", out _));
    }

    [Fact]
    public async Task Liveness_and_readiness_are_healthy_json_while_the_node_answers()
    {
        using HttpResponseMessage live = await Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        JsonElement ready = await Http.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("cassandra").GetProperty("status").GetString());
    }
}
