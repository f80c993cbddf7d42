using System.Net.Http.Json;

namespace AsyncCassandra.Samples.Tests;

/// <summary><c>GET /metrics</c>: Prometheus text from OpenTelemetry's exporter, with the library's instruments and ASP.NET's.</summary>
[Collection(WebApiCollection.Name)]
public sealed class WebApiMetricsTests(WebApiFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Metrics_show_the_librarys_instruments_with_values_after_real_requests()
    {
        await fixture.CreateUserAsync("Metered", "metered@example.com");
        await fixture.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/users/{fixture.SeededIds[1]}");

        using HttpResponseMessage response = await fixture.Http.GetAsync("/metrics");
        string text = await response.Content.ReadAsStringAsync();
        output.WriteLine(string.Join('\n', text.Split('\n').Where(l => l.Contains("cassandra", StringComparison.Ordinal))));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains(PrometheusText.Samples(text, "cassandra_client_requests_total"), s => s.Labels.Contains("outcome=\"success\"", StringComparison.Ordinal) && s.Value > 0);
        Assert.True(PrometheusText.Sum(text, "cassandra_client_request_duration_seconds_count") > 0);
        Assert.True(PrometheusText.Sum(text, "cassandra_client_request_duration_seconds_sum") > 0);
        Assert.Contains(PrometheusText.Samples(text, "cassandra_client_request_duration_seconds_bucket"), s => s.Labels.Contains("le=\"0.1\"", StringComparison.Ordinal) && s.Value > 0);
        Assert.True(PrometheusText.Sum(text, "cassandra_client_connections") > 0);

        // Per node and per operation (OpenTelemetry's database-client conventions), and the per-node gauges.
        Assert.Contains(PrometheusText.Samples(text, "cassandra_client_connections"), s => s.Labels.Contains("server_address=", StringComparison.Ordinal) && s.Labels.Contains("server_port=", StringComparison.Ordinal) && s.Value > 0);
        Assert.Contains(PrometheusText.Samples(text, "cassandra_client_requests_total"), s => s.Labels.Contains("db_operation_name=\"SELECT\"", StringComparison.Ordinal) && s.Labels.Contains("server_address=", StringComparison.Ordinal) && s.Value > 0);
        Assert.Contains(PrometheusText.Samples(text, "db_client_operation_duration_seconds_count"), s => s.Labels.Contains("db_system_name=\"cassandra\"", StringComparison.Ordinal) && s.Labels.Contains("db_operation_name=\"INSERT\"", StringComparison.Ordinal) && s.Value > 0);
        Assert.Contains(PrometheusText.Samples(text, "cassandra_client_host_up"), s => s.Labels.Contains("server_address=", StringComparison.Ordinal) && s.Value == 1);
        Assert.True(PrometheusText.Sum(text, "http_server_request_duration_seconds_count") > 0, "ASP.NET Core's own metrics are missing");
    }
}
