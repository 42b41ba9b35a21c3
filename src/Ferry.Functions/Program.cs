using Ferry.Api;
using Ferry.Functions;
using Ferry.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFerryApi(builder.Configuration, builder.Environment);
builder.Services.AddFerryOrchestrations(builder.Configuration);
builder.Services.AddFerryDashboard(builder.Configuration, builder.Environment);
builder.Services.AddFerryTelemetry(builder.Configuration, "ferry-functions");
builder.Build().Run();
