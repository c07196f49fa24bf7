import XCTest
@testable import PodiumText

final class WrapTests: XCTestCase {
    /// Japanese titles and questions from shared/fixtures/real-events.md.
    static let japanese: [String] = [
        "Kubernetesのコードリーディングをする上で知っておくと良さそうなこと",
        "Knativeで実現するKubernetes上のサーバーレスアーキテクチャ",
        "K8s使い始めだとメリットが理解しづらかった",
        "実際どう?使ってる?メルペイでもサーバーレスワークロードって検討してる?",
        "K8sクラスタでFaaSを使えるようにする意義は?",
        "node affinityと両立するにはどうしたらいい?",
        "FaaSはわかるけどPaaS基盤を構築するってどういうこと?",
        "いつGA?ロードマップでてる?",
        "ブルーグリーンデプロイってK8sやIstioでもできると思うけどKnativeでやる意義は?",
        "隠蔽されることで調査しづらくなったりする部分ないか",
        "(プラットフォーム的に現実的に選択できる)Cloud Runどう使うとよさそうか",
        "Istio、Gloo以外にもAmbassador使えるのでは?",
        "StatefulSets には今回触れられなかったが、どういう扱いなのか",
        "Kubernetes はなぜ etcd を使っているか",
        "Virtual Kubelet とか k3s みたいなエッジで活用する動きがコミュニティでは感じられるが、どう見ている?",
        "「質問です」と言われた。本当に？はい！",
    ]

    static let widths = [1, 2, 3, 4, 5, 7, 10, 16, 20, 33, 40, 80]

    /// Checks that `lines` are `text` in order with only spaces dropped at the breaks.
    static func assertRoundTrip(_ text: String, _ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
        var rest = Substring(text)
        for (index, piece) in lines.enumerated() {
            if index > 0 { rest = rest.drop(while: { $0 == " " }) }
            XCTAssertTrue(rest.hasPrefix(piece), "line \(index) \(piece.debugDescription) is not next in \(rest.prefix(20).debugDescription)", file: file, line: line)
            rest = rest.dropFirst(piece.count)
            if index < lines.count - 1 {
                // Spaces dropped at the end of a line are break spaces.
                let before = rest
                rest = rest.drop(while: { $0 == " " })
                _ = before
            }
        }
        XCTAssertTrue(rest.allSatisfy { $0 == " " }, "left over: \(rest.debugDescription)", file: file, line: line)
    }

    func testJapaneseAtSeveralWidths() {
        for text in Self.japanese {
            for width in Self.widths {
                let lines = TextLayout.wrap(text, width: width)
                XCTAssertFalse(lines.isEmpty)
                for piece in lines {
                    XCTAssertLessThanOrEqual(DisplayWidth.cells(of: piece), width, "\(piece) at \(width)")
                }
                if width >= 2 {
                    Self.assertRoundTrip(text, lines)
                    if !text.contains(" ") { XCTAssertEqual(lines.joined(), text) }
                }
                // Kinsoku: closing punctuation never starts a line when there was a choice
                // (width ≥ 4 always leaves one: the character before can move down with it).
                if width >= 4 {
                    for piece in lines.dropFirst() {
                        if let first = piece.first {
                            XCTAssertFalse(TextLayout.noLineStart.contains(first), "\(piece.debugDescription) starts a line at width \(width) in \(text)")
                        }
                    }
                    for piece in lines.dropLast() {
                        if let last = piece.last {
                            XCTAssertFalse(TextLayout.noLineEnd.contains(last), "\(piece.debugDescription) ends a line at width \(width)")
                        }
                    }
                }
            }
        }
    }

    func testKnownBreaks() {
        // ー and ? never start a line: the character before moves down with them.
        XCTAssertEqual(TextLayout.wrap("いつGA?ロードマップでてる?", width: 10), ["いつGA?", "ロードマッ", "プでてる?"])
        // A word cut by cells does not leave 、 at the start of the next line.
        XCTAssertEqual(TextLayout.wrap("Istio、Gloo", width: 5), ["Isti", "o、", "Gloo"])
        // Words break at spaces, the break space is dropped.
        XCTAssertEqual(TextLayout.wrap("node affinity and more", width: 10), ["node", "affinity", "and more"])
        // CJK breaks anywhere; 。 is kept off the line start by moving the character before it.
        XCTAssertEqual(TextLayout.wrap("質問です。はい", width: 8), ["質問で", "す。はい"])
        // Opening bracket is not left at a line end.
        XCTAssertEqual(TextLayout.wrap("あいう「えお」", width: 8), ["あいう", "「えお」"])
        // A word longer than the line is cut by cells.
        XCTAssertEqual(TextLayout.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        // Newlines are kept as paragraph breaks, empty lines too.
        XCTAssertEqual(TextLayout.wrap("a\n\nb\r\nc", width: 4), ["a", "", "b", "c"])
        XCTAssertEqual(TextLayout.wrap("", width: 4), [""])
        XCTAssertEqual(TextLayout.wrap("abc", width: 0), [])
        // A wide character on a one-cell line becomes an ellipsis, never a two-cell line.
        XCTAssertEqual(TextLayout.wrap("漢a", width: 1), ["…", "a"])
        // Emoji are wide and break like CJK.
        XCTAssertEqual(TextLayout.wrap("👍🏽👨‍👩‍👧🇯🇵", width: 4), ["👍🏽👨‍👩‍👧", "🇯🇵"])
    }

    func testTenThousandCharacterLineIsFast() {
        let long = String(repeating: "長い質問です、", count: 1_429)
        let spaced = String(repeating: "word ", count: 2_000)
        let solid = String(repeating: "x", count: 10_000)
        let start = Date()
        for text in [long, spaced, solid] {
            for width in [1, 7, 40, 80] {
                let lines = TextLayout.wrap(text, width: width)
                XCTAssertTrue(lines.allSatisfy { DisplayWidth.cells(of: $0) <= width })
            }
        }
        let seconds = Date().timeIntervalSince(start)
        XCTAssertLessThan(seconds, 5, "wrapping 10,000-character lines took \(seconds)s")
    }
}
