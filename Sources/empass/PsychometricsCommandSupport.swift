import ArgumentParser
import Foundation
import Psychometrics

/// File reading/writing and shared options of the psychometric commands (the library does no I/O).
enum PsychometricsIO {
    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(path) is not UTF-8 text") }
        return text
    }

    static func writeText(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw ValidationError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func readParameters(_ path: String) throws -> [ItemParameters] {
        let text = try readText(path)
        let file: ParameterFile
        do { file = try JSONDecoder().decode(ParameterFile.self, from: Data(text.utf8)) } catch {
            throw ValidationError("\(path) is not a parameter file: \(error)")
        }
        return try file.validatedItems()
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func format(_ x: Double, _ digits: Int = 4) -> String {
        x.isFinite ? String(format: "%.\(digits)f", x) : (x.isNaN ? "NA" : (x > 0 ? "Inf" : "-Inf"))
    }
}

enum QuadratureKind: String, ExpressibleByArgument, CaseIterable {
    case grid
    case gaussHermite = "gauss-hermite"
}

struct QuadratureOptions: ParsableArguments {
    @Option(help: "Quadrature rule for θ ~ N(0,1): grid (equally spaced on [-6, 6]) or gauss-hermite.")
    var quadrature: QuadratureKind = .grid

    @Option(name: .customLong("quadrature-points"), help: "Number of quadrature points.")
    var quadraturePoints: Int = 61

    func make() throws -> Quadrature {
        switch quadrature {
        case .grid: try Quadrature(.grid(points: quadraturePoints, lower: -6, upper: 6))
        case .gaussHermite: try Quadrature(.gaussHermite(points: quadraturePoints))
        }
    }
}
