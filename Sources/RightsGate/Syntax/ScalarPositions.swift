/// Maps offsets inside a scalar's value back to line and column in the file.
///
/// Expressions and templates are parsed from scalar values; to point a caret at the exact token, each value
/// character is matched, in order, against the raw source text starting at the scalar's mark. Plain, quoted,
/// literal and folded scalars keep their non-blank characters in order, so the match is exact for them;
/// escape sequences in double-quoted scalars fall back to the nearest earlier position.
struct ScalarPositions: Sendable {
    private let positions: [(line: Int, column: Int)]
    private let file: String
    private let end: (line: Int, column: Int)

    init(scalar: YAMLScalar, sourceLines: [Substring]) {
        self.init(scalar: scalar, lines: SourceScalars(sourceLines))
    }

    /// `lines` holds the file's lines as Unicode scalars, converted once per file and shared by every scalar.
    init(scalar: YAMLScalar, lines source: SourceScalars) {
        file = scalar.location.file
        var line = scalar.location.line - 1
        var column = scalar.location.column - 1
        let lines = source.lines

        func current() -> Unicode.Scalar? {
            guard line < lines.count else { return nil }
            return column < lines[line].count ? lines[line][column] : "\n"
        }
        func advance() {
            guard line < lines.count else { return }
            if column < lines[line].count { column += 1 } else { line += 1; column = 0 }
        }

        switch scalar.style {
        case .singleQuoted, .doubleQuoted:
            advance()
        case .literal, .folded:
            while let c = current(), c != "\n" { advance() }
            advance()
        case .plain:
            break
        }

        var result: [(Int, Int)] = []
        result.reserveCapacity(scalar.value.unicodeScalars.count)
        for scalarChar in scalar.value.unicodeScalars {
            if scalarChar == " " || scalarChar == "\n" || scalarChar == "\t" {
                result.append((line + 1, column + 1))
                if current() == scalarChar { advance() }
                continue
            }
            // Search forward a bounded distance for the character.
            var probeLine = line, probeColumn = column, steps = 0, found = false
            while steps < 400, probeLine < lines.count {
                let c: Unicode.Scalar = probeColumn < lines[probeLine].count ? lines[probeLine][probeColumn] : "\n"
                if c == scalarChar { found = true; break }
                if probeColumn < lines[probeLine].count { probeColumn += 1 } else { probeLine += 1; probeColumn = 0 }
                steps += 1
            }
            if found {
                line = probeLine
                column = probeColumn
                result.append((line + 1, column + 1))
                advance()
            } else {
                result.append((line + 1, column + 1))
            }
        }
        positions = result
        end = (line + 1, column + 1)
    }

    /// The location of the value character at `offset` (in Unicode scalars), spanning `length` characters
    /// when they sit on the same line.
    func location(offset: Int, length: Int = 1) -> SourceLocation {
        guard !positions.isEmpty else { return SourceLocation(file: file, line: end.line, column: end.column, length: length) }
        if offset >= positions.count {
            let last = positions[positions.count - 1]
            return SourceLocation(file: file, line: last.line, column: last.column + 1, length: 1)
        }
        let start = positions[max(offset, 0)]
        let lastIndex = min(offset + max(length, 1) - 1, positions.count - 1)
        let stop = positions[lastIndex]
        let span = stop.line == start.line ? stop.column - start.column + 1 : 1
        return SourceLocation(file: file, line: start.line, column: start.column, length: max(span, 1))
    }
}

/// A file's lines as arrays of Unicode scalars, computed once and shared (a class, so copies are cheap).
final class SourceScalars: Sendable {
    let lines: [[Unicode.Scalar]]

    init(_ sourceLines: [Substring]) {
        lines = sourceLines.map { Array($0.unicodeScalars) }
    }
}
