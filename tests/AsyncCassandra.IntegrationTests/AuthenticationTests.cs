using AsyncCassandra.Testing;

namespace AsyncCassandra.IntegrationTests;

/// <summary>PasswordAuthenticator and CassandraAuthorizer on a node of their own (127.0.0.3).</summary>
[Collection(NodeCollection.Name)]
public sealed class AuthenticationTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Password_authentication_and_authorization_errors_are_typed()
    {
        await using CassandraTestCluster node = await OwnNode.StartAsync(3, output, "a node with authentication", o =>
        {
            o.ConfigurationOverrides["authenticator"] = "PasswordAuthenticator";
            o.ConfigurationOverrides["authorizer"] = "CassandraAuthorizer";
        });

        CassandraOptions Options(CassandraCredentials? credentials) => OwnNode.ClientOptions(node, o => o.Credentials = credentials);

        // Cassandra 2.1 creates the default superuser about 10 s after start.
        AsyncCluster? admin = null;
        AsyncSession? session = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (session is null)
        {
            admin = new AsyncCluster(Options(new CassandraCredentials("cassandra", "cassandra")));
            try
            {
                session = await admin.ConnectAsync();
            }
            catch (AuthenticationException) when (DateTime.UtcNow < deadline)
            {
                await admin.DisposeAsync();
                await Task.Delay(500);
            }
        }

        await using (admin!)
        {
            await session.ExecuteAsync("CREATE KEYSPACE IF NOT EXISTS secured WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            await session.ExecuteAsync("CREATE TABLE IF NOT EXISTS secured.t (id int PRIMARY KEY)");
            await session.ExecuteAsync("CREATE USER IF NOT EXISTS reader WITH PASSWORD 'reader-password' NOSUPERUSER");

            await using (var anonymous = new AsyncCluster(Options(null)))
            {
                var error = await Assert.ThrowsAsync<AuthenticationException>(() => anonymous.ConnectAsync());
                Assert.Contains("CassandraOptions.Credentials", error.Message, StringComparison.Ordinal);
                Assert.Contains("PasswordAuthenticator", error.Message, StringComparison.Ordinal);
            }

            await using (var wrong = new AsyncCluster(Options(new CassandraCredentials("cassandra", "wrong"))))
            {
                var error = await Assert.ThrowsAsync<AuthenticationException>(() => wrong.ConnectAsync());
                Assert.Equal(0x0100, error.ErrorCode);
            }

            await using var readerCluster = new AsyncCluster(Options(new CassandraCredentials("reader", "reader-password")));
            await using AsyncSession reader = await readerCluster.ConnectAsync();
            var denied = await Assert.ThrowsAsync<UnauthorizedException>(() => reader.ExecuteAsync("SELECT * FROM secured.t"));
            Assert.Equal(0x2100, denied.ErrorCode);
            Assert.Contains("reader", denied.Message, StringComparison.Ordinal);
            await session.ExecuteAsync("GRANT SELECT ON secured.t TO reader");
            // The node caches permissions for permissions_validity_in_ms (2 s by default).
            RowSet? rows = null;
            for (int i = 0; rows is null; i++)
            {
                try
                {
                    rows = await reader.ExecuteAsync("SELECT * FROM secured.t");
                }
                catch (UnauthorizedException) when (i < 50)
                {
                    await Task.Delay(200);
                }
            }

            Assert.Empty(rows);
        }
    }
}
