import Foundation
import PodiumCore
import PodiumUI

/// (g) Notes that are not Markdown (a pasted log with stray `*`, `_`, `` ` ``, `[`): the
/// notes pane drawn from scratch (80 columns, no remembered layout, as when the text has just
/// changed), for notes of 1, 10 and 100 KB, as one long line and as lines of about 100 bytes.
func notesRender(samples: (Int) -> Int) -> [(name: String, bytes: Int, samples: Samples)] {
    let unit = "log *a **b _c __d `e ``f [g [h](i \\*j 日本語の*強調 snake_case "
    var results: [(String, Int, Samples)] = []
    for lines in [false, true] {
        for bytes in [1_000, 10_000, 100_000] {
            let notes = pathologicalNotes(unit, bytes: bytes, lineBytes: lines ? 100 : nil)
            var measured = Samples()
            var screen = Screen(width: 80, height: 24)
            let rect = Rect(x: 0, y: 0, width: 80, height: 24)
            for index in 0..<(samples(bytes) + 2) {
                let time = milliseconds {
                    NotesPane.render(into: &screen, rect: rect, notes: notes, title: "Notes", elapsedSeconds: 30,
                                     scroll: 0, focused: false, memo: MarkdownMemo())
                }
                if index >= 2 { measured.add(time) }
            }
            results.append(("notes draw, \(lines ? "100-byte lines" : "one line")", bytes, measured))
        }
    }
    return results
}

/// (g') PgDn in the host console with 100 KB of notes (100-byte lines) while the timer runs:
/// the key and the frame, with the loop's memos, as a person scrolls a long note. The notes'
/// layout is the frame before's, so neither the key nor the frame lays them out again.
func notesPageDown(samples: Int) -> Samples {
    let now = Date()
    let notes = pathologicalNotes("log *a **b _c __d `e ``f [g [h](i \\*j 日本語の*強調 snake_case ", bytes: 100_000, lineBytes: 100)
    var state = PodiumState(
        event: Event(title: "Notes", sessions: [Session(id: "s", title: "Long notes", plannedSeconds: 3_600, notes: notes)]),
        now: now)
    reduce(&state, .startTimer(session: "s"), context: ActionContext(now: now, actor: benchActor))
    var model = ConsoleModel(role: .host, actor: benchActor, shared: state)
    model.width = screenWidth
    model.height = screenHeight
    let memos = ConsoleMemos()
    _ = ConsoleView.render(model, memos: memos, now: now, width: screenWidth, height: screenHeight)
    var measured = Samples()
    for index in 0..<(samples + 2) {
        // Back to the top now and then, so that PgDn always has somewhere to go.
        if index % 50 == 0 { model.notesScroll = 0 }
        let time = milliseconds {
            _ = model.handle(.pageDown, now: now, memos: memos)
            _ = ConsoleView.render(model, memos: memos, now: now, width: screenWidth, height: screenHeight)
        }
        if index >= 2 { measured.add(time) }
    }
    return measured
}

/// `unit` repeated to `bytes` UTF-8 bytes, with a newline about every `lineBytes` bytes.
func pathologicalNotes(_ unit: String, bytes: Int, lineBytes: Int?) -> String {
    var text = ""
    var line = 0
    while text.utf8.count < bytes {
        for character in unit {
            text.append(character)
            line += character.utf8.count
            if let lineBytes, line >= lineBytes {
                text.append("\n")
                line = 0
            }
            if text.utf8.count >= bytes { break }
        }
    }
    return text
}
