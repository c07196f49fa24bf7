// libFuzzer target: CSV import (QuestionImport.parseRecords and parse). Any error thrown is
// fine; a crash, a trap or a hang is not. Records read and written again with Podium's CSV
// writer (Sanitizer.csvRow) must read back as as many records with as many fields: the
// writer's quoting and the reader's agree. Build and run with scripts/fuzz.
import Foundation
import PodiumCore
import PodiumText

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    writeHostileSeeds()
    writeSeeds([
        "text,author,source,votes,asked_at\r\n\"Quote \"\"here\"\", and, commas\",ken,zoom,3,2019-10-13 19:30\r\n=1+1,@x,youtube,-2,\n",
        "\u{FEFF}question;name\n日本語の質問,太郎\n\"multi\nline\",\"\"\n",
        "body\n\"unterminated\n",
    ])
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVImport(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    if let records = try? QuestionImport.parseRecords(text, file: "fuzz.csv") {
        // Records that are all blank are skipped by the reader, so compare the others.
        let kept = records.filter { $0.fields != [""] }
        let written = kept.map { Sanitizer.csvRow($0.fields) }.joined()
        let again = try? QuestionImport.parseRecords(written, file: "again.csv")
        fuzzCheck(again != nil, "the CSV writer wrote what the reader refuses")
        fuzzCheck(again?.map(\.fields.count) == kept.map(\.fields.count),
                  "written and read again, the records or fields changed in number")
    }
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    if let result = try? QuestionImport.parse(csv: text, file: "fuzz.csv", skipBad: true, now: now,
                                              timeZone: TimeZone(secondsFromGMT: 9 * 3600)!) {
        for question in result.questions {
            fuzzCheck(!question.text.isEmpty && question.text.count <= Question.maximumLength,
                      "an imported question is empty or too long")
        }
    }
    return 0
}
