using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ferry.Api;

/// <summary>
/// A handler's <see cref="IResult"/> as an <see cref="IActionResult"/>, the return type the Functions worker's ASP.NET
/// Core integration writes: the Functions wrappers return the shared handlers' answers unchanged through it.
/// </summary>
public sealed class ResultAction(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context) => Result.ExecuteAsync(context.HttpContext);

    public static async Task<IActionResult> Of(Task<IResult> result) => new ResultAction(await result);
}
