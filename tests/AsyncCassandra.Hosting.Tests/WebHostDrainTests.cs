using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncCassandra.Hosting.Tests;

/// <summary>
/// In an ASP.NET Core app the session drains after the web server has finished its own requests: an HTTP request in
/// flight when the app stops still reaches Cassandra and answers.
/// </summary>
[Collection(SharedNodeCollection.Name)]
public sealed class WebHostDrainTests(SharedNodeFixture fixture)
{
    [Fact]
    public async Task An_http_request_in_flight_when_the_app_stops_still_gets_its_cassandra_answer()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(fixture.Settings());
        builder.Services.AddAsyncCassandra(builder.Configuration.GetSection("Cassandra"));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using WebApplication app = builder.Build();
        app.MapGet("/slow", async (AsyncSession session) =>
        {
            entered.TrySetResult();
            await release.Task;
            RowSet rows = await session.ExecuteAsync("SELECT release_version FROM system.local");
            return rows[0].Get<string>(0);
        });
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Task<HttpResponseMessage> response = http.GetAsync("/slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Task stopping = app.StopAsync();
        await Task.Delay(500);
        Assert.False(stopping.IsCompleted);
        release.SetResult();

        using HttpResponseMessage answer = await response.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Matches(@"^\d+\.\d+", await answer.Content.ReadAsStringAsync());
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => app.Services.GetRequiredService<AsyncSession>().ExecuteAsync("SELECT release_version FROM system.local"));
    }
}
