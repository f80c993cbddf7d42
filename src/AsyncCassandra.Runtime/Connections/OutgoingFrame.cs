using AsyncCassandra.Protocol;

namespace AsyncCassandra.Connections;

/// <summary>An encoded request waiting for the writer loop: the writer that holds its bytes, and its pending slot.</summary>
internal readonly record struct OutgoingFrame(CqlWriter Bytes, PendingRequest? Pending);
