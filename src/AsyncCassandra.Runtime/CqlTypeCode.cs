namespace AsyncCassandra;

/// <summary>CQL type option ids as they appear in result metadata (spec v3/v4 §4.2.5.2, v5 §4.2.5.2).</summary>
public enum CqlTypeCode : ushort
{
    /// <summary>A custom type named by its Java class.</summary>
    Custom = 0x0000,
    /// <summary>US-ASCII text.</summary>
    Ascii = 0x0001,
    /// <summary>64-bit signed integer.</summary>
    Bigint = 0x0002,
    /// <summary>Arbitrary bytes.</summary>
    Blob = 0x0003,
    /// <summary>true or false.</summary>
    Boolean = 0x0004,
    /// <summary>64-bit distributed counter.</summary>
    Counter = 0x0005,
    /// <summary>Arbitrary-precision decimal.</summary>
    Decimal = 0x0006,
    /// <summary>64-bit IEEE-754 floating point.</summary>
    Double = 0x0007,
    /// <summary>32-bit IEEE-754 floating point.</summary>
    Float = 0x0008,
    /// <summary>32-bit signed integer.</summary>
    Int = 0x0009,
    /// <summary>Milliseconds since the Unix epoch.</summary>
    Timestamp = 0x000B,
    /// <summary>A UUID of any version.</summary>
    Uuid = 0x000C,
    /// <summary>UTF-8 text (text and varchar).</summary>
    Varchar = 0x000D,
    /// <summary>Arbitrary-precision integer.</summary>
    Varint = 0x000E,
    /// <summary>A version 1 (time-based) UUID.</summary>
    Timeuuid = 0x000F,
    /// <summary>An IPv4 or IPv6 address.</summary>
    Inet = 0x0010,
    /// <summary>Days since -5877641-06-23 with the Unix epoch at 2^31 (v4+).</summary>
    Date = 0x0011,
    /// <summary>Nanoseconds since midnight (v4+).</summary>
    Time = 0x0012,
    /// <summary>16-bit signed integer (v4+).</summary>
    Smallint = 0x0013,
    /// <summary>8-bit signed integer (v4+).</summary>
    Tinyint = 0x0014,
    /// <summary>Months, days and nanoseconds (v5).</summary>
    Duration = 0x0015,
    /// <summary>An ordered list.</summary>
    List = 0x0020,
    /// <summary>A map of keys to values.</summary>
    Map = 0x0021,
    /// <summary>A set of unique values.</summary>
    Set = 0x0022,
    /// <summary>A user-defined type.</summary>
    Udt = 0x0030,
    /// <summary>A fixed-size tuple of typed values.</summary>
    Tuple = 0x0031,
}
