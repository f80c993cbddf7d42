using BenchmarkDotNet.Running;

// AsyncCassandra micro-benchmarks (BenchmarkDotNet, memory diagnoser on every class).
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Benchmarks -- --filter '*'
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Benchmarks -- --filter '*' --job short     (quick)
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Benchmarks -- --list flat
// Every class has a [Benchmark(Baseline = true)] method, so results carry a Ratio column.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
