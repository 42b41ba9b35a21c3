using Microsoft.Extensions.Logging;

namespace Ferry.Engine.Logging;

/// <summary>
/// The scopes every engine event is logged in: the run, the district, the entity and the work item it concerns,
/// under the same names on every host (<c>RunId</c>, <c>District</c>, <c>Entity</c>, <c>WorkItem</c>), so a log
/// pipeline filters by any of them whichever process wrote the line. Scopes nest: an activity's scope carries over
/// to the engine calls it makes.
/// </summary>
public static class LogScopes
{
    public const string RunId = "RunId";
    public const string District = "District";
    public const string Entity = "Entity";
    public const string WorkItem = "WorkItem";

    /// <summary>A scope holding the values given (null ones left out); null when there is nothing to hold.</summary>
    public static IDisposable? Begin(ILogger logger, Guid? runId = null, string? district = null, string? entity = null, string? workItem = null)
    {
        var values = new List<KeyValuePair<string, object?>>(4);
        if (runId is { } id && id != Guid.Empty)
        {
            values.Add(new(RunId, id));
        }

        if (district is not null)
        {
            values.Add(new(District, district));
        }

        if (entity is not null)
        {
            values.Add(new(Entity, entity));
        }

        if (workItem is not null)
        {
            values.Add(new(WorkItem, workItem));
        }

        return values.Count == 0 ? null : logger.BeginScope(values);
    }
}
