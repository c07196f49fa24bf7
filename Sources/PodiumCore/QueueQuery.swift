import Foundation

/// Which questions a queue pane lists, and in what order. Pure and linear in the number of
/// questions (plus the sort): fast enough to run on every key press with 10,000 questions.
public struct QueueQuery: Equatable, Sendable {
    /// Which statuses are listed. Merged duplicates are hidden except in `all`.
    public enum Filter: String, CaseIterable, Sendable {
        /// The moderator's default: incoming, approved and live together (incoming ones are
        /// marked by the pane: `status == .new`), so nothing waits unseen.
        case triage
        /// Awaiting review (`new`).
        case incoming
        /// In the queue: approved and live.
        case queue
        case answered
        case dismissed
        /// Everything, merged duplicates included.
        case all

        public func includes(_ question: Question) -> Bool {
            includes(status: question.status, merged: question.mergedInto != nil)
        }

        /// `includes` from the two fields it looks at (lets `apply` read them in place).
        func includes(status: QuestionStatus, merged: Bool) -> Bool {
            switch self {
            case .all: return true
            case .triage: return !merged && (status == .new || status == .approved || status == .live)
            case .incoming: return !merged && status == .new
            case .queue: return !merged && (status == .approved || status == .live)
            case .answered: return !merged && status == .answered
            case .dismissed: return !merged && status == .dismissed
            }
        }
    }

    /// The order of the list. Pinned questions come first in every order but `age`/`newest`.
    public enum Order: String, CaseIterable, Sendable {
        /// Pinned first, then the live question, then by hand-set `position` (then age).
        case position
        /// Most votes first; equal votes: the older first.
        case votes
        /// Oldest first (the order of asking).
        case age
        /// Newest first.
        case newest
    }

    /// Which sessions' questions are listed.
    public enum SessionScope: Equatable, Sendable {
        /// The session on stage now (questions without a session count as current).
        case current
        /// Every session: unanswered questions of earlier sessions stay reachable.
        case all
        /// One given session.
        case session(String)
    }

    public var filter: Filter
    public var source: QuestionSource?
    /// Only questions carrying this label (case- and width-insensitive).
    public var label: String?
    public var session: SessionScope
    public var order: Order
    /// Words that must all occur in the text, an alias, the original text, the author or a
    /// label; case-, width- and diacritic-insensitive, hiragana matches katakana.
    public var search: String

    public init(
        filter: Filter = .triage, source: QuestionSource? = nil, label: String? = nil,
        session: SessionScope = .current, order: Order = .position, search: String = ""
    ) {
        self.filter = filter
        self.source = source
        self.label = label
        self.session = session
        self.order = order
        self.search = search
    }

    /// Which questions of one state a query lists: the query with what it needs from the
    /// state worked out once (the session, the folded label and search words).
    public struct Matcher {
        let query: QueueQuery
        let sessionID: String?
        let currentSessionID: String
        let foldedLabel: String?
        let words: [String]

        public init(_ query: QueueQuery, currentSessionID: String) {
            self.query = query
            self.currentSessionID = currentSessionID
            switch query.session {
            case .current: sessionID = currentSessionID
            case .all: sessionID = nil
            case .session(let id): sessionID = id
            }
            foldedLabel = query.label.map(QueueQuery.fold).flatMap { $0.isEmpty ? nil : $0 }
            words = QueueQuery.fold(query.search).split(whereSeparator: \.isWhitespace).map(String.init)
        }

        /// Whether the question is listed.
        public func includes(_ question: Question) -> Bool {
            guard query.filter.includes(status: question.status, merged: question.mergedInto != nil)
            else { return false }
            if let sessionID, (question.sessionID ?? currentSessionID) != sessionID { return false }
            if let source = query.source, question.source != source { return false }
            if let foldedLabel, !question.labels.contains(where: { QueueQuery.fold($0) == foldedLabel }) {
                return false
            }
            if !words.isEmpty {
                // Folded only here, and only for questions that passed the cheap filters.
                let haystack = QueueQuery.searchText(of: question)
                guard words.allSatisfy({ haystack.contains($0) }) else { return false }
            }
            return true
        }
    }

    /// The questions listed, in order.
    public func apply(to state: PodiumState) -> [Question] {
        listedIndices(in: state).map { state.questions[$0] }
    }

    /// The indices in `state.questions` of the questions listed, in list order (what `apply`
    /// lists).
    public func listedIndices(in state: PodiumState) -> [Int] {
        let matcher = Matcher(self, currentSessionID: state.currentSessionID)
        let questions = state.questions
        var picked: [Int] = []
        picked.reserveCapacity(questions.count)
        for index in questions.indices where matcher.includes(questions[index]) { picked.append(index) }
        return Self.sortedIndices(questions, picked, order)
    }

    /// Whether the question at array index `a` comes before the one at `b` in a list in
    /// `order`: the order of `apply` (its sort is stable, so ties keep the array order).
    public static func precedes(
        _ a: Question, at aIndex: Int, _ b: Question, at bIndex: Int, order: Order
    ) -> Bool {
        let before = comparator(order)
        if before(a, b) { return true }
        if before(b, a) { return false }
        return aIndex < bIndex
    }

    /// What the queue's order looks at in a question: small flat values, so that sorting
    /// 10,000 questions compares keys rather than whole questions.
    struct SortKey {
        var pinned: Bool
        var live: Bool
        var votes: Int
        var position: Double
        var askedAt: Date
        /// Where the question is (its id, read only on a tie, is looked up from it).
        var index: Int

        init(_ question: Question, index: Int, order: Order) {
            pinned = question.pinned
            live = question.status == .live
            votes = order == .votes ? question.voteCount : 0
            position = question.position
            askedAt = question.askedAt
            self.index = index
        }
    }

    /// The queue's order, its only definition: whether `a` comes before `b`. `id` gives the
    /// id of a key's question, the last tie-breaker.
    static func comesFirst(_ a: SortKey, _ b: SortKey, order: Order, id: (Int) -> String) -> Bool {
        func olderFirst(_ a: SortKey, _ b: SortKey) -> Bool {
            if a.askedAt != b.askedAt { return a.askedAt < b.askedAt }
            return id(a.index) < id(b.index)
        }
        switch order {
        case .position:
            if a.pinned != b.pinned { return a.pinned }
            if a.live != b.live { return a.live }
            if a.position != b.position { return a.position < b.position }
            return olderFirst(a, b)
        case .votes:
            if a.pinned != b.pinned { return a.pinned }
            if a.votes != b.votes { return a.votes > b.votes }
            return olderFirst(a, b)
        case .age:
            return olderFirst(a, b)
        case .newest:
            return olderFirst(b, a)
        }
    }

    /// `picked` (indices into `questions`) in the queue's order; the sort is stable, so ties
    /// keep the order of `picked`.
    static func sortedIndices(_ questions: QuestionList, _ picked: [Int], _ order: Order) -> [Int] {
        guard picked.count > 1 else { return picked }
        var keys: [SortKey] = []
        keys.reserveCapacity(picked.count)
        for index in picked { keys.append(SortKey(questions[index], index: index, order: order)) }
        keys.sort { comesFirst($0, $1, order: order, id: { questions[$0].id }) }
        return keys.map(\.index)
    }

    /// Whether a question of `state` is listed (ignoring order).
    public func matches(_ question: Question, in state: PodiumState) -> Bool {
        Matcher(self, currentSessionID: state.currentSessionID).includes(question)
    }

    /// Open questions (new, approved, live) of sessions other than the current one: the
    /// queue pane can say that some are waiting elsewhere (reach them with `session: .all`).
    public static func openInOtherSessions(_ state: PodiumState) -> Int {
        state.questions.reduce(0) { $0 + (isOpenElsewhere($1, current: state.currentSessionID) ? 1 : 0) }
    }

    /// Whether `openInOtherSessions` counts the question (questions without a session belong
    /// to the current one).
    public static func isOpenElsewhere(_ question: Question, current: String) -> Bool {
        question.isOpen && (question.sessionID ?? current) != current
    }

    // MARK: Order

    public static func comparator(_ order: Order) -> (Question, Question) -> Bool {
        { a, b in
            comesFirst(SortKey(a, index: 0, order: order), SortKey(b, index: 1, order: order), order: order,
                       id: { $0 == 0 ? a.id : b.id })
        }
    }

    // MARK: Search

    /// Everything a search looks in, folded, fields kept apart so a word never spans two.
    static func searchText(of question: Question) -> String {
        var parts = [question.text, question.author]
        parts += question.aliases
        parts += question.labels
        if let original = question.originalText { parts.append(original) }
        return parts.map(fold).joined(separator: "\u{1}")
    }

    /// Folds text for searching: case, width (full-width ASCII, half-width katakana) and
    /// diacritics ignored, hiragana as katakana, every kind of space a plain space.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var text = text
        if text.unicodeScalars.contains(where: { (0xFF61...0xFF9F).contains($0.value) }) {
            // Half-width katakana with separate voicing marks: compose them first (ﾊﾞ → バ).
            text = text.precomposedStringWithCompatibilityMapping
        }
        let folded = text.folding(
            options: [.caseInsensitive, .widthInsensitive, .diacriticInsensitive], locale: nil)
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            switch scalar.value {
            case 0x3041...0x3096, 0x309D, 0x309E:  // hiragana → katakana
                scalars.append(Unicode.Scalar(scalar.value + 0x60)!)
            case 0x3000, 0x09, 0x0A, 0x0D, 0xA0:
                scalars.append(" ")
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
