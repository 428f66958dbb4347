extension SourceFiles {
    /// Adds the text of a file read outside the bundle loader (a replay mapping, say), so that diagnostics
    /// located in it render with the source line and a caret like the loader's own.
    public mutating func register(path: String, text: String) {
        add(path: path, text: text)
    }
}
