using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Messages;

/// <summary>The bound values of a QUERY, EXECUTE or batch child: how many, and how they write themselves as [value]s.</summary>
internal interface IValueWriter
{
    int Count { get; }

    void WriteValues(CqlWriter writer, byte version);
}
