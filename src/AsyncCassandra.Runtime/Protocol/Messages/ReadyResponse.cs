namespace AsyncCassandra.Protocol.Messages;

/// <summary>READY (spec §4.2.2): an empty body; the connection may now be used.</summary>
internal sealed class ReadyResponse
{
    public static readonly ReadyResponse Instance = new();

    private ReadyResponse()
    {
    }
}
