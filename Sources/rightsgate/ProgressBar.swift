import Foundation
import RightsGateReplay

/// A one-line progress bar on standard error, with rate and ETA: shown only on a terminal, so a piped or
/// logged run stays quiet. Redrawn at most ten times a second.
struct ProgressBar {
    private let enabled: Bool
    private let started: Date
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool, started: Date) {
        self.enabled = enabled
        self.started = started
    }

    mutating func update(_ progress: ReplayProgress) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(progress.records) / elapsed
        var line = "\r\u{1B}[K"
        if progress.totalBytes > 0 {
            let fraction = min(1, Double(progress.bytes) / Double(progress.totalBytes))
            let filled = Int(fraction * 30)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] "
            line += String(format: "%3.0f%%  ", fraction * 100)
            if fraction > 0.001 {
                line += "ETA " + Self.duration(elapsed * (1 - fraction) / fraction) + "  "
            }
        }
        line += "\(progress.records) records  \(Int(rate)) records/s  \(progress.file)"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Clears the bar so the summary starts on a clean line.
    mutating func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    private static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}
