import RightsGate

extension ReplayReport {
    /// An empty report for a run: every check of the bundle listed at zero, so all shards share the shape.
    init(run: Run, layout: TallyLayout) {
        self.init(run: run)
        for (i, id) in layout.checkIDs.enumerated() {
            checks[id] = CheckCounts(title: layout.checkTitles[i], mode: layout.checkModes[i])
        }
        if run.comparePolicy != nil { compare = Comparison() }
    }

    /// Adds one worker's tally. Only non-zero counts create entries, so a single run and a merge of shards
    /// produce the same keys.
    mutating func absorb(_ tally: Tally, layout: TallyLayout) {
        let names = ReplayOutcomes.names
        totals.records += tally.records
        totals.evaluated += tally.evaluated
        totals.invalid += tally.invalid
        totals.outsidePeriod += tally.outsidePeriod
        totals.undated += tally.undated
        for (i, n) in tally.perInput.enumerated() where n > 0 { recordsPerInput[layout.inputFiles[i], default: 0] += n }
        for (i, n) in tally.outcomes.enumerated() { outcomes[names[i], default: 0] += n }
        for h in 0..<Tally.historyCount where tally.historical[h] > 0 {
            let row = Tally.historyName(h)
            historical[row, default: 0] += tally.historical[h]
            for o in 0..<Tally.outcomeCount where tally.matrix[h * Tally.outcomeCount + o] > 0 {
                historyVsPolicy[row, default: [:]][names[o], default: 0] += tally.matrix[h * Tally.outcomeCount + o]
            }
        }
        Self.add(tally.byActionKind, to: &byActionKind)
        Self.add(tally.byContentCategory, to: &byContentCategory)
        Self.add(tally.byInstrument, to: &byInstrument)
        Self.add(tally.byMonth, to: &byMonth)

        for (c, id) in layout.checkIDs.enumerated() {
            guard var counts = checks[id] else { continue }
            let s = c * Tally.statusCount
            counts.notInForce += tally.statuses[s + Int(CheckResult.Status.notInForce.rawValue)]
            counts.notApplicable += tally.statuses[s + Int(CheckResult.Status.notApplicable.rawValue)]
            counts.passed += tally.statuses[s + Int(CheckResult.Status.passed.rawValue)]
            counts.failed += tally.statuses[s + Int(CheckResult.Status.failed.rawValue)]
            counts.unknown += tally.statuses[s + Int(CheckResult.Status.unknown.rawValue)]
            counts.excepted += tally.statuses[s + Int(CheckResult.Status.excepted.rawValue)]
            for o in 0..<Tally.outcomeCount {
                let failed = tally.failedByOutcome[c * Tally.outcomeCount + o]
                if failed > 0 { counts.failedByOutcome[names[o], default: 0] += failed }
                let unknown = tally.unknownByOutcome[c * Tally.outcomeCount + o]
                if unknown > 0 { counts.unknownByOutcome[names[o], default: 0] += unknown }
            }
            checks[id] = counts
        }

        tooLittleInformation.records += tally.tooLittle
        for (o, n) in tally.tooLittleByOutcome.enumerated() where n > 0 { tooLittleInformation.byOutcome[names[o], default: 0] += n }
        tooLittleInformation.missingFacts.counts.add(tally.missingFacts)

        mappingGaps.mappedRecords += tally.mappedRecords
        for (i, n) in tally.unfilled.enumerated() where n > 0 { mappingGaps.unfilled.add(layout.factPaths[i], n) }
        for (i, n) in tally.columnAbsent.enumerated() where n > 0 { mappingGaps.columnAbsent.add(layout.factPaths[i], n) }
        mappingGaps.rejectedValues.counts.add(tally.rejected)
        mappingGaps.maskedValuesDropped.counts.add(tally.masked)
        warnings.add(tally.warnings)

        disagreements.add(Listing(count: tally.disagreements, listed: tally.disagreementList), limit: run.listLimit)
        invalidRecords.add(Listing(count: tally.invalid, listed: tally.invalidList), limit: run.listLimit)
        if let theirs = tally.compare, var comparison = compare {
            comparison.absorb(theirs, layout: layout, limit: run.listLimit)
            compare = comparison
        }
    }

    private static func add(_ counts: [String: [Int]], to target: inout [String: [String: Int]]) {
        for (key, perOutcome) in counts {
            for (o, n) in perOutcome.enumerated() where n > 0 {
                target[key, default: [:]][ReplayOutcomes.names[o], default: 0] += n
            }
        }
    }
}

extension ReplayReport.Comparison {
    mutating func absorb(_ tally: CompareTally, layout: TallyLayout, limit: Int) {
        evaluated += tally.evaluated
        invalidUnderCompare += tally.invalidUnderCompare
        changed += tally.changed
        let targets = ReplayOutcomes.names + [ReplayOutcomes.invalid]
        for from in 0..<Tally.outcomeCount {
            for to in 0..<CompareTally.targetCount where tally.transitions[from * CompareTally.targetCount + to] > 0 {
                transitions[ReplayOutcomes.names[from], default: [:]][targets[to], default: 0]
                    += tally.transitions[from * CompareTally.targetCount + to]
            }
        }
        for (u, id) in layout.unionIDs.enumerated() {
            let base = u * 4
            let change = ReplayReport.CheckChange(
                newlyFailing: tally.checkChanges[base], noLongerFailing: tally.checkChanges[base + 1],
                newlyUnknown: tally.checkChanges[base + 2], noLongerUnknown: tally.checkChanges[base + 3])
            guard !change.isZero else { continue }
            checks[id, default: ReplayReport.CheckChange()].add(change)
        }
        changeGroups.counts.add(tally.groups)
        changedRecords.add(ReplayReport.Listing(count: tally.changed, listed: tally.changedList), limit: limit)
    }
}
