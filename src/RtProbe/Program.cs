using RtProbe;

return CommandLine.Run(args);
