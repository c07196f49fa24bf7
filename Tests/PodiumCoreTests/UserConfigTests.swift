import Foundation
import PodiumCore
import PodiumText
import XCTest

/// `config.yaml`: the four keys, and a clear error with the line of anything else.
final class UserConfigTests: XCTestCase {
    func testTheFourKeys() throws {
        let config = try UserConfig.parse("name: ken\nlanguage: ja\nbell: false\nbig_seconds: yes\n", file: "config.yaml")
        XCTAssertEqual(config, UserConfig(name: "ken", language: .ja, bell: false, bigSeconds: true))
        XCTAssertEqual(try UserConfig.parse("", file: "c"), UserConfig())
        XCTAssertEqual(try UserConfig.parse("# nothing set\n", file: "c"), UserConfig())
    }

    func testErrorsNameTheLine() {
        let cases: [(String, String)] = [
            ("name: ken\nlanguage: fr\n", "config.yaml:2:11: language must be ja or en, not \"fr\""),
            ("bell: loud\n", "config.yaml:1:7: bell must be true or false, not \"loud\""),
            ("name: ken\ncolour: red\n", "config.yaml:2:1: unknown key \"colour\"; known keys: name, language, bell, big_seconds"),
            ("- name\n", "config.yaml:1:1: the config must be a mapping of keys (name, language, bell, big_seconds)"),
            ("name: [ken\n", "config.yaml:2:1: not valid YAML:"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try UserConfig.parse(text, file: "config.yaml"), text) { error in
                XCTAssertTrue("\(error)".hasPrefix(expected), "\(error)")
            }
        }
    }

    func testWhereTheFileIs() {
        XCTAssertEqual(UserConfig.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/home/k"]), "/x/podium/config.yaml")
        XCTAssertEqual(UserConfig.path(environment: ["HOME": "/home/k"]), "/home/k/.config/podium/config.yaml")
        XCTAssertEqual(UserConfig.path(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/k"]), "/home/k/.config/podium/config.yaml")
        XCTAssertNil(UserConfig.path(environment: [:]))
    }
}
