using Ferry.Api;
using Ferry.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFerryApi(builder.Configuration, builder.Environment);
builder.Services.AddFerryOrchestrations(builder.Configuration);
builder.Build().Run();
