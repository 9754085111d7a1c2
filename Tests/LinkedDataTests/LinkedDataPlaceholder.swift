import Testing
@testable import LinkedData

