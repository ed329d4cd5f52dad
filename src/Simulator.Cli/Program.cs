return Simulator.Cli.CliApp.Run(args);
