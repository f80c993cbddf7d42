using AsyncCassandra.Cluster;

namespace AsyncCassandra.Tests.Cluster.Routing;

/// <summary>The order in which a request tries nodes, with and without a known partition.</summary>
public class QueryPlanTests
{
    private static Host Node(int n, string dc = "dc1") => new($"10.0.0.{n}", 9042) { Datacenter = dc };

    private static List<Host> All(QueryPlan plan) => plan.ToList();

    [Fact]
    public void Without_replicas_local_up_nodes_rotate_then_remote_then_down()
    {
        Host a = Node(1), b = Node(2), remote = Node(3, "dc2"), down = Node(4);
        down.IsUp = false;
        Host[] hosts = [a, b, remote, down];

        Assert.Equal([a, b, remote, down], All(new QueryPlan(hosts, "dc1", 0)));
        Assert.Equal([b, a, remote, down], All(new QueryPlan(hosts, "dc1", 1)));
    }

    [Fact]
    public void Local_up_replicas_come_first_and_are_not_offered_twice()
    {
        Host a = Node(1), b = Node(2), c = Node(3), d = Node(4);
        Host[] hosts = [a, b, c, d];

        Assert.Equal([c, d, a, b], All(new QueryPlan(hosts, "dc1", 0, [c, d])));
        // The replicas' own start (random per request) lets them share the load.
        Assert.Equal([d, c, b, a], All(new QueryPlan(hosts, "dc1", 1, [c, d], replicaStart: 1)));
    }

    [Fact]
    public void Down_or_remote_replicas_take_their_ordinary_place()
    {
        Host a = Node(1), b = Node(2), c = Node(3), remote = Node(4, "dc2");
        b.IsUp = false;
        Host[] hosts = [a, b, c, remote];

        List<Host> plan = All(new QueryPlan(hosts, "dc1", 0, [b, remote, c]));

        Assert.Equal([c, a, remote, b], plan);
    }

    [Fact]
    public void Every_node_appears_exactly_once()
    {
        Host[] hosts = [.. Enumerable.Range(1, 7).Select(n => Node(n, n % 2 == 0 ? "dc1" : "dc2"))];
        hosts[3].IsUp = false;
        for (int start = 0; start < 10; start++)
        {
            List<Host> plan = All(new QueryPlan(hosts, "dc1", start, [hosts[1], hosts[3], hosts[4]], replicaStart: start * 7));
            Assert.Equal(hosts.Length, plan.Count);
            Assert.Equal(hosts.Length, plan.Distinct().Count());
        }
    }
}
