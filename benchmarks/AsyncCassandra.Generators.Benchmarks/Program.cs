using BenchmarkDotNet.Running;

// The repository generator's cost as the methods of one interface grow (BenchmarkDotNet, in process).
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Generators.Benchmarks -- --filter '*'
//   dotnet run -c Release --project benchmarks/AsyncCassandra.Generators.Benchmarks -- --filter '*FirstRun*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
