/// What a console remembers between keys and frames so that both stay fast with 10,000
/// questions: the queue's list and counts, the notes' layout, the selected question's wrapped
/// text. The loop owns one (`ConsoleLoop.memos`) and hands it to the update and to rendering;
/// the model holds none, so copies of a model share nothing that changes. Every answer depends
/// only on its arguments, so a fresh `ConsoleMemos` gives the same screens, only slower (tests
/// and one-off renders take the default one).
public final class ConsoleMemos: Sendable {
    let queue = QueueMemo()
    public let notes = MarkdownMemo()
    let detail = DetailMemo()

    public init() {}
}
