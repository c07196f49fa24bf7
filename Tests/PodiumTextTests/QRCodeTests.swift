import Foundation
import PodiumText
import XCTest

final class QRCodeTests: XCTestCase {
    /// Draws half-block lines as a grey-map image the way a light-on-dark terminal shows them
    /// (the characters light, the rest dark), `scale` pixels a module.
    static func image(_ lines: [String], scale: Int = 4) -> Data {
        let width = (lines.first?.count ?? 0) * scale
        let height = lines.count * 2 * scale
        var pixels = [UInt8](repeating: 0, count: width * height)
        for (row, line) in lines.enumerated() {
            for (column, character) in line.enumerated() {
                let (top, bottom): (Bool, Bool)
                switch character {
                case "█": (top, bottom) = (true, true)
                case "▀": (top, bottom) = (true, false)
                case "▄": (top, bottom) = (false, true)
                default: (top, bottom) = (false, false)
                }
                for (half, light) in [(0, top), (1, bottom)] where light {
                    for dy in 0..<scale {
                        for dx in 0..<scale {
                            pixels[((row * 2 + half) * scale + dy) * width + column * scale + dx] = 255
                        }
                    }
                }
            }
        }
        return Data("P5\n\(width) \(height)\n255\n".utf8) + Data(pixels)
    }

    /// What zbarimg reads from the image, or nil when it is not installed.
    static func decode(_ image: Data) throws -> String? {
        guard let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first(where: FileManager.default.isExecutableFile) else { return nil }
        let path = NSTemporaryDirectory() + "podium-qr-\(UUID().uuidString).pgm"
        try image.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    func testAReaderDecodesWhatWasEncoded() throws {
        let texts = [
            "http://192.168.1.20:8080/",
            "http://10.0.0.5:8080/?from=satellite",
            "http://podium.local:8080/",
            "HELLO",
            "http://[fe80::1]:8080/ 日本語のURLも",
            String(repeating: "https://example.org/long/path/", count: 8),
        ]
        for text in texts {
            let code = try XCTUnwrap(QRCode(text))
            XCTAssertEqual(code.size, code.version * 4 + 17)
            guard let decoded = try Self.decode(Self.image(code.halfBlockLines())) else {
                throw XCTSkip("zbarimg is missing (scripts/setup installs Debian's zbar-tools)")
            }
            XCTAssertEqual(decoded, text, "version \(code.version)")
        }
    }

    func testShapeAndQuietZone() throws {
        let code = try XCTUnwrap(QRCode("http://192.168.1.20:8080/"))
        XCTAssertEqual(code.version, 2)  // 25 bytes fit version 2 at medium correction
        let lines = code.halfBlockLines(quietZone: 4)
        XCTAssertEqual(lines.count, (code.size + 8 + 1) / 2)
        XCTAssertTrue(lines.allSatisfy { $0.count == code.size + 8 })
        XCTAssertEqual(lines[0], String(repeating: "█", count: code.size + 8))  // quiet zone: light
        XCTAssertTrue(lines.joined().allSatisfy { "█▀▄ ".contains($0) })
        // The finder pattern's top-left corner is dark, the modules around it light.
        XCTAssertTrue(code.modules[0][0])
        XCTAssertFalse(code.modules[7][7])
    }

    func testTooLongForAnyVersion() {
        XCTAssertNil(QRCode(String(repeating: "a", count: 3000)))
    }
}
