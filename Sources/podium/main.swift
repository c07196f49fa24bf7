import PodiumCLI

PodiumCommand.run()
