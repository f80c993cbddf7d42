namespace AsyncCassandra.Tests.Cluster;

/// <summary>Contact point strings: "host", "host:port", "[ipv6]" and "[ipv6]:port"; a bare IPv6 address has no port.</summary>
public class ContactPointTests
{
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1", 9042)]
    [InlineData("10.0.0.1:9043", "10.0.0.1", 9043)]
    [InlineData("cassandra.example.com", "cassandra.example.com", 9042)]
    [InlineData("cassandra.example.com:1", "cassandra.example.com", 1)]
    [InlineData("node:65535", "node", 65535)]
    [InlineData("  node:19042  ", "node", 19042)]
    [InlineData("[::1]", "::1", 9042)]
    [InlineData("[::1]:9043", "::1", 9043)]
    [InlineData("[2001:db8::7]:19042", "2001:db8::7", 19042)]
    [InlineData("::1", "::1", 9042)] // bare IPv6: every colon belongs to the address
    [InlineData("2001:db8::7", "2001:db8::7", 9042)]
    [InlineData("fe80::1%eth0", "fe80::1%eth0", 9042)]
    public void Parses_host_and_port(string text, string host, int port)
    {
        Assert.Equal((host, port), AsyncCassandra.Cluster.ContactPoint.Parse(text, 9042));
    }

    [Fact]
    public void The_default_port_is_the_one_given()
    {
        Assert.Equal(("h", 7000), AsyncCassandra.Cluster.ContactPoint.Parse("h", 7000));
        Assert.Equal(("::1", 7000), AsyncCassandra.Cluster.ContactPoint.Parse("[::1]", 7000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("[::1")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:-1")]
    [InlineData("host:+1")]
    [InlineData("host:abc")]
    [InlineData("host: 1")]
    [InlineData("host:99999999999")]
    [InlineData("[::1]:")]
    [InlineData("[::1]:x")]
    [InlineData("[::1]:0")]
    public void Malformed_contact_points_are_ArgumentExceptions(string text)
    {
        Assert.Throws<ArgumentException>(() => AsyncCassandra.Cluster.ContactPoint.Parse(text, 9042));
    }

    [Theory]
    [InlineData(":9042")] // no host at all
    [InlineData("[::1]junk")] // text after ']' that is not ":port"
    [InlineData("[]:9042")] // empty bracketed host
    public void Contact_points_without_a_usable_host_or_with_trailing_garbage_are_ArgumentExceptions(string text)
    {
        Assert.Throws<ArgumentException>(() => AsyncCassandra.Cluster.ContactPoint.Parse(text, 9042));
    }

    [Fact]
    public void Invalid_port_message_names_the_contact_point()
    {
        var ex = Assert.Throws<ArgumentException>(() => AsyncCassandra.Cluster.ContactPoint.Parse("db1:70000", 9042));
        Assert.Contains("db1:70000", ex.Message, StringComparison.Ordinal);
    }
}
