extension ReplayReport {
    /// Why reports cannot be merged: they come from different runs, or would count records twice.
    public struct MergeError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Merges partial reports (`--shard K/N` runs) into one. Counts add up, listings keep the first records
    /// by ordinal, and once every shard is in, the result is byte for byte the report of a single run.
    public static func merge(_ reports: [ReplayReport]) throws(MergeError) -> ReplayReport {
        guard var result = reports.first else { throw MergeError(description: "no reports to merge") }
        for report in reports.dropFirst() { result = try result.merged(with: report) }
        return result
    }

    public func merged(with other: ReplayReport) throws(MergeError) -> ReplayReport {
        guard format == other.format else {
            throw MergeError(description: "report formats differ: `\(format)` and `\(other.format)`")
        }
        if let difference = run.difference(from: other.run) {
            throw MergeError(description: "the reports come from different runs: \(difference)")
        }
        guard let a = run.shard, let b = other.run.shard else {
            throw MergeError(description: "a report of a whole run cannot be merged with another: its records would be counted twice")
        }
        guard a.count == b.count else {
            throw MergeError(description: "the reports split the run differently (\(a.count) and \(b.count) shards)")
        }
        let overlap = Set(a.indices).intersection(b.indices)
        guard overlap.isEmpty else {
            throw MergeError(description: "shard \(overlap.sorted().map(String.init).joined(separator: ", ")) appears in both reports")
        }
        guard (compare == nil) == (other.compare == nil) else {
            throw MergeError(description: "one report compares two bundles and the other does not")
        }

        var out = self
        let indices = (a.indices + b.indices).sorted()
        out.run.shard = indices == Array(1...a.count) ? nil : ShardInfo(count: a.count, indices: indices)
        out.totals.records += other.totals.records
        out.totals.evaluated += other.totals.evaluated
        out.totals.invalid += other.totals.invalid
        out.totals.outsidePeriod += other.totals.outsidePeriod
        out.totals.undated += other.totals.undated
        out.recordsPerInput.add(other.recordsPerInput)
        out.outcomes.add(other.outcomes)
        out.historical.add(other.historical)
        out.historyVsPolicy.add(other.historyVsPolicy)
        out.byActionKind.add(other.byActionKind)
        out.byContentCategory.add(other.byContentCategory)
        out.byInstrument.add(other.byInstrument)
        out.byMonth.add(other.byMonth)
        for (id, counts) in other.checks {
            if var existing = out.checks[id] {
                existing.add(counts)
                out.checks[id] = existing
            } else {
                out.checks[id] = counts
            }
        }
        out.tooLittleInformation.records += other.tooLittleInformation.records
        out.tooLittleInformation.byOutcome.add(other.tooLittleInformation.byOutcome)
        out.tooLittleInformation.missingFacts.add(other.tooLittleInformation.missingFacts)
        out.mappingGaps.mappedRecords += other.mappingGaps.mappedRecords
        out.mappingGaps.unfilled.add(other.mappingGaps.unfilled)
        out.mappingGaps.columnAbsent.add(other.mappingGaps.columnAbsent)
        out.mappingGaps.rejectedValues.add(other.mappingGaps.rejectedValues)
        out.mappingGaps.maskedValuesDropped.add(other.mappingGaps.maskedValuesDropped)
        out.warnings.add(other.warnings)
        out.disagreements.add(other.disagreements, limit: run.listLimit)
        out.invalidRecords.add(other.invalidRecords, limit: run.listLimit)
        if var comparison = out.compare, let theirs = other.compare {
            comparison.add(theirs, limit: run.listLimit)
            out.compare = comparison
        }
        out.finalize()
        return out
    }

    /// Recomputes what is derived from the counts (the period summary) and puts listings in order.
    mutating func finalize() {
        disagreements.normalize(limit: run.listLimit)
        invalidRecords.normalize(limit: run.listLimit)
        compare?.changedRecords.normalize(limit: run.listLimit)
        periodSummary = PeriodSummary(of: self)
    }
}

extension ReplayReport.CheckCounts {
    mutating func add(_ other: Self) {
        failed += other.failed
        unknown += other.unknown
        excepted += other.excepted
        passed += other.passed
        notApplicable += other.notApplicable
        notInForce += other.notInForce
        failedByOutcome.add(other.failedByOutcome)
        unknownByOutcome.add(other.unknownByOutcome)
    }
}

extension ReplayReport.Comparison {
    mutating func add(_ other: Self, limit: Int) {
        evaluated += other.evaluated
        invalidUnderCompare += other.invalidUnderCompare
        changed += other.changed
        transitions.add(other.transitions)
        for (id, change) in other.checks { checks[id, default: ReplayReport.CheckChange()].add(change) }
        changeGroups.add(other.changeGroups)
        changedRecords.add(other.changedRecords, limit: limit)
    }
}

extension ReplayReport.CheckChange {
    mutating func add(_ other: Self) {
        newlyFailing += other.newlyFailing
        noLongerFailing += other.noLongerFailing
        newlyUnknown += other.newlyUnknown
        noLongerUnknown += other.noLongerUnknown
    }
}

extension ReplayReport.Listing {
    mutating func add(_ other: Self, limit: Int) {
        count += other.count
        listed += other.listed
        normalize(limit: limit)
    }

    /// Ordered by ordinal and cut to the first `limit`.
    mutating func normalize(limit: Int) {
        listed.sort { $0.ordinal < $1.ordinal }
        if listed.count > limit { listed.removeLast(listed.count - limit) }
    }
}

extension RankedCounts {
    mutating func add(_ other: RankedCounts) { counts.add(other.counts) }
    mutating func add(_ name: String, _ n: Int = 1) { counts[name, default: 0] += n }
}

extension Dictionary where Value == Int {
    mutating func add(_ other: [Key: Int]) {
        for (key, value) in other { self[key, default: 0] += value }
    }
}

extension Dictionary where Value == [String: Int] {
    mutating func add(_ other: [Key: [String: Int]]) {
        for (key, value) in other { self[key, default: [:]].add(value) }
    }
}
