using System.Globalization;
using System.Net;

namespace AsyncCassandra.ServerModel;

/// <summary>
/// The system tables drivers read when they connect: system.local, system.peers, system.peers_v2 (Cassandra 4.0 and
/// later only: older nodes answer "unconfigured table", and drivers fall back to system.peers), and system_schema's
/// keyspaces, tables and columns built from the model's data. Built fresh for every query.
/// </summary>
internal static class SystemTables
{
    private const string Partitioner = "org.apache.cassandra.dht.Murmur3Partitioner";
    private static readonly Guid HostIdSeed = Guid.Parse("6e7f6a3c-0000-4000-8000-000000000000");

    private static Guid HostId(IPAddress address)
    {
        byte[] bytes = HostIdSeed.ToByteArray(bigEndian: true);
        byte[] ip = address.GetAddressBytes();
        ip.CopyTo(bytes, 16 - ip.Length);
        return new Guid(bytes, bigEndian: true);
    }

    public static Table? Local(ModelServer server, string name)
    {
        ModelServerOptions o = server.Options;
        switch (name)
        {
            case "local":
                return new Table("system", "local",
                    [
                        new("key", ColumnType.Text), new("bootstrapped", ColumnType.Text), new("broadcast_address", ColumnType.Inet),
                        new("cluster_name", ColumnType.Text), new("cql_version", ColumnType.Text), new("data_center", ColumnType.Text),
                        new("host_id", ColumnType.Uuid), new("listen_address", ColumnType.Inet), new("native_protocol_version", ColumnType.Text),
                        new("partitioner", ColumnType.Text), new("rack", ColumnType.Text), new("release_version", ColumnType.Text),
                        new("rpc_address", ColumnType.Inet), new("rpc_port", ColumnType.Int), new("schema_version", ColumnType.Uuid),
                        new("tokens", ColumnType.SetOf(ColumnType.Text)),
                    ])
                    .Add("local", "COMPLETED", server.Address, o.ClusterName, "3.4.5", o.Datacenter, HostId(server.Address), server.Address,
                        o.Versions.Max().ToString(CultureInfo.InvariantCulture), Partitioner, o.Rack, o.ReleaseVersion, server.Address, server.Port,
                        o.Data.SchemaVersion, new[] { o.Token });
            case "peers":
            {
                var peers = new Table("system", "peers",
                [
                    new("peer", ColumnType.Inet), new("data_center", ColumnType.Text), new("host_id", ColumnType.Uuid), new("preferred_ip", ColumnType.Inet),
                    new("rack", ColumnType.Text), new("release_version", ColumnType.Text), new("rpc_address", ColumnType.Inet),
                    new("schema_version", ColumnType.Uuid), new("tokens", ColumnType.SetOf(ColumnType.Text)),
                ]);
                foreach (ModelPeer p in o.Peers)
                {
                    peers.Add(p.Address, p.Datacenter, HostId(p.Address), null, p.Rack, p.ReleaseVersion, p.Address, o.Data.SchemaVersion, new[] { p.Token });
                }

                return peers;
            }

            case "peers_v2" when MajorVersion(o.ReleaseVersion) >= 4:
            {
                var peers = new Table("system", "peers_v2",
                [
                    new("peer", ColumnType.Inet), new("peer_port", ColumnType.Int), new("data_center", ColumnType.Text), new("host_id", ColumnType.Uuid),
                    new("native_address", ColumnType.Inet), new("native_port", ColumnType.Int), new("preferred_ip", ColumnType.Inet),
                    new("preferred_port", ColumnType.Int), new("rack", ColumnType.Text), new("release_version", ColumnType.Text),
                    new("schema_version", ColumnType.Uuid), new("tokens", ColumnType.SetOf(ColumnType.Text)),
                ], clusteringCount: 1);
                foreach (ModelPeer p in o.Peers)
                {
                    peers.Add(p.Address, 7000, p.Datacenter, HostId(p.Address), p.Address, p.NativePort, null, null, p.Rack, p.ReleaseVersion, o.Data.SchemaVersion, new[] { p.Token });
                }

                return peers;
            }

            default:
                return null;
        }
    }

    public static Table? Schema(ModelData data, string name)
    {
        switch (name)
        {
            case "keyspaces":
            {
                var keyspaces = new Table("system_schema", "keyspaces", [new("keyspace_name", ColumnType.Text), new("durable_writes", ColumnType.Boolean), new("replication", ColumnType.MapOf(ColumnType.Text, ColumnType.Text))]);
                foreach (string keyspace in data.Keyspaces())
                {
                    keyspaces.Add(keyspace, true, new Dictionary<string, string> { ["class"] = "org.apache.cassandra.locator.SimpleStrategy", ["replication_factor"] = "1" });
                }

                return keyspaces;
            }

            case "tables":
            {
                var tables = new Table("system_schema", "tables", [new("keyspace_name", ColumnType.Text), new("table_name", ColumnType.Text), new("id", ColumnType.Uuid)], clusteringCount: 1);
                foreach (Table t in data.Tables())
                {
                    tables.Add(t.Keyspace, t.Name, Guid.NewGuid());
                }

                return tables;
            }

            case "columns":
            {
                var columns = new Table("system_schema", "columns",
                [
                    new("keyspace_name", ColumnType.Text), new("table_name", ColumnType.Text), new("column_name", ColumnType.Text),
                    new("clustering_order", ColumnType.Text), new("kind", ColumnType.Text), new("position", ColumnType.Int), new("type", ColumnType.Text),
                ], clusteringCount: 2);
                foreach (Table t in data.Tables())
                {
                    for (int i = 0; i < t.Columns.Count; i++)
                    {
                        (string kind, int position) = i < t.PartitionKeyCount ? ("partition_key", i)
                            : i < t.PartitionKeyCount + t.ClusteringCount ? ("clustering", i - t.PartitionKeyCount)
                            : ("regular", -1);
                        columns.Add(t.Keyspace, t.Name, t.Columns[i].Name, kind == "clustering" ? "asc" : "none", kind, position, t.Columns[i].Type.Name);
                    }
                }

                return columns;
            }

            default:
                return null;
        }
    }

    private static int MajorVersion(string release) =>
        int.TryParse(release.Split('.')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int major) ? major : 0;
}
