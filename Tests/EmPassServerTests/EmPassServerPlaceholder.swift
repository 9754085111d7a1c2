import Testing
@testable import EmPassServer

