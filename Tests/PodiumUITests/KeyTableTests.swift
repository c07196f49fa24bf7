import Foundation
import PodiumCore
import PodiumText
import PodiumUI
import XCTest

/// The key table is the only place keys are bound: every key it lists does something for
/// every role it lists, every key it names is one it binds, and every other key does nothing.
final class KeyTableTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_559_293_200)  // 2019-05-31 09:00 UTC

    /// Two sessions, the first running, long notes with a cue, questions in several states.
    private func state() -> PodiumState {
        let notes = (1...40).map { "- line \($0)" }.joined(separator: "\n")
        let event = Event(
            title: "Keys", date: "2019-05-31", venue: "Tokyo", start: "09:00",
            sessions: [
                Session(id: "one", title: "One", speaker: "A", plannedSeconds: 1800, notes: notes, hostNotes: "host"),
                Session(id: "two", title: "Two", speaker: "B", plannedSeconds: 1800),
            ])
        var state = PodiumState(event: event, now: start)
        let context = ActionContext(now: start, actor: "host@test")
        reduce(&state, .startTimer(session: "one"), context: context)
        for index in 1...5 {
            reduce(&state, .addQuestion(Question(id: "q\(index)", text: "Question \(index)?", author: "a\(index)",
                                                 source: .venue, askedAt: start.addingTimeInterval(Double(index)))),
                   context: context)
        }
        reduce(&state, .approve(id: "q1"), context: context)
        reduce(&state, .approve(id: "q2"), context: context)
        return state
    }

    private func model(_ role: Role) -> ConsoleModel {
        var model = ConsoleModel(role: role, actor: "\(role.rawValue)@test", shared: state())
        model.timeZone = TimeZone(identifier: "UTC")!
        model.query.filter = .all
        model.height = 30
        model.keepSelectionValid()
        // A question in the middle, so that up, down, first and last all move.
        model.selectedQuestionID = model.visibleQuestions[2].id
        return model
    }

    /// What a key can change: the screen, and what the model keeps that the screen may not show.
    private func fingerprint(_ model: ConsoleModel, now: Date) -> String {
        let screen = ConsoleView.render(model, now: now, width: 80, height: 30).lines().joined(separator: "\n")
        return [
            screen, "\(model.notesScroll)", "\(model.notesScrolledByHand)", "\(model.focus)",
            "\(model.selectedQuestionID ?? "-")", "\(String(describing: model.overlay))",
            "\(String(describing: model.input))", "\(model.notice ?? "-")", "\(model.query)",
            "\(model.bigSeconds)", "\(model.mergeSourceID ?? "-")", "\(model.undoStack.entries.count)",
            "\(model.showHostNotes)", "\(model.showNextSessionNotes)", "\(model.helpScroll)",
        ].joined(separator: "\n")
    }

    private func name(_ key: Key) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let character): return String(character)
        case .control(let character): return "Ctrl-" + character.uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .left: return "←"
        case .right: return "→"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        default: return "\(key)"
        }
    }

    /// The help (and the README) names exactly the keys each line binds.
    func testEveryLineNamesTheKeysItBinds() {
        for binding in keyTable {
            let tokens = binding.label.split(separator: " ").map(String.init)
            let named = Set(tokens.count > 1 ? tokens.filter { $0 != "/" } : tokens)
            let bound = Set(binding.presses.flatMap(\.keys).map(name))
            XCTAssertEqual(named, bound, "the help line \"\(binding.label)\" names other keys than it binds")
        }
    }

    /// The input line's help names exactly the keys each line binds, too.
    func testEveryInputLineKeyLineNamesTheKeysItBinds() {
        for binding in lineKeyTable {
            let named = Set(binding.label.split(separator: " ").map(String.init).filter { $0 != "/" })
            let bound = Set(binding.presses.flatMap(\.keys).map(name))
            XCTAssertEqual(named, bound, "the help line \"\(binding.label)\" names other keys than it binds")
        }
    }

    /// Every key of the input line's table does something in the ask line, with "ab cd" typed
    /// and the cursor between "c" and "d"; and the `?` box lists them for staff.
    func testEveryInputLineKeyDoesSomething() {
        for binding in lineKeyTable {
            for press in binding.presses {
                for key in press.keys {
                    var console = model(.moderator)
                    for typed in [Key.character("a")] + "ab cd".map({ Key.character($0) }) + [.left] {
                        _ = console.handle(typed, now: start)
                    }
                    XCTAssertEqual(console.input, .addQuestion)
                    let before = fingerprint(console, now: start) + "|\(console.editor.text)|\(console.editor.cursor)|\(console.askSource)"
                    let output = console.handle(key, now: start, newID: { "new" })
                    let after = fingerprint(console, now: start) + "|\(console.editor.text)|\(console.editor.cursor)|\(console.askSource)"
                    XCTAssertTrue(before != after || !output.actions.isEmpty, "\(name(key)) (\(press.command)) did nothing in the input line")
                }
            }
        }
        let help = ConsoleView.helpLines(model(.moderator)).joined(separator: "\n")
        for binding in lineKeyTable { XCTAssertTrue(help.contains(binding.label), binding.label) }
        XCTAssertFalse(ConsoleView.helpLines(model(.speaker)).joined().contains("Ctrl-W"), "the speaker types nothing")
    }

    /// The status line hints only keys its role may use, each once.
    func testStatusLineHintsOnlyKeysOfTheRole() {
        for binding in keyTable {
            guard let hint = binding.hint else { continue }
            XCTAssertTrue(hint.roles.isSubset(of: binding.roles), "the hint \"\(hint.key)\" shows for roles that cannot use \(binding.label)")
        }
        let ranks = keyTable.compactMap { $0.hint?.rank }
        XCTAssertEqual(Set(ranks).count, ranks.count, "two hints at one place on the status line")
        XCTAssertEqual(KeyBinding.statusHints(.speaker, .en), " ? help  q quit")
    }

    /// Keys a line lists do nothing in this state only where said here, and why.
    private let noOpHere: [KeyCommand: String] = [
        .escape: "no search to clear, no merge to cancel",
        .notesPageUp: "the notes are at the top already",
    ]

    func testEveryBoundKeyDoesSomethingForEveryRoleItLists() {
        let now = start.addingTimeInterval(90)
        for binding in keyTable {
            for role in [Role.host, .moderator, .speaker] where binding.roles.contains(role) {
                for press in binding.presses {
                    for key in press.keys {
                        var console = model(role)
                        let before = fingerprint(console, now: now)
                        var ids = 0
                        let output = console.handle(key, now: now) { ids += 1; return "q-test\(ids)" }
                        let changed = output != ConsoleOutput() || fingerprint(console, now: now) != before
                        if let reason = noOpHere[press.command] {
                            XCTAssertFalse(changed, "\(role) \(name(key)) is marked a no-op here (\(reason)) but did something")
                        } else {
                            XCTAssertTrue(changed, "\(role) \(name(key)) (\(press.command)) is in the key table but did nothing")
                        }
                    }
                }
            }
        }
    }

    /// A key bound for other roles only says it is not this console's; any other key does
    /// nothing at all (a speaker is told that the console only reads).
    func testKeysNotBoundForARoleChangeNothingButTheNotice() {
        let now = start.addingTimeInterval(90)
        var keys = (0x20...0x7E).map { Key.character(Character(UnicodeScalar($0)!)) }
        keys += [.left, .right, .backspace, .delete, .backTab, .function(1), .unknown(999), .control("x"), .resize, .character("é")]
        for role in [Role.host, .moderator, .speaker] {
            let bound = Set(keyTable.filter { $0.roles.contains(role) }.flatMap(\.presses).flatMap(\.keys))
            let boundElsewhere = Set(keyTable.flatMap(\.presses).flatMap(\.keys)).subtracting(bound)
            for key in keys where !bound.contains(key) {
                var console = model(role)
                var expected = console
                let output = console.handle(key, now: now) { "q-test" }
                XCTAssertEqual(output, ConsoleOutput(), "\(role) \(name(key)) is not in the key table but gave actions")
                if case .character = key, role == .speaker {
                    expected.say(.readOnly)
                } else if boundElsewhere.contains(key) {
                    expected.say(.timerIsHosts)
                }
                XCTAssertEqual(fingerprint(console, now: now), fingerprint(expected, now: now),
                               "\(role) \(name(key)) is not in the key table for this role but changed something")
            }
        }
    }

    /// Ids come from the caller: the same keys with the same ids give the same actions.
    func testIdsComeFromTheCaller() {
        let now = start.addingTimeInterval(90)
        func run() -> [Action] {
            var console = model(.moderator)
            var actions: [Action] = []
            var ids = 0
            for key in [Key.character("a"), .character("H"), .character("i"), .enter, .character("u"), .character("U")] {
                let output = console.handle(key, now: now) { ids += 1; return "q-caller\(ids)" }
                // Applied as the loop applies them, so that the new question can be voted on.
                for action in output.actions {
                    reduce(&console.shared, action, context: ActionContext(now: now, actor: console.actor))
                }
                actions += output.actions
            }
            return actions
        }
        let actions = run()
        XCTAssertEqual(actions, run())
        guard case .addQuestion(let question)? = actions.first?.unguarded else { return XCTFail("\(actions)") }
        XCTAssertEqual(question.id, "q-caller1")
        XCTAssertEqual(actions.count, 3)
    }
}
