import Foundation
import PodiumCore
import PodiumText

/// Text for HTML element content and attribute values: every character that could end a
/// text or an attribute is an entity. The only way text reaches a page.
func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    // Shown as consoles show it: bidi overrides and invisible controls become `�`.
    for scalar in Sanitizer.multiline(text).unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        case "`": out += "&#96;"
        default:
            // Control characters (an escape sequence from a chat bridge) show as symbols.
            if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
                out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            } else if scalar.value == 0x7f {
                out += "\u{2421}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// The page's language: Japanese when the browser prefers it, else English.
enum Language: String, Sendable {
    case en, ja

    init(acceptLanguage: String?) {
        let first = (acceptLanguage ?? "").split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        self = first.hasPrefix("ja") ? .ja : .en
    }

    func t(_ key: String) -> String {
        (self == .ja ? Language.japanese[key] : nil) ?? Language.english[key] ?? key
    }

    /// A text with numbers in it: `%1`, `%2` in the text are replaced in order.
    func t(_ key: String, _ values: Int...) -> String {
        var text = t(key)
        for (index, value) in values.enumerated() { text = text.replacingOccurrences(of: "%\(index + 1)", with: String(value)) }
        return text
    }

    static let english: [String: String] = [
        "ask": "Ask a question",
        "question": "Your question",
        "name": "Your name (optional)",
        "send": "Send",
        "sent": "Sent. It is waiting for review by the moderators.",
        "sentNoReview": "Sent. It is in the queue.",
        "questions": "Questions",
        "noQuestions": "No questions yet.",
        "vote": "Vote",
        "voted": "Voted",
        "live": "Being asked now",
        "mine": "Your questions",
        "popular": "Popular",
        "recent": "Recent",
        "review": "waiting for review",
        "queued": "in the queue",
        "answered": "answered",
        "dismissed": "not taken",
        "merged": "merged with the same question",
        "noSession": "No session yet.",
        "ended": "The event has ended. Thank you!",
        "from": "Asking from",
        "passcode": "Passcode",
        "enter": "Enter",
        "wrongPasscode": "That passcode is not right.",
        "votes": "votes",
        "offline": "offline",
        "next": "Next: ",
        "empty": "the question is empty",
        "tooLong": "the question has %1 characters; at most %2 are accepted",
        "blocked": "questions from this browser are not accepted",
        "wait": "please wait %1 s before sending again",
        "unsaved": "the question could not be saved just now; it is kept, try again",
        "tooLarge": "the request is too large (at most 8 KB)",
    ]

    static let japanese: [String: String] = [
        "ask": "質問する",
        "question": "質問",
        "name": "お名前(任意)",
        "send": "送信",
        "sent": "送信しました。モデレーターの確認を待っています。",
        "sentNoReview": "送信しました。質問の列に入りました。",
        "questions": "質問",
        "noQuestions": "まだ質問はありません。",
        "vote": "いいね",
        "voted": "いいね済み",
        "live": "いま回答中",
        "mine": "あなたの質問",
        "popular": "人気順",
        "recent": "新しい順",
        "review": "確認待ち",
        "queued": "質問の列に入りました",
        "answered": "回答済み",
        "dismissed": "今回は取り上げられませんでした",
        "merged": "同じ質問とまとめられました",
        "noSession": "まだセッションはありません。",
        "ended": "イベントは終了しました。ありがとうございました!",
        "from": "質問元",
        "passcode": "パスコード",
        "enter": "入る",
        "wrongPasscode": "パスコードが違います。",
        "votes": "票",
        "offline": "オフライン",
        "next": "次: ",
        "empty": "質問が空です。",
        "tooLong": "質問が %1 文字あります。%2 文字までです。",
        "blocked": "このブラウザからの質問は受け付けていません。",
        "wait": "%1 秒待ってからもう一度送ってください。",
        "unsaved": "いま保存できませんでした。文章は残してあります。もう一度送ってください。",
        "tooLarge": "長すぎます(8 KB まで)。",
    ]
}

/// The pages, rendered on the server so that they work without JavaScript; the scripts then
/// keep them up to date. No inline script or style: the Content-Security-Policy forbids both.
enum Pages {
    struct AudienceInput {
        var snapshot: PublicSnapshot
        var person: String?
        var language: Language
        var from: QuestionSource?
        var sortByTime: Bool
        /// A note after sending ("sent") or an error, and the text to keep in the box.
        var notice: String?
        var error: String?
        var keptText: String = ""
        var keptName: String = ""
        var review: Bool
    }

    static func head(_ title: String, language: Language, script: String) -> String {
        """
        <!doctype html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title))</title>
        <link rel="stylesheet" href="/assets/podium.css">
        <script src="/assets/\(script)" defer></script>
        </head>

        """
    }

    static func audience(_ input: AudienceInput) -> String {
        let t = input.language.t
        let state = input.snapshot.state
        var html = head(state.event.title, language: input.language, script: "audience.js")
        let fromValue = input.from?.rawValue ?? ""
        html += "<body class=\"audience\" data-review=\"\(input.review ? "1" : "0")\" data-from=\"\(escapeHTML(fromValue))\">\n<main>\n"
        html += "<header><p class=\"event\">\(escapeHTML(state.event.title))</p>\n"
        if state.endedAt != nil {
            html += "<h1 id=\"session\">\(escapeHTML(t("ended")))</h1>\n"
        } else if let session = state.currentSession {
            html += "<h1 id=\"session\">\(escapeHTML(session.title))</h1>\n"
            html += "<p id=\"speaker\" class=\"speaker\">\(escapeHTML(session.speaker ?? ""))</p>\n"
        } else {
            html += "<h1 id=\"session\">\(escapeHTML(t("noSession")))</h1>\n"
        }
        html += "</header>\n"

        // The live question.
        let live = input.snapshot.questions.first { $0.status == .live }
        html += "<section id=\"live\" class=\"live\"\(live == nil ? " hidden" : "")><h2>\(escapeHTML(t("live")))</h2>"
        html += "<p id=\"live-text\" class=\"text\">\(escapeHTML(live?.text ?? ""))</p></section>\n"

        // The form: works without JavaScript (a POST and a redirect back here).
        html += "<section class=\"ask\"><h2>\(escapeHTML(t("ask")))</h2>\n"
        html += "<form id=\"ask\" method=\"post\" action=\"/api/questions\" accept-charset=\"utf-8\">\n"
        if let from = input.from, from != .web {
            html += "<p class=\"from\">\(escapeHTML(t("from"))): \(escapeHTML(from.rawValue))</p>\n"
            html += "<input type=\"hidden\" name=\"from\" value=\"\(escapeHTML(from.rawValue))\">\n"
        }
        html += "<label for=\"text\">\(escapeHTML(t("question")))</label>\n"
        html += "<textarea id=\"text\" name=\"text\" rows=\"4\" maxlength=\"\(Question.maximumLength)\" required>\(escapeHTML(input.keptText))</textarea>\n"
        html += "<div class=\"row\"><span id=\"counter\" class=\"counter\">\(input.keptText.count) / \(Question.maximumLength)</span></div>\n"
        html += "<label for=\"author\">\(escapeHTML(t("name")))</label>\n"
        html += "<input id=\"author\" name=\"author\" type=\"text\" maxlength=\"40\" autocomplete=\"nickname\" value=\"\(escapeHTML(input.keptName))\">\n"
        html += "<button type=\"submit\" id=\"send\">\(escapeHTML(t("send")))</button>\n"
        html += "<p id=\"notice\" class=\"notice\" role=\"status\"\(input.notice == nil ? " hidden" : "")>\(escapeHTML(input.notice ?? ""))</p>\n"
        html += "<p id=\"error\" class=\"error\" role=\"alert\"\(input.error == nil ? " hidden" : "")>\(escapeHTML(input.error ?? ""))</p>\n"
        html += "</form></section>\n"

        // One's own questions and what became of them.
        let mine = input.person.flatMap { input.snapshot.askedBy[$0] } ?? []
        html += "<section id=\"mine-section\" class=\"mine\"\(mine.isEmpty ? " hidden" : "")><h2>\(escapeHTML(t("mine")))</h2><ul id=\"mine\">"
        for question in mine.suffix(50).reversed() {
            let status = WebPerson.ownStatus(question)
            html += "<li data-status=\"\(status)\"><span class=\"text\">\(escapeHTML(question.text))</span> <span class=\"status\">\(escapeHTML(t(status)))</span></li>"
        }
        html += "</ul></section>\n"

        // The approved and live questions of this session.
        let voter = input.person.map(WebPerson.actor)
        let sorted = sortedQuestions(input.snapshot.questions, byTime: input.sortByTime)
        let sortLink = input.from.map { "&amp;from=\(escapeHTML($0.rawValue))" } ?? ""
        html += "<section class=\"questions\"><h2>\(escapeHTML(t("questions")))</h2>\n"
        html += "<nav class=\"sort\"><a id=\"sort-votes\" href=\"/?sort=votes\(sortLink)\"\(input.sortByTime ? "" : " aria-current=\"true\"")>\(escapeHTML(t("popular")))</a> "
        html += "<a id=\"sort-time\" href=\"/?sort=time\(sortLink)\"\(input.sortByTime ? " aria-current=\"true\"" : "")>\(escapeHTML(t("recent")))</a></nav>\n"
        html += "<p id=\"empty\" class=\"empty\"\(sorted.isEmpty ? "" : " hidden")>\(escapeHTML(t("noQuestions")))</p>\n"
        html += "<ol id=\"questions\">"
        for question in sorted {
            let voted = voter.map { (question.votes[$0] ?? 0) > 0 } ?? false
            html += "<li data-id=\"\(escapeHTML(question.id))\"\(question.status == .live ? " class=\"is-live\"" : "")>"
            html += "<p class=\"text\">\(escapeHTML(question.text))</p>"
            html += "<p class=\"meta\"><span class=\"author\">\(escapeHTML(question.author))</span></p>"
            html += "<form method=\"post\" action=\"/api/questions/\(escapeHTML(question.id))/vote\">"
            html += "<input type=\"hidden\" name=\"vote\" value=\"\(voted ? "0" : "1")\">"
            html += "<button type=\"submit\" class=\"vote\" aria-pressed=\"\(voted)\">\(escapeHTML(voted ? t("voted") : t("vote"))) <span class=\"count\">\(question.voteCount)</span></button></form>"
            html += "</li>"
        }
        html += "</ol></section>\n"
        html += "<p id=\"offline\" class=\"offline\" hidden>\(escapeHTML(t("offline")))</p>\n"
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    static func sortedQuestions(_ questions: [Question], byTime: Bool) -> [Question] {
        questions.sorted { a, b in
            if (a.status == .live) != (b.status == .live) { return a.status == .live }
            if !byTime, a.voteCount != b.voteCount { return a.voteCount > b.voteCount }
            return a.askedAt > b.askedAt
        }
    }

    static func passcode(language: Language, wrong: Bool, next: String) -> String {
        let t = language.t
        var html = head("Podium", language: language, script: "audience.js")
        html += "<body class=\"audience\"><main><form method=\"post\" action=\"/join\" class=\"ask\">"
        html += "<label for=\"passcode\">\(escapeHTML(t("passcode")))</label>"
        html += "<input id=\"passcode\" name=\"passcode\" type=\"password\" autocomplete=\"off\" required>"
        html += "<input type=\"hidden\" name=\"next\" value=\"\(escapeHTML(next))\">"
        html += "<button type=\"submit\">\(escapeHTML(t("enter")))</button>"
        if wrong { html += "<p class=\"error\" role=\"alert\">\(escapeHTML(t("wrongPasscode")))</p>" }
        html += "</form></main></body></html>\n"
        return html
    }

    /// The stage page: filled in and kept ticking by stage.js; without it, the state as it
    /// was when the page loaded.
    static func stage(_ snapshot: PublicSnapshot, language: Language, now: Date) -> String {
        let state = snapshot.state
        let reading = state.reading(at: now)
        var html = head(state.event.title, language: language, script: "stage.js")
        html += "<body class=\"stage phase-\(reading.phase.rawValue)\">\n<main>\n"
        html += "<header><span id=\"session\" class=\"session\">\(escapeHTML(state.currentSession?.title ?? ""))</span>"
        html += "<span id=\"speaker\" class=\"speaker\">\(escapeHTML(state.currentSession?.speaker ?? ""))</span>"
        html += "<span id=\"clock\" class=\"clock\"></span><span id=\"offline\" class=\"offline\" hidden>\(escapeHTML(language.t("offline")))</span></header>\n"
        html += "<p id=\"message\" class=\"message\"\(state.message == nil ? " hidden" : "")>\(escapeHTML(state.message?.text ?? ""))</p>\n"
        html += "<div id=\"time\" class=\"time\">\(escapeHTML(TimeText.reading(reading)))</div>\n"
        html += "<p id=\"status\" class=\"status\"></p>\n"
        let live = state.liveQuestion
        html += "<p id=\"live\" class=\"live\"\(live == nil ? " hidden" : "")><span class=\"q\">Q</span> <span id=\"live-text\">\(escapeHTML(live?.text ?? ""))</span></p>\n"
        html += "<p id=\"next\" class=\"next\">\(escapeHTML(state.nextSession.map { language.t("next") + $0.title } ?? ""))</p>\n"
        html += "</main>\n</body>\n</html>\n"
        return html
    }
}
