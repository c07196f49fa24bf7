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

    /// Checks that `lines` are `text` in order with only spaces dropped at the breaks, and
    /// returns the offset (in graphemes) of each line in `text`.
    @discardableResult
    static func assertRoundTrip(_ text: String, _ lines: [String], file: StaticString = #filePath, line: UInt = #line) -> [Int] {
        let characters = Array(text)
        var offset = 0
        var offsets: [Int] = []
        for (index, piece) in lines.enumerated() {
            if index > 0 { while offset < characters.count, characters[offset] == " " { offset += 1 } }
            offsets.append(offset)
            let pieceCharacters = Array(piece)
            let end = min(characters.count, offset + pieceCharacters.count)
            XCTAssertEqual(Array(characters[offset..<end]), pieceCharacters,
                           "line \(index) \(piece.debugDescription) is not next in \(text.debugDescription)", file: file, line: line)
            offset = end
        }
        XCTAssertTrue(characters[offset...].allSatisfy { $0 == " " }, "left over in \(text.debugDescription)", file: file, line: line)
        return offsets
    }

    /// Cells of the run of graphemes around `position` that no allowed break splits.
    static func unbreakableRunCells(_ characters: [Character], around position: Int) -> Int {
        var low = position
        while low > 0, !TextLayout.canBreak(before: characters[low], after: characters[low - 1]) { low -= 1 }
        var high = position
        while high + 1 < characters.count, !TextLayout.canBreak(before: characters[high + 1], after: characters[high]) { high += 1 }
        return characters[low...high].reduce(0) { $0 + DisplayWidth.cells(of: $1) }
    }

    func testJapaneseAtSeveralWidths() {
        for text in Self.japanese {
            for width in Self.widths {
                let lines = TextLayout.wrap(text, width: width)
                XCTAssertFalse(lines.isEmpty)
                for piece in lines {
                    XCTAssertLessThanOrEqual(DisplayWidth.cells(of: piece), width, "\(piece) at \(width)")
                }
                guard width >= 2 else { continue }
                let offsets = Self.assertRoundTrip(text, lines)
                if !text.contains(" ") { XCTAssertEqual(lines.joined(), text) }
                // Kinsoku: closing punctuation starts a line, or an opening bracket ends one,
                // only when the unbreakable run around that place is wider than a whole line.
                let characters = Array(text)
                for (index, piece) in lines.enumerated() where index > 0 && !piece.isEmpty {
                    let position = offsets[index]
                    let previous = characters[position - 1]
                    let first = characters[position]
                    if TextLayout.noLineStart.contains(first) || TextLayout.noLineEnd.contains(previous) {
                        XCTAssertGreaterThan(Self.unbreakableRunCells(characters, around: position), width,
                                             "\(piece.debugDescription) after \(lines[index - 1].debugDescription) at width \(width)")
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
