using System.Text.Json;
using Ferry.Core.Quarantine;

namespace Ferry.Engine.Pipeline;

/// <summary>
/// The quarantine entries of one batch until the batch writes them. A batch where most rows fail would otherwise
/// hold every original row in memory: past <see cref="InMemoryLimit"/> entries they spill to a temporary file
/// (deleted on dispose), so memory stays flat whatever the data.
/// </summary>
internal sealed class QuarantineBuffer : IDisposable
{
    public const int InMemoryLimit = 2_000;

    private readonly List<QuarantineEntry> _memory = [];
    private string? _spillPath;
    private StreamWriter? _spill;

    public long Count { get; private set; }

    /// <summary>Entries per <c>action:reason_code</c>.</summary>
    public Dictionary<string, long> Reasons { get; } = [];

    public void Add(QuarantineEntry entry)
    {
        Count++;
        var reason = $"{entry.Action}:{entry.ReasonCode}";
        Reasons[reason] = Reasons.GetValueOrDefault(reason) + 1;
        if (_memory.Count < InMemoryLimit)
        {
            _memory.Add(entry);
            return;
        }

        if (_spill is null)
        {
            _spillPath = Path.Combine(Path.GetTempPath(), $"ferry-quarantine-{Guid.NewGuid():N}.ndjson");
            _spill = new StreamWriter(_spillPath);
        }

        _spill.WriteLine(JsonSerializer.Serialize(entry));
    }

    /// <summary>Every entry, in the order added, read back from the spill file as needed.</summary>
    public IEnumerable<QuarantineEntry> Entries()
    {
        foreach (var e in _memory)
        {
            yield return e;
        }

        if (_spill is null)
        {
            yield break;
        }

        _spill.Flush();
        foreach (var line in File.ReadLines(_spillPath!))
        {
            yield return JsonSerializer.Deserialize<QuarantineEntry>(line)!;
        }
    }

    public void Dispose()
    {
        _spill?.Dispose();
        if (_spillPath is not null)
        {
            File.Delete(_spillPath);
        }
    }
}
