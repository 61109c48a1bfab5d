using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// The build of the benchmark process can take minutes on a small, busy machine (2 shared cores):
// BenchmarkDotNet's default 2-minute build timeout would abort the whole run.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, ManualConfig.Union(DefaultConfig.Instance, ManualConfig.CreateEmpty()).WithBuildTimeout(TimeSpan.FromMinutes(15)));
