using Ferry.Api;
using Ferry.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Ferry.Functions;

/// <summary>
/// The operator dashboard at <c>/</c> (the route prefix is empty), on the routes of <see cref="DashboardEndpoints"/>,
/// each handing the request to its shared handler. Anonymous: the page holds no data; its calls to the API carry the
/// user's token.
/// </summary>
public sealed class DashboardFunctions(DashboardOptions options)
{
    [Function("Dashboard")]
    public static IActionResult Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = DashboardEndpoints.PageRoute)] HttpRequest request) =>
        new ResultAction(DashboardEndpoints.Page());

    [Function("DashboardAsset")]
    public IActionResult DashboardAsset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = DashboardEndpoints.AssetRoute)] HttpRequest request, string asset) =>
        new ResultAction(DashboardEndpoints.Asset(asset, options));
}
