using Ferry.Core.Configuration;

namespace Ferry.Api;

/// <summary>
/// The mapped entities (<c>schema.table</c>) a request's entity patterns must match: a pattern matching none is a
/// 400 naming it, as <c>dm run --entity</c> refuses it.
/// </summary>
public interface IEntityCatalog
{
    Task<IReadOnlyList<string>> EntitiesAsync(MigrationConfig config, CancellationToken cancellationToken);
}
