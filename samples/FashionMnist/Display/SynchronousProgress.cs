namespace FashionMnistSample.Display;

/// <summary>Reports on the training thread, in order. <see cref="Progress{T}"/> would post each report to the thread
/// pool, where they could arrive late and out of order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
