import Foundation
import PodiumCore
import PodiumText

/// Builds a realistic shared state: six sessions (as a meetup), questions in Japanese and
/// English of varied length, from every source, with votes, a few history entries, and
/// a mix of statuses (one live), most of them asked in the current session.
enum Fixture {
    static let start = Date(timeIntervalSince1970: 1_700_000_000.125)

    static let texts = [
        "How do you test a terminal UI with goldens?",
        "質問です。",
        "Kubernetes のアップグレードはどのくらいの頻度で行っていますか？ ダウンタイムはありましたか？",
        "What was the hardest part of migrating from Helm 2 to Helm 3, and would you do it again?",
        "GitOps で secrets をどう管理していますか",
        "Can you share the slides?",
        "KubeVirt と普通の VM の性能差はどのくらいでしたか？ 具体的な数字があれば教えてください。ネットワークとストレージの両方について知りたいです。",
        "Is the recording going to be on YouTube?",
        "オンプレとクラウドのハイブリッド構成で一番困ったことは何ですか？",
        "Why not just use a managed service? The operational cost of running your own control plane seems very high for a team of three people, especially with on-call.",
        "ありがとうございました！とても参考になりました。次回も楽しみにしています。",
        "What monitoring stack do you use — Prometheus and Grafana, or something else?",
        "CI のビルド時間はどれくらい短縮できましたか",
        "Does this work with ARM nodes?",
        "サービスメッシュ導入の判断基準を教えてください（Istio / Linkerd）",
        "How many clusters do you run in production, and how do you keep their configuration in sync across regions and teams?",
    ]
    static let authors = ["", "田中", "Sato", "guest", "鈴木 花子", "Alex", "匿名", "Maria", "山本", "Kenji"]
    static let actors = ["host@laptop", "moderator@zoom-pc", "moderator@venue", "script@form"]

    static func event() -> Event {
        let sessions = [
            Session(id: "opening", title: "開会・会場案内 (Opening)", speaker: "運営チーム", plannedSeconds: 300,
                    notes: "# Opening\n- Welcome, Wi-Fi and toilets\n- [03:00] Introduce the first speaker\n",
                    hostNotes: "- Thank the venue sponsor\n"),
            Session(id: "overview", title: "KubeCon + CloudNativeCon North America 2018 Overview",
                    speaker: "Speaker A", plannedSeconds: 2400,
                    notes: "## Overview\n- [00:00] Who we are\n- [05:00] Keynotes\n- [20:00] Trends\n- [35:00] Questions\n",
                    hostNotes: "- Mic check before\n"),
            Session(id: "gitops", title: "Lightning Talk: Introduction to GitOps", speaker: "Speaker B",
                    plannedSeconds: 300, warningSeconds: 60, dangerSeconds: 30, notes: "- What GitOps means\n", hostNotes: ""),
            Session(id: "kubevirt", title: "Running VM Workloads Side by Side (KubeVirt)", speaker: "Speaker C",
                    plannedSeconds: 900, notes: "## KubeVirt\n", hostNotes: ""),
            Session(id: "break", title: "休憩 (Break)", plannedSeconds: 600, notes: "", hostNotes: ""),
            Session(id: "panel", title: "Panel: 日本のクラウドネイティブ", speaker: "Panel", plannedSeconds: 1800,
                    notes: "", hostNotes: ""),
        ]
        return Event(title: "Kubernetes Meetup Tokyo #15 — KubeCon 2018 Recap", date: nil, venue: "Google Tokyo",
                     start: nil, warningSeconds: 120, dangerSeconds: 60, sessions: sessions)
    }

    /// A state with `count` questions; the current session is "overview". With `running`, its
    /// timer runs (started now), as during a talk.
    static func state(questions count: Int, running: Bool = false, now: Date = Date()) -> PodiumState {
        var random = SplitMix64(state: 42)
        var state = PodiumState(event: event(), now: start)
        state.currentSessionID = "overview"
        state.questions.reserveCapacity(count)
        let sessionIDs = state.event.sessions.map(\.id)
        for index in 0..<count {
            let roll = Int(random.next() % 100)
            let askedAt = start + Double(index) * 0.731 + Double(random.next() % 1000) / 1000
            let actor = actors[Int(random.next() % UInt64(actors.count))]
            let session = roll < 70 ? "overview" : sessionIDs[Int(random.next() % UInt64(sessionIDs.count))]
            var text = texts[Int(random.next() % UInt64(texts.count))]
            if random.next() % 3 == 0 { text += " (\(index))" }
            var question = Question(
                id: "q\(index)-\(String(random.next() % 0xFFFFFF, radix: 16))", text: text,
                author: authors[Int(random.next() % UInt64(authors.count))],
                source: QuestionSource.allCases[Int(random.next() % UInt64(QuestionSource.allCases.count))],
                sessionID: session, askedAt: askedAt, by: actor)
            // Most questions get a few votes, some many.
            let voters = Int(random.next() % 100) < 75 ? Int(random.next() % 3) : Int(random.next() % 13)
            for voter in 0..<voters {
                question.votes["\(actors[voter % actors.count]):\(String(random.next() % 0xFFFFFFFF, radix: 16))"] = 1
            }
            switch Int(random.next() % 100) {
            case 0..<55: break
            case 55..<80:
                question.status = .approved
                question.history.append(QuestionChange(at: askedAt + 30.5, by: "moderator@venue", what: "approved"))
            case 80..<92:
                question.status = .answered
                question.history.append(QuestionChange(at: askedAt + 30.5, by: "moderator@venue", what: "approved"))
                question.history.append(QuestionChange(at: askedAt + 300.25, by: "host@laptop", what: "answered"))
            default:
                question.statusBeforeDismissal = .new
                question.status = .dismissed
                question.dismissReason = random.next() % 2 == 0 ? "duplicate" : nil
                question.history.append(QuestionChange(at: askedAt + 12.75, by: "moderator@zoom-pc", what: "dismissed"))
            }
            if random.next() % 10 == 0 { question.labels = ["infra"] }
            if !question.votes.isEmpty {
                question.history.append(QuestionChange(at: askedAt + 5.5, by: actor, what: "vote +1 (\(actor))"))
            }
            question.updatedAt = question.history.last!.at
            state.questions.append(question)
        }
        if count > 0, let index = state.questions.firstIndex(where: { $0.sessionID == "overview" && $0.status == .approved }) {
            state.questions[index].status = .live
        }
        if running {
            // A fixture: the start of a timer says nothing worth checking.
            _ = reduce(&state, .startTimer(session: "overview"), context: ActionContext(now: now, actor: "host@laptop"))
        }
        return state
    }
}
