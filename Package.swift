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
        .library(name: "RightsGateServer", targets: ["RightsGateServer"]),
        .executable(name: "rightsgate", targets: ["rightsgate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
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
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RightsGateServer",
            dependencies: [
                "RightsGate",
                "DecisionLog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "rightsgate",
            dependencies: [
                "RightsGate",
                "DecisionLog",
                "RightsGateServer",
                .product(name: "Logging", package: "swift-log"),
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
        // Helpers the test targets share (running a child process, golden files); not part of any product.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RightsGateTests",
            dependencies: ["RightsGate", "TestSupport"],
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
            dependencies: ["RightsGate", "RightsGateReplay", "TestSupport"],
            exclude: ["Snapshots", "Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RightsGateServerTests",
            dependencies: [
                "RightsGate",
                "DecisionLog",
                "RightsGateServer",
                "rightsgate",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["RightsGate", "rightsgate", "TestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
