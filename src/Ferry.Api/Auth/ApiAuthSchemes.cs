namespace Ferry.Api.Auth;

/// <summary>The authentication schemes a host honours, in the order they are tried: Entra ID, then (Development only) the development key.</summary>
public sealed record ApiAuthSchemes(IReadOnlyList<string> Names);
