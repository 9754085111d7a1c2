import Foundation

/// Reading a FILE argument or `-` (standard input) for the credential commands.
enum CommandInput {
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandInputError.unreadable(path)
        }
        return Array(data)
    }
}

enum CommandInputError: Error, CustomStringConvertible {
    case unreadable(String)
    case invalid(String)

    var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .invalid(let why): why
        }
    }
}

/// Writes a line to standard error (diagnostics stay out of piped output).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
