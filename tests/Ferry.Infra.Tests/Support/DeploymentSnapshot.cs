using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ferry.Infra.Tests.Support;

/// <summary>The resources and outputs a deployment of main.bicep would produce, as the Bicep CLI predicts them.</summary>
internal sealed partial class DeploymentSnapshot(Scenario scenario, JsonObject root)
{
    public Scenario Scenario { get; } = scenario;

    public IReadOnlyList<JsonObject> Resources { get; } =
        root["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();

    public JsonArray Diagnostics { get; } = root["diagnostics"]?.AsArray() ?? [];

    public JsonObject Outputs { get; } = root["outputs"]!.AsObject();

    public IReadOnlyList<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals(Text(r["type"]), type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonObject Single(string type)
    {
        var found = OfType(type);
        Assert.True(found.Count == 1, $"{Scenario}: expected one {type}, found {found.Count}");
        return found[0];
    }

    public JsonObject Identity => Single("Microsoft.ManagedIdentity/userAssignedIdentities");

    public string IdentityId => Text(Identity["id"])!;

    public string IdentityName => Text(Identity["name"])!;

    public JsonObject Site => Single("Microsoft.Web/sites");

    public JsonObject StorageAccount => Single("Microsoft.Storage/storageAccounts");

    public JsonObject KeyVault => Single("Microsoft.KeyVault/vaults");

    public JsonObject PostgresServer => Single("Microsoft.DBforPostgreSQL/flexibleServers");

    /// <summary>The Functions app's settings by name.</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        Site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => Text(s!["name"])!, s => Text(s!["value"]) ?? "");

    /// <summary>
    /// Role assignments as (scope resource id, role definition GUID, principal id as given, principal type). The
    /// scope is the part of the assignment's id before /providers/Microsoft.Authorization, or, when the name is known
    /// only in Azure, the first argument of the extensionResourceId expression the id is.
    /// </summary>
    public IReadOnlyList<RoleGrant> RoleAssignments =>
        OfType("Microsoft.Authorization/roleAssignments").Select(r =>
        {
            var id = Text(r["id"])!;
            var expression = ExtensionResourceId().Match(id);
            var scope = expression.Success
                ? expression.Groups[1].Value
                : id[..id.IndexOf("/providers/Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase)];
            var role = Text(r["properties"]!["roleDefinitionId"])!.Split('/')[^1];
            return new RoleGrant(scope, role, Text(r["properties"]!["principalId"])!, Text(r["properties"]!["principalType"]));
        }).ToList();

    /// <summary>
    /// Whether a value is the ARM expression that reads a property of the user-assigned identity at deployment time,
    /// e.g. [reference('/subscriptions/.../userAssignedIdentities/id-ferry-...', '2023-01-31').clientId].
    /// </summary>
    public bool ReadsIdentity(string? value, string property) =>
        value is not null
        && value.StartsWith('[')
        && value.Contains($"reference('{IdentityId}'", StringComparison.Ordinal)
        && value.Contains($").{property}", StringComparison.Ordinal);

    [GeneratedRegex(@"^\[extensionResourceId\('([^']+)', 'Microsoft\.Authorization/roleAssignments'")]
    private static partial Regex ExtensionResourceId();

    public static string? Text(JsonNode? node) => node?.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? node.GetValue<string>()
        : node?.ToJsonString();
}

/// <summary>One role assignment: who gets which built-in role on what.</summary>
internal sealed record RoleGrant(string Scope, string RoleId, string PrincipalId, string? PrincipalType);
