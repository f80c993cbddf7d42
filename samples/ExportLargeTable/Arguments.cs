using System.Globalization;
using AsyncCassandra.Bulk;

namespace ExportLargeTable;

/// <summary>The command line: what to export (or import) and how.</summary>
internal sealed class Arguments
{
    public const string Usage = """
        Usage:
          dotnet run --project samples/ExportLargeTable -- --keyspace K --table T --format csv|ndjson|parquet --out FILE
              [--concurrency N] [--page-size N] [--checkpoint FILE] [--shard i/n] [--columns a,b,c]
          dotnet run --project samples/ExportLargeTable -- --keyspace K --table T --import FILE [--format csv|ndjson]
              [--max-in-flight N] [--checkpoint FILE] [--errors REPORT.csv] [--max-errors N]
          --demo-rows N   first create K.T (id int, seq int, name text, score double, tags set<text>, seen timestamp)
                          holding N rows, unless it already holds them
        The cluster: CASSANDRA_CONTACT_POINTS (and CASSANDRA_PORT, ...); when it is not set, a local node is started.
        """;

    public string Keyspace { get; private set; } = string.Empty;

    public string Table { get; private set; } = string.Empty;

    public BulkFormat Format { get; private set; } = BulkFormat.Csv;

    public string? Out { get; private set; }

    public string? Import { get; private set; }

    public int Concurrency { get; private set; } = 4;

    public int PageSize { get; private set; } = 1000;

    public int MaxInFlight { get; private set; } = 64;

    public int? MaxErrors { get; private set; }

    public string? Checkpoint { get; private set; }

    public string? Errors { get; private set; }

    public Shard? Shard { get; private set; }

    public IReadOnlyList<string>? Columns { get; private set; }

    public int? DemoRows { get; private set; }

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException($"{name} needs a positive whole number.");
            switch (name)
            {
                case "--keyspace": parsed.Keyspace = Value(); break;
                case "--table": parsed.Table = Value(); break;
                case "--format":
                    parsed.Format = Value().ToLowerInvariant() switch
                    {
                        "csv" => BulkFormat.Csv,
                        "ndjson" or "json" => BulkFormat.Ndjson,
                        "parquet" => BulkFormat.Parquet,
                        var other => throw new ArgumentException($"--format {other}: expected csv, ndjson or parquet."),
                    };
                    break;
                case "--out": parsed.Out = Value(); break;
                case "--import": parsed.Import = Value(); break;
                case "--concurrency": parsed.Concurrency = Number(); break;
                case "--page-size": parsed.PageSize = Number(); break;
                case "--max-in-flight": parsed.MaxInFlight = Number(); break;
                case "--max-errors": parsed.MaxErrors = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--checkpoint": parsed.Checkpoint = Value(); break;
                case "--errors": parsed.Errors = Value(); break;
                case "--shard": parsed.Shard = AsyncCassandra.Bulk.Shard.Parse(Value()); break;
                case "--columns": parsed.Columns = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--demo-rows": parsed.DemoRows = Number(); break;
                default: throw new ArgumentException($"Unknown option {name}.");
            }
        }

        if (parsed.Keyspace.Length == 0 || parsed.Table.Length == 0)
        {
            throw new ArgumentException("--keyspace and --table are required.");
        }

        if ((parsed.Out is null) == (parsed.Import is null))
        {
            throw new ArgumentException("Give either --out FILE (export) or --import FILE.");
        }

        return parsed;
    }
}
