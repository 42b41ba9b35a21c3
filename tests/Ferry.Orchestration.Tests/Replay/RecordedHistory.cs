using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ferry.Orchestration.Tests.Replay;

/// <summary>
/// An orchestration history as the Azure Storage provider returns it (JSON events with their <c>EventType</c>), read
/// back into the framework's event types so it can be replayed.
/// </summary>
public static class RecordedHistory
{
    private static readonly JsonSerializer Json = JsonSerializer.Create(new JsonSerializerSettings
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
    });

    public static IReadOnlyList<HistoryEvent> Load(string file)
    {
        var events = new List<HistoryEvent>();
        foreach (var item in JArray.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", "Fixtures", file))).Cast<JObject>())
        {
            var kind = (EventType)item.Value<int>("EventType");
            var type = typeof(HistoryEvent).Assembly.GetType($"DurableTask.Core.History.{kind}Event", throwOnError: true)!;
            events.Add((HistoryEvent)item.ToObject(type, Json)!);
        }

        return events;
    }
}
