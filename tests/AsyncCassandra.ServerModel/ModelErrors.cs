using System.Net;

namespace AsyncCassandra.ServerModel;

/// <summary>
/// Error replies with the bodies of spec §8 (v5; v4 §9 where the versions differ), for
/// <see cref="ModelServerOptions.Intercept"/>: <c>Intercept = r => r.Query == "..." ? ModelErrors.WriteTimeout(r.Version, ...) : null</c>.
/// Consistency levels are the [consistency] codes of §3 (1 ONE, 4 QUORUM, 6 LOCAL_QUORUM, ...).
/// </summary>
public static class ModelErrors
{
    public static ModelError Unavailable(int consistency, int required, int alive) =>
        new(0x1000, $"Cannot achieve consistency level: {required} required, {alive} alive", new WireWriter().Short(consistency).Int(required).Int(alive).ToArray());

    public static ModelError Overloaded() => new(0x1001, "Server is overloaded");

    public static ModelError IsBootstrapping() => new(0x1002, "Cannot read from a bootstrapping node");

    public static ModelError ServerError(string message = "java.lang.RuntimeException") => new(ErrorCodes.ServerError, message);

    /// <summary>Write_timeout: &lt;cl&gt;&lt;received&gt;&lt;blockfor&gt;&lt;writeType&gt;, and on v5 &lt;contentions&gt; for CAS.</summary>
    public static ModelError WriteTimeout(int version, int consistency, int received, int blockFor, string writeType, short contentions = 0)
    {
        var body = new WireWriter().Short(consistency).Int(received).Int(blockFor).String(writeType);
        if (version >= 5 && writeType == "CAS")
        {
            body.Short(contentions);
        }

        return new ModelError(0x1100, $"Operation timed out - received only {received} responses.", body.ToArray());
    }

    /// <summary>Read_timeout: &lt;cl&gt;&lt;received&gt;&lt;blockfor&gt;&lt;data_present&gt;.</summary>
    public static ModelError ReadTimeout(int consistency, int received, int blockFor, bool dataPresent) =>
        new(0x1200, $"Operation timed out - received only {received} responses.", new WireWriter().Short(consistency).Int(received).Int(blockFor).Byte(dataPresent ? 1 : 0).ToArray());

    /// <summary>Read_failure: v5 &lt;cl&gt;&lt;received&gt;&lt;blockfor&gt;&lt;reasonmap&gt;&lt;data_present&gt;; v4 has &lt;numfailures&gt; for the map.</summary>
    public static ModelError ReadFailure(int version, int consistency, int received, int blockFor, IReadOnlyDictionary<IPAddress, short> reasons, bool dataPresent)
    {
        var body = new WireWriter().Short(consistency).Int(received).Int(blockFor);
        Failures(body, version, reasons);
        return new ModelError(0x1300, $"Operation failed - received {received} responses and {reasons.Count} failures", body.Byte(dataPresent ? 1 : 0).ToArray());
    }

    /// <summary>Write_failure: v5 &lt;cl&gt;&lt;received&gt;&lt;blockfor&gt;&lt;reasonmap&gt;&lt;write_type&gt;; v4 has &lt;numfailures&gt; for the map.</summary>
    public static ModelError WriteFailure(int version, int consistency, int received, int blockFor, IReadOnlyDictionary<IPAddress, short> reasons, string writeType)
    {
        var body = new WireWriter().Short(consistency).Int(received).Int(blockFor);
        Failures(body, version, reasons);
        return new ModelError(0x1500, $"Operation failed - received {received} responses and {reasons.Count} failures", body.String(writeType).ToArray());
    }

    /// <summary>Function_failure: &lt;keyspace&gt;&lt;function&gt;&lt;arg_types&gt;.</summary>
    public static ModelError FunctionFailure(string keyspace, string function, IReadOnlyCollection<string> argumentTypes) =>
        new(0x1400, $"execution of '{keyspace}.{function}[{string.Join(", ", argumentTypes)}]' failed", new WireWriter().String(keyspace).String(function).StringList(argumentTypes).ToArray());

    public static ModelError Unprepared(byte[] id) =>
        new(ErrorCodes.Unprepared, $"Prepared query with ID {Convert.ToHexString(id).ToLowerInvariant()} not found", new WireWriter().ShortBytes(id).ToArray());

    /// <summary>v5: [int] n, then n pairs of [inetaddr] endpoint and [short] failure code; v4: [int] numfailures.</summary>
    private static void Failures(WireWriter body, int version, IReadOnlyDictionary<IPAddress, short> reasons)
    {
        body.Int(reasons.Count);
        if (version < 5)
        {
            return;
        }

        foreach (KeyValuePair<IPAddress, short> reason in reasons)
        {
            byte[] address = reason.Key.GetAddressBytes();
            body.Byte(address.Length).Raw(address).Short((ushort)reason.Value);
        }
    }
}
