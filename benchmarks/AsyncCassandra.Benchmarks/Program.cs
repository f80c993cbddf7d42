using AsyncCassandra.Benchmarks;
using BenchmarkDotNet.Running;

// AsyncCassandra micro-benchmarks (BenchmarkDotNet, memory diagnoser on every class).
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Benchmarks -- --filter '*'
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Benchmarks -- --filter '*' --job short     (quick)
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Benchmarks -- --list flat
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Benchmarks -- alloc [requests]
//     W1's session request in process against a loopback responder: bytes per request, and by type (sampled)
// Every class has a [Benchmark(Baseline = true)] method, so results carry a Ratio column.
if (args.Length > 0 && args[0] == "alloc")
{
    return await SessionExecuteBenchmarks.AllocationReportAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
