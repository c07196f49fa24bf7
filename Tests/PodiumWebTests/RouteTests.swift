import XCTest
import HummingbirdTesting
@testable import PodiumWeb
final class RouteTests: XCTestCase { func testNothing() {} }
