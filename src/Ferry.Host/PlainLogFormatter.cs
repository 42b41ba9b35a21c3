using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Ferry.Host;

/// <summary>One line per event: the local time and the message (<c>12:03:04 d001 dbo.Student: loaded</c>), warnings and errors marked.</summary>
internal sealed class PlainLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "ferry-plain";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var level = logEntry.LogLevel switch
        {
            LogLevel.Warning => "warning: ",
            >= LogLevel.Error => "error: ",
            _ => "",
        };
        textWriter.Write(DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(level);
        textWriter.WriteLine(message);
    }
}
