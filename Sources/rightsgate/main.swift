import RightsGate
import Foundation

let report = BundleLoader.report(directory: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "policies")
print(DiagnosticRenderer(sources: report.sourceFiles).render(report.diagnostics))
if let bundle = report.bundle, CommandLine.arguments.count > 2 {
    var table = bundle.makeFactTable()
    let data = FileManager.default.contents(atPath: CommandLine.arguments[2])!
    do {
        let warnings = try bundle.decode(Array(data), into: &table)
        for w in warnings { print(w) }
        let evaluation = bundle.evaluate(table, asOf: CalendarDay.today())
        let decision = Decision(evaluation: evaluation)
        print(DecisionText.render(decision, language: CommandLine.arguments.count > 3 ? CommandLine.arguments[3] : "en"))
        print(DecisionJSON.render(decision))
        print(DecisionSummary.render(evaluation))
    } catch {
        print(error)
    }
}
