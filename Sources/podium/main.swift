import PodiumCLI
PodiumMain.run()
