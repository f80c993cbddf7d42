using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AsyncCassandra.IntegrationTests;

[Collection(NodeCollection.Name)]
public sealed class DiagnosticsTests(NodeFixture fixture)
{
    [Fact]
    public async Task Metrics_and_trace_spans_describe_each_request_and_its_outcome()
    {
        var outcomes = new List<string>();
        var durations = new List<double>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CassandraDiagnostics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "cassandra.client.requests")
            {
                foreach (KeyValuePair<string, object?> tag in tags)
                {
                    if (tag.Key == "outcome")
                    {
                        lock (outcomes)
                        {
                            outcomes.Add((string)tag.Value!);
                        }
                    }
                }
            }
        });
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "cassandra.client.request.duration")
            {
                lock (durations)
                {
                    durations.Add(value);
                }
            }
        });
        meters.Start();

        var spans = new List<Activity>();
        string marker = Guid.NewGuid().ToString("N");
        using var tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CassandraDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (((string?)activity.GetTagItem("db.query.text"))?.Contains(marker, StringComparison.Ordinal) == true)
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(tracing);

        await fixture.Session.ExecuteAsync($"SELECT release_version FROM system.local /* {marker} */");
        await Assert.ThrowsAsync<SyntaxErrorException>(() => fixture.Session.ExecuteAsync($"SELEC nothing /* {marker} */"));

        Assert.Contains("success", outcomes);
        Assert.Contains(nameof(SyntaxErrorException), outcomes);
        Assert.NotEmpty(durations);
        Assert.All(durations, d => Assert.InRange(d, 0, 30));
        Assert.Equal(2, spans.Count);
        Activity ok = spans.Single(a => a.Status != ActivityStatusCode.Error);
        Activity failed = spans.Single(a => a.Status == ActivityStatusCode.Error);
        Assert.Equal(ActivityKind.Client, ok.Kind);
        Assert.Equal("cassandra", ok.GetTagItem("db.system"));
        Assert.Equal("SELECT", ok.GetTagItem("db.operation.name"));
        Assert.Equal(NodeFixture.Keyspace, ok.GetTagItem("db.namespace"));
        Assert.Equal(fixture.Node.ContactPoints[0], ok.GetTagItem("server.address"));
        Assert.Equal(fixture.Node.Port, ok.GetTagItem("server.port"));
        Assert.Contains("SELEC", failed.StatusDescription, StringComparison.Ordinal);

        // The level actually used is tagged when the session default applies (OpenTelemetry's value spelling), and a
        // failed span names the node it failed on.
        Assert.Equal("local_one", ok.GetTagItem("db.cassandra.consistency_level"));
        Assert.Equal("local_one", failed.GetTagItem("db.cassandra.consistency_level"));
        Assert.Equal(fixture.Node.ContactPoints[0], failed.GetTagItem("server.address"));
        Assert.Equal(fixture.Node.Port, failed.GetTagItem("server.port"));
    }
}
