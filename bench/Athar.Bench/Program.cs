using BenchmarkDotNet.Running;

// Each suite lives in its own folder, mirroring src/. Pick with --filter.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
