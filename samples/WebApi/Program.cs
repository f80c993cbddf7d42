// AsyncCassandra web API sample: an ASP.NET Core minimal API on generated repositories. The cluster comes from
// configuration (section "Cassandra", appsettings.json), CASSANDRA_CONTACT_POINTS, or an embedded node on 127.0.0.1;
// the app listens where --urls / ASPNETCORE_URLS says. Routes: /users (CRUD, paging with opaque tokens, an NDJSON
// stream), /health/live, /health/ready, /metrics (Prometheus), /openapi/v1.json. See README.md.
using AsyncCassandra;
using AsyncCassandra.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using WebApi.Infrastructure;
using WebApi.Users;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
await using CassandraTestCluster? embedded = await EmbeddedNode.StartIfNeededAsync(builder.Configuration, CancellationToken.None);

builder.Services.AddAsyncCassandra(builder.Configuration.GetSection("Cassandra")).AddCassandraRepositories();
builder.Services.AddSingleton(PagingTokens.Create);
builder.Services.AddSingleton<UserPages>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WebApiJsonContext.Default));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<CassandraExceptionHandler>();
builder.Services.AddAppHealthChecks();
builder.Services.AddOpenApi();
builder.Services.AddOpenTelemetry()
    .ConfigureResource(resource => resource.AddService("AsyncCassandra.WebApi"))
    .WithMetrics(metrics => metrics
        .AddMeter(CassandraDiagnostics.MeterName)
        .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
        // Seconds, so buckets from a millisecond up (the SDK's default buckets suit milliseconds).
        .AddView("cassandra.client.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] })
        // Every scrape sees current values (the exporter otherwise serves the same text for 300 ms).
        .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

WebApplication app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

await UserSchema.EnsureAsync(app.Services, app.Lifetime.ApplicationStopping);

app.MapUsers();
app.MapHealth();
app.MapOpenApi();
app.MapPrometheusScrapingEndpoint("/metrics");
await app.RunAsync();
