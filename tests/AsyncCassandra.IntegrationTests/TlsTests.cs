using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AsyncCassandra.Testing;

namespace AsyncCassandra.IntegrationTests;

/// <summary>TLS through SslStream against a node serving its native port over TLS only (127.0.0.4).</summary>
[Collection(NodeCollection.Name)]
public sealed class TlsTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Tls_validates_the_server_certificate_by_default_and_connects_when_it_is_trusted()
    {
        await using CassandraTestCluster node = await OwnNode.StartAsync(4, output, "a node serving TLS", o => o.EnableClientTls = true);
        X509Certificate2 certificate = node.GetNodeCertificate(0)!;

        CassandraOptions Options(SslClientAuthenticationOptions? ssl) => OwnNode.ClientOptions(node, o => o.Ssl = ssl);

        // A self-signed certificate is refused unless the application trusts it.
        await using (var untrusted = new AsyncCluster(Options(new SslClientAuthenticationOptions())))
        {
            var error = await Assert.ThrowsAsync<NoHostAvailableException>(() => untrusted.ConnectAsync());
            Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
            output.WriteLine(error.Message);
        }

        var pinned = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
        };
        await using (var trusted = new AsyncCluster(Options(pinned)))
        {
            await using AsyncSession session = await trusted.ConnectAsync();
            Row row = Assert.Single(await session.ExecuteAsync("SELECT release_version FROM system.local"));
            Assert.False(string.IsNullOrEmpty(row.Get<string>(0)));
            PreparedStatement prepared = await session.PrepareAsync("SELECT cluster_name FROM system.local WHERE key = ?");
            Assert.Single(await session.ExecuteAsync(prepared.Bind("local")));
        }

        // Plain TCP to a TLS-only port fails promptly with a clear error instead of hanging.
        var watch = Stopwatch.StartNew();
        await using (var plain = new AsyncCluster(Options(null)))
        {
            await Assert.ThrowsAsync<NoHostAvailableException>(() => plain.ConnectAsync());
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"plain TCP to a TLS port took {watch.ElapsedMilliseconds} ms to fail");
    }
}
