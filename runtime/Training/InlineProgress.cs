namespace NetDsl.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler at once, on the thread that reports, so reports arrive in
/// order and all of them before <see cref="TrainingLoop.Run"/> returns. <see cref="Progress{T}"/> posts each report
/// to the captured synchronization context, which a console app does not have: there they run on the thread pool,
/// late and possibly out of order.
/// </summary>
/// <typeparam name="T">The report type, typically <see cref="TrainingProgress"/>.</typeparam>
/// <param name="handler">Called with every report.</param>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Action<T> _handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <inheritdoc/>
    public void Report(T value) => _handler(value);
}
