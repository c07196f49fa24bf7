import Foundation
import PodiumCore

/// The questions of the last state file version a store read or wrote, with the exact bytes
/// of each in that file. With 10,000 questions a change touches one or two of them, so the
/// next encode copies the bytes of every unchanged question instead of formatting it again,
/// and the next decode takes every question whose bytes are unchanged instead of parsing it
/// (a commit and a reload with 10,000 questions).
///
/// Exact by construction: the encoder reuses a question's bytes only for an equal question
/// (the bytes of a question depend only on its value: it is always written at the same depth);
/// the decoder reuses a question only when the file holds, at the start of that array element,
/// byte for byte the text that question was read from or written as (a JSON object ends at its
/// matching brace, so the same bytes parse to the same value).
struct QuestionReuse {
    /// The questions in file order.
    var questions: QuestionList
    /// The file they came from or were written to.
    var data: Data
    /// Where each question's object (`{` to `}`) is in `data`.
    var ranges: [Range<Int>]

    init?(questions: QuestionList, data: Data, ranges: [Range<Int>]) {
        guard questions.count == ranges.count, ranges.allSatisfy({ $0.upperBound <= data.count }) else {
            return nil
        }
        self.questions = questions
        self.data = data
        self.ranges = ranges
    }
}

/// What an encode or decode that recorded question ranges gives back.
struct CodedState {
    var state: PodiumState
    var data: Data
    var questionRanges: [Range<Int>]

    var reuse: QuestionReuse? {
        QuestionReuse(questions: state.questions, data: data, ranges: questionRanges)
    }
}
