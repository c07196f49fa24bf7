// swift-tools-version:6.1
import PackageDescription

// Dependencies are chosen for build time: CI builds from scratch every run.
// swift-argument-parser (CLI) and Yams (the human-edited event file); Hummingbird and swift-log
// only in PodiumWeb (`podium serve`): the console modules do not depend on them.
// Linux only: the store and the terminal layer use Glibc (flock, inotify, poll) directly; no
// other platform is claimed.
let package = Package(
    name: "Podium",
    products: [
        .executable(name: "podium", targets: ["podium"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // Only the web server (`podium serve`, module PodiumWeb) uses it; the consoles do not.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // The only code that sees ncursesw's C headers.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Pure: display width, wrapping, sanitising. No dependencies.
        .target(name: "PodiumText"),
        // Pure: model, actions, reducer, timer, schedule, event-file parsing.
        .target(name: "PodiumCore", dependencies: ["PodiumText", "Yams"]),
        // The only code that touches the state file: codec, lock, atomic replace, watch, merge.
        .target(name: "PodiumStore", dependencies: ["PodiumCore"]),
        // Pure: layout and panes rendered into a grid of cells, keymap, input line.
        .target(name: "PodiumUI", dependencies: ["PodiumCore", "PodiumText"]),
        // The only code that imports ncursesw: init/teardown, keys, drawing a grid.
        .target(name: "PodiumTerminal", dependencies: ["CNcursesw", "PodiumUI"]),
        // The audience and stage pages, their API and live updates: `podium serve`.
        .target(name: "PodiumWeb", dependencies: [
            "PodiumCore", "PodiumStore", "PodiumText",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The console's event loop and its policy (bell, saving, the editor, quitting), on any
        // `TerminalBackend`: no ncurses here, so tests and podium-bench run the real loop.
        .target(name: "PodiumConsole", dependencies: ["PodiumCore", "PodiumStore", "PodiumUI", "PodiumText"]),
        // Commands and the wiring of the layers (the real terminal, signals, the editor).
        .target(name: "PodiumCLI", dependencies: [
            "PodiumCore", "PodiumStore", "PodiumUI", "PodiumTerminal", "PodiumWeb", "PodiumConsole",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "podium", dependencies: ["PodiumCLI"]),
        // Test helper: many commits from one process, to race several writers on one file.
        .executableTarget(name: "podium-stress", dependencies: ["PodiumStore", "PodiumCore", "PodiumText"]),
        // The benchmarks of BENCHMARKS.md: dependency-free, so CI's build stays short.
        .executableTarget(name: "podium-bench", dependencies: ["PodiumCore", "PodiumStore", "PodiumUI", "PodiumText", "PodiumConsole"]),
        // Fakes for tests only (a terminal that records frames, a clock moved by hand): never a
        // dependency of the `podium` executable.
        .target(name: "PodiumTestSupport", dependencies: ["PodiumUI"]),

        .testTarget(name: "PodiumTextTests", dependencies: ["PodiumText"]),
        .testTarget(name: "PodiumCoreTests", dependencies: ["PodiumCore", "PodiumTestSupport"]),
        .testTarget(
            name: "PodiumStoreTests", dependencies: ["PodiumStore", "PodiumCore", "podium-stress"]),
        .testTarget(
            name: "PodiumUITests",
            dependencies: ["PodiumUI", "PodiumCore", "PodiumText"],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "PodiumEndToEndTests", dependencies: ["podium", "PodiumText"]),
        .testTarget(
            name: "PodiumWebTests",
            dependencies: [
                "PodiumWeb", "PodiumCore", "PodiumStore", "PodiumText", "podium",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["browser"]
        ),
        // A whole evening in process: several console sessions on one file through the real store.
        .testTarget(name: "PodiumEveningTests", dependencies: ["PodiumConsole", "PodiumCore", "PodiumStore", "PodiumUI", "PodiumText"]),
        // The console's event loop in process: keys, file changes and clock ticks in, frames out.
        .testTarget(
            name: "PodiumConsoleTests",
            dependencies: ["PodiumConsole", "PodiumTestSupport", "PodiumCore", "PodiumStore", "PodiumUI", "PodiumText"]),
    ],
    swiftLanguageModes: [.v6]
)
