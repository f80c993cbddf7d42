using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>STARTUP (spec §4.1.1): a [string map] of options; CQL_VERSION is required, COMPRESSION optional.</summary>
internal sealed class StartupRequest(string? compression) : IRequest
{
    public Opcode Opcode => Opcode.Startup;

    public void WriteBody(CqlWriter writer, byte version)
    {
        var options = new List<KeyValuePair<string, string>>
        {
            new("CQL_VERSION", "3.0.0"),
            new("DRIVER_NAME", "AsyncCassandra"),
            new("DRIVER_VERSION", typeof(StartupRequest).Assembly.GetName().Version?.ToString(3) ?? "0.1.0"),
        };
        if (compression is not null)
        {
            options.Add(new("COMPRESSION", compression));
        }

        writer.WriteStringMap(options);
    }
}
