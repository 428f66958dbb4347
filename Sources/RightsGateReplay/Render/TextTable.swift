/// Left-aligned first column, right-aligned numbers: the plain tables of the terminal summary.
struct TextTable {
    private var rows: [[String]] = []
    private let indent: String
    /// Columns (besides the first) that hold text rather than numbers.
    private let leftAligned: Set<Int>

    init(indent: Int = 2, leftAligned: Set<Int> = []) {
        self.indent = String(repeating: " ", count: indent)
        self.leftAligned = leftAligned
    }

    mutating func row(_ cells: [String]) { rows.append(cells) }

    func render() -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for row in rows {
            var line = indent
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += i == 0 ? cell + pad : leftAligned.contains(i) ? "  " + cell + pad : "  " + pad + cell
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

/// Number formatting shared by the renderers, independent of the locale so output is reproducible.
enum Numbers {
    /// `12.5%` of `total`, one decimal, rounded half up; `–` when the total is zero.
    static func percent(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "–" }
        let tenths = (count * 1000 + total / 2) / total
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
