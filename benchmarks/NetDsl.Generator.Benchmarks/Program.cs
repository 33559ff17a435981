using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Runs the benchmarks chosen on the command line, for example `--filter '*'`; see benchmarks/README.md. In process,
// as the peers' project runs, so that a run does not build a second copy of the project for each job.
IConfig config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config)];

// A failed setup or run is an exit code, so that scripts/test's dry run of this suite fails with it; so is a run that
// ran nothing (an unknown option prints the help, a filter may match no benchmark), which would otherwise pass.
bool ranNothing = summaries.All(summary => summary.Reports.IsEmpty);
bool failed = summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success));
return ranNothing || failed ? 1 : 0;
