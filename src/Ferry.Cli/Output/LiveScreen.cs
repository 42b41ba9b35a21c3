using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ferry.Cli.Output;

/// <summary>
/// Draws a live view on the terminal while work runs, redrawn four times a second. Messages print as they come,
/// above the view (Spectre writes them through its live renderer, so they never overwrite it), always from the
/// drawing loop: the console is not written from two threads. A notice (what Ctrl+C did) shows below the view.
/// </summary>
internal sealed class LiveScreen(Func<IRenderable> render)
{
    private readonly ConcurrentQueue<string> _messages = new();
    private volatile string? _notice;

    public void Message(string text) => _messages.Enqueue(text);

    public void Notice(string text) => _notice = text;

    public async Task<T> ShowAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Live(Frame()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async ctx =>
        {
            var task = work();
            while (true)
            {
                while (_messages.TryDequeue(out var message))
                {
                    AnsiConsole.WriteLine(message);
                }

                ctx.UpdateTarget(Frame());
                if (task.IsCompleted)
                {
                    break;
                }

                await Task.WhenAny(task, Task.Delay(250));
            }

            result = await task;
        });
        return result;
    }

    private IRenderable Frame() =>
        _notice is { } notice ? new Rows(render(), new Markup($"[yellow]{Markup.Escape(notice)}[/]")) : render();
}
