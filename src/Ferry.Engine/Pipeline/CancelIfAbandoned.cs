using System.Data.Common;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// Cancels a source command whose results are abandoned part-way (a failed COPY, a cancelled batch, a failed
/// verification unit). Disposing a data reader before its last row makes the client read and discard every row that
/// is left, which for a batch of millions of rows, or a read blocked on a lock, is minutes of waiting for nothing.
/// Declare it after the reader, so it is disposed first, and call <see cref="Complete"/> once every row was read.
/// </summary>
internal sealed class CancelIfAbandoned(DbCommand command) : IDisposable
{
    private bool _complete;

    public void Complete() => _complete = true;

    public void Dispose()
    {
        if (!_complete)
        {
            command.Cancel();
        }
    }
}
