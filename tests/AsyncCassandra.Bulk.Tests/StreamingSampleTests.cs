using System.Globalization;
using System.Text.RegularExpressions;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>samples/Streaming run as a user runs it: both demos pass, and the timer's largest gap is what it prints.</summary>
[Collection(BulkNodeCollection.Name)]
public sealed partial class StreamingSampleTests(BulkNodeFixture node, ITestOutputHelper output)
{
    [Fact]
    public async Task Streaming_sample_keeps_the_timer_ticking_and_the_session_working()
    {
        using ChildProcess sample = ChildProcess.Start("dotnet", [ChildProcess.SamplePath("Streaming")], node.ChildEnvironment());
        int exit = await sample.WaitAsync(TimeSpan.FromMinutes(4));
        output.WriteLine(sample.Output);
        Assert.Equal(0, exit);
        Match streamed = Streamed().Match(sample.Output);
        Assert.True(streamed.Success, sample.Output);
        Assert.Equal("100,000", streamed.Groups["rows"].Value);
        Assert.True(double.Parse(streamed.Groups["gap"].Value, CultureInfo.InvariantCulture) < 1000); // the sample's own bound: a stopped thread, not a slow machine
        Assert.Contains("A failing query: SyntaxErrorException", sample.Output, StringComparison.Ordinal);
        Assert.Contains("A failing stream: InvalidQueryException", sample.Output, StringComparison.Ordinal);
        Assert.Contains("Both demos passed.", sample.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Streamed (?<rows>[\d,]+) rows .* largest gap (?<gap>[\d.]+) ms")]
    private static partial Regex Streamed();
}
