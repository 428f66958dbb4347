import RightsGate

/// Charts drawn as inline SVG, so the HTML report needs no script, no network and no font files: it opens
/// the same offline, in an archive, or printed.
enum SVGChart {
    struct Segment {
        let label: String
        let value: Int
        let color: String
    }

    struct Bar {
        let label: String
        let segments: [Segment]
        var total: Int { segments.reduce(0) { $0 + $1.value } }
    }

    static let outcomeColors: [String: String] = [
        "allow": "#2e7d32", "allow_with_conditions": "#c49000", "escalate": "#e65100", "deny": "#b71c1c",
        "invalid": "#616161",
    ]

    /// Horizontal bars, one per row, each stacked from its segments, with the label on the left and the
    /// total on the right.
    static func horizontalBars(_ bars: [Bar], title: String, labelWidth: Int = 260, barWidth: Int = 420) -> String {
        let rowHeight = 22
        let height = max(bars.count, 1) * rowHeight + 8
        let width = labelWidth + barWidth + 70
        let maximum = max(bars.map(\.total).max() ?? 0, 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        for (i, bar) in bars.enumerated() {
            let y = 4 + i * rowHeight
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\">\(HTMLText.escape(truncated(bar.label, 40)))</text>"
            var x = labelWidth
            for segment in bar.segments where segment.value > 0 {
                let w = max(1, segment.value * barWidth / maximum)
                svg += "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"\(segment.color)\">"
                svg += "<title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(segment.label)) \(segment.value)</title></rect>"
                x += w
            }
            svg += "<text x=\"\(x + 6)\" y=\"\(y + 15)\">\(bar.total)</text>"
        }
        return svg + "</svg>"
    }

    /// A grid of counts shaded by size: rows and columns as given.
    static func matrix(rows: [String], columns: [String], value: (String, String) -> Int, title: String) -> String {
        let cell = 96, rowLabel = 170, header = 40
        let width = rowLabel + columns.count * cell + 4
        let height = header + rows.count * 34 + 4
        let maximum = max(rows.flatMap { r in columns.map { value(r, $0) } }.max() ?? 0, 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        for (c, column) in columns.enumerated() {
            let x = rowLabel + c * cell + cell / 2
            svg += "<text x=\"\(x)\" y=\"\(header - 12)\" text-anchor=\"middle\" class=\"small\">\(HTMLText.escape(column))</text>"
        }
        for (r, row) in rows.enumerated() {
            let y = header + r * 34
            svg += "<text x=\"\(rowLabel - 8)\" y=\"\(y + 21)\" text-anchor=\"end\">\(HTMLText.escape(row))</text>"
            for (c, column) in columns.enumerated() {
                let n = value(row, column)
                // Opacity from 0.08 (zero) to 1 (the largest cell), in hundredths.
                let opacity = n == 0 ? 8 : 20 + n * 80 / maximum
                let x = rowLabel + c * cell
                svg += "<rect x=\"\(x + 2)\" y=\"\(y + 2)\" width=\"\(cell - 4)\" height=\"30\" fill=\"#1a4f8b\" fill-opacity=\"\(opacityText(opacity))\">"
                svg += "<title>\(HTMLText.escape(row)) → \(HTMLText.escape(column)): \(n)</title></rect>"
                svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + 22)\" text-anchor=\"middle\" class=\"\(opacity > 55 ? "on-dark" : "")\">\(n)</text>"
            }
        }
        return svg + "</svg>"
    }

    /// Stacked columns over time (one per month), coloured by outcome.
    static func columns(_ bars: [Bar], title: String) -> String {
        let columnWidth = 64, chartHeight = 180, bottom = 40, left = 40
        let width = left + max(bars.count, 1) * columnWidth + 10
        let height = chartHeight + bottom + 10
        let maximum = max(bars.map(\.total).max() ?? 0, 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        svg += "<line x1=\"\(left)\" y1=\"\(chartHeight + 10)\" x2=\"\(width - 5)\" y2=\"\(chartHeight + 10)\" stroke=\"#999\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"18\" text-anchor=\"end\" class=\"small\">\(maximum)</text>"
        for (i, bar) in bars.enumerated() {
            let x = left + i * columnWidth + 6
            var y = chartHeight + 10
            for segment in bar.segments where segment.value > 0 {
                let h = max(1, segment.value * chartHeight / maximum)
                y -= h
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(columnWidth - 12)\" height=\"\(h)\" fill=\"\(segment.color)\">"
                svg += "<title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(segment.label)) \(segment.value)</title></rect>"
            }
            svg += "<text x=\"\(x + (columnWidth - 12) / 2)\" y=\"\(chartHeight + 26)\" text-anchor=\"middle\" class=\"small\">\(HTMLText.escape(bar.label))</text>"
        }
        return svg + "</svg>"
    }

    /// A legend of the outcome colours.
    static func legend(_ names: [String]) -> String {
        "<p class=\"legend\">" + names.map {
            "<span><i style=\"background:\(outcomeColors[$0] ?? "#999")\"></i>\(HTMLText.escape($0))</span>"
        }.joined(separator: " ") + "</p>"
    }

    /// Hundredths as an SVG opacity: `0.08`, `0.5`… `1`.
    private static func opacityText(_ hundredths: Int) -> String {
        guard hundredths < 100 else { return "1" }
        return hundredths < 10 ? "0.0\(hundredths)" : "0.\(hundredths)"
    }

    private static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
