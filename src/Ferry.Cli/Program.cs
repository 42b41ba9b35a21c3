using Ferry.Cli;

return await CliApp.RunAsync(args);
