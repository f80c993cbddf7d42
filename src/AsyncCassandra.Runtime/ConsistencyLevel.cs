namespace AsyncCassandra;

/// <summary>How many replicas must answer a request. The numeric values are the native protocol's [consistency] codes (spec §3).</summary>
public enum ConsistencyLevel : short
{
    /// <summary>A write is acknowledged once any node (hinted handoff included) has it.</summary>
    Any = 0x0000,
    /// <summary>One replica.</summary>
    One = 0x0001,
    /// <summary>Two replicas.</summary>
    Two = 0x0002,
    /// <summary>Three replicas.</summary>
    Three = 0x0003,
    /// <summary>A majority of all replicas.</summary>
    Quorum = 0x0004,
    /// <summary>Every replica.</summary>
    All = 0x0005,
    /// <summary>A majority of the replicas in the local data centre.</summary>
    LocalQuorum = 0x0006,
    /// <summary>A majority of the replicas in every data centre.</summary>
    EachQuorum = 0x0007,
    /// <summary>Linearizable, for the Paxos phase of lightweight transactions.</summary>
    Serial = 0x0008,
    /// <summary>Linearizable within the local data centre.</summary>
    LocalSerial = 0x0009,
    /// <summary>One replica in the local data centre.</summary>
    LocalOne = 0x000A,
}
