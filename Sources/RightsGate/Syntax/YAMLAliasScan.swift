internal import CYaml

/// Finds the first anchor (`&a`) or alias (`*a`) in a YAML text from libyaml's event stream, before
/// anything is composed.
///
/// Policy files may not use either, and they must be rejected before composing: composing shares aliased
/// nodes, but anything that then walks or hashes the tree (converting it, or checking a mapping's keys for
/// duplicates) visits each alias in full, and ten levels of ten aliases in 600 bytes are 10^10 nodes. The
/// scan itself looks at each event once and keeps nothing.
enum YAMLAliasScan {
    /// The 1-based line and column (in Unicode scalars) of the first anchor or alias, or nil when there is
    /// none or the text is not valid YAML (the composer then reports that error).
    static func firstAnchorOrAlias(in text: String) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let anchored: Bool
                switch event.type {
                case YAML_STREAM_END_EVENT: return nil
                case YAML_ALIAS_EVENT: anchored = true
                case YAML_SCALAR_EVENT: anchored = event.data.scalar.anchor != nil
                case YAML_SEQUENCE_START_EVENT: anchored = event.data.sequence_start.anchor != nil
                case YAML_MAPPING_START_EVENT: anchored = event.data.mapping_start.anchor != nil
                default: anchored = false
                }
                if anchored { return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1) }
            }
            return nil
        }
    }
}
