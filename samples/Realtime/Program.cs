// AsyncCassandra live dashboard sample: simulated sensors write readings at a steady rate; every second the app streams
// each sensor's last 30 s of readings back from Cassandra, folds them into count/min/max/mean, and pushes the result to
// the page at / as server-sent events from an IAsyncEnumerable. The cluster comes from configuration ("Cassandra"),
// CASSANDRA_CONTACT_POINTS, or an embedded node on 127.0.0.1; the app listens where --urls / ASPNETCORE_URLS says.
using AsyncCassandra;
using AsyncCassandra.Testing;
using Realtime.Dashboard;
using Realtime.Infrastructure;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
await using CassandraTestCluster? embedded = await EmbeddedNode.StartIfNeededAsync(builder.Configuration, CancellationToken.None);

builder.Services.AddAsyncCassandra(builder.Configuration.GetSection("Cassandra")).AddCassandraRepositories();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SnapshotBroadcaster>();
builder.Services.AddSingleton<WindowAggregator>();
builder.Services.AddHostedService<Realtime.Sensors.SensorSimulator>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<WindowAggregator>());
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, RealtimeJsonContext.Default));
builder.Services.AddHealthChecks().AddCheck<CassandraHealthCheck>("cassandra");

WebApplication app = builder.Build();
await Schema.EnsureAsync(app.Services, app.Lifetime.ApplicationStopping);

app.UseDefaultFiles();
app.UseStaticFiles();
app.MapGet("/events", (SnapshotBroadcaster broadcaster, CancellationToken ct) =>
    TypedResults.ServerSentEvents(broadcaster.SubscribeAsync(ct), eventType: "snapshot"));
app.MapHealthChecks("/health/ready");
await app.RunAsync();
