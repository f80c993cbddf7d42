using AsyncCassandra.Testing;
using Microsoft.Playwright;
using Realtime.Sensors;

namespace AsyncCassandra.Samples.Tests;

/// <summary>
/// The Realtime sample in a real browser: Debian's chromium, headless, driven by Playwright, opens the page and sees
/// every sensor, with values that change within a few seconds. The screenshot is kept in artifacts/.
/// </summary>
public sealed class RealtimeDashboardTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_page_shows_every_sensor_and_its_values_change()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs it through scripts/ensure-chromium.sh (apt-get install chromium).");
        await using CassandraTestCluster node = await CassandraTestCluster.StartAsync(new CassandraTestClusterOptions { Log = output.WriteLine });
        await using SampleProcess sample = await SampleProcess.StartAsync("Realtime", new Dictionary<string, string>
        {
            ["CASSANDRA_CONTACT_POINTS"] = string.Join(',', node.ContactPoints),
            ["CASSANDRA_PORT"] = node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cassandra__Keyspace"] = "realtime_e2e",
        });

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 860 } });
        page.Console += (_, message) => output.WriteLine($"[page {message.Type}] {message.Text}");
        await page.GotoAsync(sample.BaseAddress.ToString());

        string[] ids = [.. SensorCatalog.All.Select(s => s.Id)];
        await page.WaitForFunctionAsync(
            "ids => ids.every(id => { const v = document.querySelector(`[data-sensor='${id}'] .value`); return v && /\\d/.test(v.textContent); })",
            ids,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
        Dictionary<string, string> first = await ValuesAsync(page, ids);
        output.WriteLine("first: " + string.Join(", ", first.Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal(SensorCatalog.All.Count, await page.Locator("[data-sensor]").CountAsync());
        foreach (Sensor sensor in SensorCatalog.All)
        {
            Assert.Equal(sensor.Name, await page.Locator($"[data-sensor='{sensor.Id}'] .name").InnerTextAsync());
        }

        var changed = new HashSet<string>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (changed.Count < ids.Length && watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(500);
            foreach ((string id, string value) in await ValuesAsync(page, ids))
            {
                if (value != first[id])
                {
                    changed.Add(id);
                }
            }
        }

        output.WriteLine($"{changed.Count} of {ids.Length} sensors changed within {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(changed.Count == ids.Length, $"unchanged after {watch.Elapsed.TotalSeconds:0} s: {string.Join(", ", ids.Except(changed))}");
        Assert.Equal("live", await page.Locator("#connection-text").InnerTextAsync());

        string screenshot = Path.Combine(SampleProcess.RepositoryRoot, "artifacts", "realtime-dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine("screenshot: " + screenshot);
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static async Task<Dictionary<string, string>> ValuesAsync(IPage page, string[] ids)
    {
        var values = new Dictionary<string, string>();
        foreach (string id in ids)
        {
            values[id] = await page.Locator($"[data-sensor='{id}'] .value").InnerTextAsync();
        }

        return values;
    }
}
