using Athar.Cli.Hosting;

return await CliApp.RunAsync(args, Console.Out, Console.Error);
