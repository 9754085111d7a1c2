import Testing
@testable import Psychometrics

