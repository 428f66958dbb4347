// swift-tools-version:6.2
import PackageDescription

/// Settings every first-party target shares: Swift 6 language mode with the stricter
/// import and existential rules, and warnings treated as errors so CI stays warning-free.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "RightsGate",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "RightsGate", targets: ["RightsGate"]),
        .library(name: "DecisionLog", targets: ["DecisionLog"]),
        .executable(name: "rightsgate", targets: ["rightsgate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        .target(
            name: "RightsGate",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "DecisionLog",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RightsGateReplay",
            dependencies: [
                "RightsGate",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "rightsgate",
            dependencies: [
                "RightsGate",
                "DecisionLog",
                "RightsGateReplay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "rightsgate-bench",
            dependencies: ["RightsGate"],
            path: "Benchmarks/RightsGateBench",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RightsGateTests",
            dependencies: ["RightsGate"],
            exclude: ["Snapshots", "Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DecisionLogTests",
            dependencies: [
                "DecisionLog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RightsGateReplayTests",
            dependencies: ["RightsGate", "RightsGateReplay", "rightsgate"],
            exclude: ["Snapshots", "Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["RightsGate", "rightsgate"],
            exclude: ["Snapshots"],
            swiftSettings: strictSettings
        ),
    ]
)
