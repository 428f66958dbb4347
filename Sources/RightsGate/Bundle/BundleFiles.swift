import Foundation

/// The walk over a bundle directory that finds its YAML files: policy files for ``BundleLoader``, test
/// files for ``PolicyTestRunner``, registry files for a `sources:` directory.
///
/// A file the walk misses is a check that never runs, and a missing check lets requests through, so the walk
/// never drops anything silently: symlinked directories are followed (deployments often link
/// `checks -> ../shared/checks`), and a link that loops back into the walk, a link to nothing or a directory
/// that cannot be listed is reported for the caller to turn into an error.
enum BundleFiles {
    struct Listing {
        /// `*.yaml` and `*.yml` files, relative to the root, sorted.
        var files: [String] = []
        /// Entries that could not be walked, relative to the root, with the reason.
        var problems: [(path: String, reason: String)] = []
    }

    /// The YAML files under `root`, skipping hidden entries (a component starting with `.`) and everything
    /// at or below one of the `excluded` relative paths (`tests`, `checks/tests`; matched by whole
    /// components, not by first component). A root that does not exist has no files.
    static func yamlFiles(under root: String, excluding excluded: [String] = []) -> Listing {
        var listing = Listing()
        guard FileManager.default.fileExists(atPath: root) else { return listing }
        let prefixes = excluded.map(normalized).filter { !$0.isEmpty }
        func isExcluded(_ relative: String) -> Bool {
            prefixes.contains { relative == $0 || relative.hasPrefix($0 + "/") }
        }
        func walk(_ directory: String, relative: String, ancestors: Set<String>) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                listing.problems.append((relative.isEmpty ? "." : relative, "cannot be listed"))
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                if isExcluded(path) { continue }
                let full = "\(directory)/\(name)"
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
                    // Listed but not there: a symbolic link to nothing.
                    listing.problems.append((path, "is a symbolic link to something that does not exist"))
                    continue
                }
                if isDirectory.boolValue {
                    let real = realPath(full)
                    guard !ancestors.contains(real) else {
                        listing.problems.append((path, "is a symbolic link back into a directory that contains it"))
                        continue
                    }
                    walk(full, relative: path, ancestors: ancestors.union([real]))
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    listing.files.append(path)
                }
            }
        }
        walk(root, relative: "", ancestors: [realPath(root)])
        listing.files.sort()
        return listing
    }

    /// `./tests/` → `tests`: the form the walk compares relative paths with.
    static func normalized(_ relative: String) -> String {
        var path = Substring(relative)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        while path.hasSuffix("/") { path = path.dropLast() }
        return path == "." ? "" : String(path)
    }

    private static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}
