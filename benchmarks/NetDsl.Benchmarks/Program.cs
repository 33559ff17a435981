using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Runs the benchmarks chosen on the command line, for example `--filter '*Inference*'`; see benchmarks/README.md.
// Every job runs in process (a mutator job applies to whichever job the command line picks), so the peers' native
// libraries are those of this build's output, where TorchSharp's is patched (Peers/LibTorchSharpOnOlderLibstdcxx);
// a separately built benchmark process would copy unpatched ones.
IConfig config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
