/// Every message Podium shows a person, in English and Japanese. `{1}`, `{2}`… are the
/// arguments of `Language.t`. A test fails when an entry lacks a language, when the two
/// languages take different arguments, or when a message is used nowhere.
public enum Msg: String, Sendable, CaseIterable {
    // Panes and boxes
    case timerTitle, qaTitle, notesTitle, hostNotesTitle, nextNotesSuffix, earlierVersionsSuffix
    case rundownTitle, restartTitle, endEventTitle, paletteTitle, questionTitle, questionTitleScroll
    case keysTitle, noteVersionsTitle, hostNoteVersionsTitle
    // Status line
    case hintsHost, hintsModerator, hintsSpeaker, tooSmall
    case promptAsk, promptAskedBy, promptEdit, promptDismiss, promptMessage, promptEventMessage
    case promptAdjust, promptSearch, promptLabels, promptAssign
    // Help
    case helpClose, helpMore
    // Dialogs
    case restartQuestion, restartChoice, endEventLast, endEventQuestion, endEventChoice
    case paletteText, paletteEvent, paletteClear, versionsHint, versionEmpty
    // Timer
    case wordEnded, wordReady, wordPaused, wordOvertime, wordLeft, planned, nextPrefix, messageLine
    case driftNoStart, driftOnTime, driftBehind, driftAhead, driftEnds, driftEnded, driftPlanned
    // Queue
    case statusNew, statusApproved, statusLive, statusAnswered, statusDismissed, statusDuplicate
    case countNew, countQueue, countLive, countDone, countGone, ageNow, ageJustNow, ageAgo
    case filterTriage, filterAll, orderBy, allSessions, sessionPrefix, earlierSessions
    case noQuestionsYetAdd, noQuestionsYet, noQuestionsIn, matching, labelled, fromSource
    case hintOtherViews, hintEscClears, hintOtherSources, hintAllSessions, inOtherViews
    case alsoAsked, readAll, metaDismissed, metaMergedInto, metaEditing, votes, oneVote, metaEdited, metaSession
    case moreAbove, moreBelow, questionGone, askedAs, alsoAskedLine, askedAgo
    // Notes
    case noNotes, cueNow, cueLate, cueNext, lastCue, minutes
    // Speaker view
    case noSession, speakerQuestion, speakerNext, speakerUsed, speakerEventEnded, speakerNotStarted
    case speakerPaused
    // Rundown
    case colPlan, colStart, colEnd, colProjected, colLength, colTook, colOver, colSession, skipped
    // Notices
    case readOnly, timerIsHosts, eventEndedGoBack, started, next, plusMinute, minusMinute
    case messageCleared, noMessageToClear, searchCleared, showing, orderNotice, sourceNotice, sourceAll
    case showingThisSession, showingAllSessions, bigWithSeconds, bigWholeMinutes, noEarlierVersions
    case undone, nothingToUndo, noQuestionSelected, alreadyApproved, approved, restored, notDismissed
    case liveNow, alreadyAnswered, markedAnswered, unpinned, pinned, merged, duplicateMarked
    case mergeCancelled, moveNeedsPosition, alreadyFirst, alreadyLast, pinnedStayFirst
    case whoAsked, noName, askedBy, cancelled, tooLongShorten, tooLongTyping, nothingAdded, questionAdded
    case edited, notEditedEmpty, notEditedSame, dismissed, nothingSent, sentEvent, sentSession
    case notATime, searchNotice, sessionRestarted, notRestarted, eventEndedFinal, eventGoesOn
    case notesSameText, restoredVersion, sentCue
    case undoApproval, undoDismissal, undoRestore, undoLive, undoAnswered, undoVote, undoPin
    case undoEdit, undoMerge, undoMove, undoLabels, undoAssign, undoLast
    // Keys (the help overlay; the README's table is the English)
    case keyStartPause, keyNextPrevious, keyNextAndStart, keyPlusMinus, keyExactTime, keyRestart, keyBigDigits, keyMessage, keyAsk, keyMove, keyFirstLast, keyApprove, keyDismissRestore, keyLive, keyAnswered, keyVote, keyPin, keyEdit, keyMerge, keyReorder, keyLabelAssign, keyUndo, keyFilterOrderSource, keySessions, keySearch, keyFull, keyEscape, keyFocus, keyScrollNotes, keyNextNotes, keyHostNotes, keyEditNotes, keyVersions, keyRundown, keyAudience, keyHelp, keyQuit
    // Console sessions and the command line
    case quitWithout, quitWithoutOne, notSavedYet, wroteBack, goneNotWrittenBack, showingLastGood
    case editorTempFailed, editorFailed, editorReadBack, notesUnchanged, notesSavedConcurrent, notesSaved
    case configUnreadable, unsavedFound, unsavedFoundOne, conflictsFound, conflictsFoundOne, noStateFileYet
    // The report (Markdown, and the words of the CSV's total row; never its column names)
    case reportDate, reportVenue, reportPlannedStart, reportEnded, reportHeader, reportOverLegend
    case reportTotalDrift, reportQuestions, reportMerged, reportMessages, reportWholeEvent, reportTotal
    case reportEndedWord, reportTimedFromFirst
    // State file errors
    case storeCorrupt, storeLockTimeout, storeNoSpace, storePermission, storeMissing, storeIO
    case missingState, eventUnreadable, eventNotUTF8, noStateNoEvent
    // What the reducer says (left alone, cut short)
    case reducerEventEnded, noTimeTaken, tookAllLeft, lastSessionNotice, eventReopened, notBackOnStage
    case messageNotSent, notesChangedMeanwhile, notAnsweredPutLive, notMovedEnded, notMovedAlready
    case refusedUndo, refusedBecause, messageKept, refusedApprove, refusedDismiss, refusedRestore
    case refusedAnswered, refusedStatus, refusedLive, refusedEdit, refusedPin, refusedLabels, refusedAssign
    case refusedMerge, refusedUnmerge, refusedOther, changedMeanwhile, someoneDid
    case didLive, didApprove, didAnswer, didRestore, didEdit, didPin, didUnpin, didMove, didAsk
    case didDismiss, didMergeInto, didChange
    // The event file's errors (after "file:line:column: ")
    case eventEmpty, eventNotMapping, eventDangerOverWarning, eventBadStart, eventCuesList, eventCueText
    case eventNoSessions, eventSessionsList, eventSessionMapping, eventDuplicateID, eventNoMinutes
    case eventMinutesPositive, eventNotesUnreadable, eventPlainKeys, eventUnknownKey, eventMissingText
    case eventNotText, eventBadMinutes, eventBadYAML, eventNotText2
    case configNotMapping, configUnknownKey, configName, configLanguage, configBool
    // The terminal and the clocks
    case noTerminalInput, noTerminalOutput, noTerm, unknownTerm, termCannotMove, cursesFailed, noUTF8Locale
    case clockAhead, usageErrorPrefix, usagePrefix, usageSeeHelp, serveRates
    // ArgumentParser's own usage errors, matched by their English
    case apUnknownOptionSuggest, apUnknownOption, apMissingValue, apUnexpected, apMissingArgument, apInvalidValue
    case apProvideOneOf, apHelpLabel
    // `podium status` (text) and other commands
    case statusSession, statusTimer, statusOver, statusSchedule, statusQuestions, statusMessage, statusRevision, noSuchSession
    case sessionsCount, sessionsCountOne, initCreated, initUpdated, initSame
    case timerRunning, phaseNormal, phaseWarning, phaseDanger
    case askAdded, askAddedOne, askRevision, askAlready, askRefused, askUnmarked, askPrivate, askPrivateOne
    case mergedCopy, mergedCopies, imported, importedOne
    // `podium export --format md` (CSV column names and values stay for machines)
    case exportTitle, exportSummary, exportSummaryOne, exportPinned, exportAsked, exportAnswered, exportDismissed
    case exportOriginally, exportAlsoAsked, exportLabels, exportAssigned, exportMergedInto, exportUpdated
    case exportNew, exportApproved, exportLive, exportAnsweredWord, exportDismissedWord, exportMerged
    // `podium recover`, `merge`, `import`, `notes`, and the console's unsaved changes
    case recoverNoFiles, recoverNoFile, recoverNoState, recoverNotRemoved, recoverNotRemovedOne, recoverDone, recoverDoneOne
    case listSeparator, unsavedNotOurs, mergeNoFiles, importUnreadable, importSkipped
    case importEmpty, importNoTextColumn, importFieldCount, importNoText, importTooLong, importUnknownSource
    case importBadVotes, importBadTime, importUnclosedQuote
    case consoleNotSaved, consoleNotSavedOne, consoleKeptIn, consoleKeepFailed, unknownError
    case notesNoVersion, notesNoVersionOne, notesVersionsNone, notesVersionsOne, notesVersionsMany, notesNow, notesBoth
    case notesKindSpeaker, notesKindHost, linesCount, lineOne, notesAlreadyThat, notesRestoredVersion
    case notesNoneHave, notesNoFiles, notesWrote, notesWroteUnchanged, notesNoDirectory, notesNotDirectory
    case notesPermission, notesDiskFull, notesRelativeHint
    // `podium ask`: refused lines (after "stdin:LINE: "), waiting, signals
    case intakeNotJSON, intakeNoText, intakeNoField, intakeBadID, intakeNotString, intakeEmpty, intakeTooLong
    case intakeNotZoom, askUnknownSource, askLineTooLong, askNotUTF8, askNothingAdded, askPlaceQuestion
    case askBadLine, askBadLines, askStrictNotWritten, askStrictNotWrittenOne
    case askWrittenAfterWaiting, askWrittenAfterWaitingOne, askWaiting, askWaitingOne, askCouldNotWrite
    case askKept, askKeptOne, askKeepFailed, askKeepFailedOne, askStoppedAllWritten, askStdinStops
    case askReadFromStart, askTruncated, askRotated, askWaitingForFile
    case askEitherQuestion, askGiveQuestion, askStrictNotFollow, askIDForOne
    // A question's history in the full view (`i`): the state keeps the English words
    case histAsked, histApproved, histDismissed, histDismissedBecause, histBlocked, histRestored, histAnswered
    case histVote, histVoteWithdrawn, histPinned, histUnpinned, histEdited, histMerged, histMergedInto
    case histUnmergedFrom, histUnmerged, histMoved, histLabels, histAssigned, histAssignedNobody
    case histSetApprovedLive, histSetTo, histLive, histBackToTop
    // The audience box (`Q`)
    case audienceTitle, audienceNotRunning, audienceStartIt, audienceThenPhones, anyKeyCloses, audienceHeader
    case audienceAlso, audienceNoStage, audienceStages, audienceStagesOne, audienceStageSince, audiencePagesOpen
    case audiencePagesOpenOne, audienceBlockHint, audienceLargerQR, audienceNotFromPage, audienceBlocked
    // Default cues
    case cueFiveMinutes, cueWrapUp, cueTakeQuestions, cueRepeatQuestion, cueLouder
}

extension Msg {
    static let catalog: [Msg: (en: String, ja: String)] = [
        .timerTitle: ("Timer · {1}", "タイマー · {1}"),
        .qaTitle: ("Q&A", "質問"),
        .notesTitle: ("Notes", "ノート"),
        .hostNotesTitle: ("Host notes", "司会ノート"),
        .nextNotesSuffix: (" · next: {1}", " · 次: {1}"),
        .earlierVersionsSuffix: (" · {1} earlier", " · 以前の版 {1}"),
        .rundownTitle: ("Rundown", "進行表"),
        .restartTitle: ("Restart", "やり直し"),
        .endEventTitle: ("End of the event", "イベント終了"),
        .paletteTitle: ("Message to the speaker", "登壇者への伝言"),
        .questionTitle: ("Question · any key closes", "質問 · 何かキーで閉じる"),
        .questionTitleScroll: ("Question {1}-{2}/{3} · j k scroll", "質問 {1}-{2}/{3} · j k で移動"),
        .keysTitle: ("Keys ({1})", "キー ({1})"),
        .noteVersionsTitle: ("Earlier versions of the notes", "ノートの以前の版"),
        .hostNoteVersionsTitle: ("Earlier versions of the host notes", "司会ノートの以前の版"),

        .hintsHost: (" space start/pause  n next  +/- min  a ask  y ok  ⏎ live  m msg  ? help  q quit",
                     " space 開始/停止  n 次  +/- 分  a 質問  y 承認  ⏎ 出題  m 伝言  ? ヘルプ q 終了"),
        .hintsModerator: (" a ask  y ok  x dismiss  ⏎ live  d done  M merge  m msg  / find  ? help  q quit",
                          " a 質問  y 承認  x 却下  ⏎ 出題  d 済  M 統合  m 伝言  / 検索  ? ヘルプ  q 終了"),
        .hintsSpeaker: (" ? help  q quit", " ? ヘルプ  q 終了"),
        .tooSmall: ("terminal too small (needs {1}×{2})", "端末が小さすぎます ({1}×{2} 以上が必要)"),
        .promptAsk: (" Ask [{1}]: ", " 質問 [{1}]: "),
        .promptAskedBy: (" Asked by: ", " 質問者: "),
        .promptEdit: (" Edit: ", " 編集: "),
        .promptDismiss: (" Dismiss, reason (optional): ", " 却下の理由 (省略可): "),
        .promptMessage: (" Message to speaker (this session): ", " 登壇者へ (このセッション): "),
        .promptEventMessage: (" Message to speaker (whole event): ", " 登壇者へ (イベント全体): "),
        .promptAdjust: (" Add time (+3, -1:30, 90s): ", " 時間の増減 (+3, -1:30, 90s): "),
        .promptSearch: (" Search: ", " 検索: "),
        .promptLabels: (" Labels (comma separated): ", " ラベル (カンマ区切り): "),
        .promptAssign: (" Assign to: ", " 担当: "),

        .helpClose: ("Any key closes this help.", "何かキーを押すとヘルプを閉じます。"),
        .helpMore: ("── {1}–{2} of {3} · j k Space PgUp: more · other keys close",
                    "── {1}–{2} / {3} · j k Space PgUp: 続き · 他のキーで閉じる"),

        .restartQuestion: ("Restart \"{1}\" from zero?", "「{1}」を最初からやり直しますか？"),
        .restartChoice: ("y: restart   any other key: keep", "y: やり直す   他のキー: そのまま"),
        .endEventLast: ("\"{1}\" is the last session.", "「{1}」は最後のセッションです。"),
        .endEventQuestion: ("End the event now? Its times become final.", "イベントを終了しますか？ 時刻が確定します。"),
        .endEventChoice: ("y: end the event   any other key: go on", "y: 終了する   他のキー: 続ける"),
        .paletteText: ("t  free text… (until this session ends)", "t  自由入力… (このセッションの間)"),
        .paletteEvent: ("g  free text for the whole event…", "g  イベント全体への自由入力…"),
        .paletteClear: ("c  clear the current message", "c  今の伝言を消す"),
        .versionsHint: ("j k choose · Enter restore (the current text is kept) · Esc close",
                        "j k 選択 · Enter 復元 (今の文は残ります) · Esc 閉じる"),
        .versionEmpty: ("(empty)", "(空)"),

        .wordEnded: ("ENDED", "終了"),
        .wordReady: ("ready", "待機"),
        .wordPaused: ("PAUSED", "一時停止"),
        .wordOvertime: ("OVER TIME", "超過"),
        .wordLeft: ("left", "残り"),
        .planned: ("{1} planned", "予定 {1}"),
        .nextPrefix: ("next: {1}", "次: {1}"),
        .messageLine: ("msg: {1} ({2} ago)", "伝言: {1} ({2} 前)"),
        .driftNoStart: ("no start time", "開始時刻なし"),
        .driftOnTime: ("on time", "予定どおり"),
        .driftBehind: ("{1} min behind", "{1} 分遅れ"),
        .driftAhead: ("{1} min ahead", "{1} 分前倒し"),
        .driftEnds: ("ends {1}", "終了 {1}"),
        .driftEnded: ("ended {1}", "終了済 {1}"),
        .driftPlanned: (" (planned {1})", " (予定 {1})"),

        .statusNew: ("NEW ", "新着"),
        .statusApproved: ("ok  ", "承認"),
        .statusLive: ("LIVE", "出題"),
        .statusAnswered: ("done", "済み"),
        .statusDismissed: ("gone", "却下"),
        .statusDuplicate: ("dup ", "重複"),
        .countNew: ("new", "新着"),
        .countQueue: ("queue", "待ち"),
        .countLive: ("live", "出題"),
        .countDone: ("done", "済み"),
        .countGone: ("gone", "却下"),
        .ageNow: ("now", "今"),
        .ageJustNow: ("just now", "たった今"),
        .ageAgo: ("{1} ago", "{1}前"),
        .filterTriage: ("new+queue", "新着+待ち"),
        .filterAll: ("all", "全部"),
        .orderBy: ("by {1}", "{1}順"),
        .allSessions: ("all sessions", "全セッション"),
        .sessionPrefix: ("session {1}", "セッション {1}"),
        .earlierSessions: (" +{1} earlier (S)", " +{1} 以前 (S)"),
        .noQuestionsYetAdd: ("No questions yet. Press a to add one.", "質問はまだありません。a で追加できます。"),
        .noQuestionsYet: ("No questions yet.", "質問はまだありません。"),
        .noQuestionsIn: ("No questions in [{1}]", "[{1}] に質問はありません"),
        .matching: (" matching \"{1}\"", " (「{1}」を含む)"),
        .labelled: (" labelled #{1}", " (ラベル #{1})"),
        .fromSource: (" from {1}", " ({1} から)"),
        .hintOtherViews: ("f: other views", "f: 他の表示"),
        .hintEscClears: ("Esc clears the search", "Esc で検索解除"),
        .hintOtherSources: ("v: other sources", "v: 他の投稿元"),
        .hintAllSessions: ("S: all sessions", "S: 全セッション"),
        .inOtherViews: (" · {1} in other views", " · 他の表示に {1} 件"),
        .alsoAsked: ("  (also: {1})", "  (同じ質問: {1})"),
        .readAll: (" i: all", " i: 全文"),
        .metaDismissed: ("dismissed: {1}", "却下: {1}"),
        .metaMergedInto: ("merged into: {1}", "統合先: {1}"),
        .metaEditing: ("editing: {1}", "編集中: {1}"),
        .votes: ("{1} votes", "{1} 票"),
        .oneVote: ("1 vote", "1 票"),
        .metaEdited: ("edited", "編集済み"),
        .metaSession: ("session: {1}", "セッション: {1}"),
        .moreAbove: ("↑{1} more above", "↑ 上に {1} 件"),
        .moreBelow: ("↓{1} more", "↓ 下に {1} 件"),
        .questionGone: ("(this question is gone)", "(この質問はもうありません)"),
        .askedAs: ("Asked as: {1}", "元の質問: {1}"),
        .alsoAskedLine: ("Also asked: {1}", "同じ質問: {1}"),
        .askedAgo: ("asked {1}", "質問 {1}"),

        .noNotes: ("(no notes)", "(ノートなし)"),
        .cueNow: ("{1} now", "今: {1}"),
        .cueLate: ("{1} +{2} min", "{1} +{2} 分"),
        .cueNext: ("next {1} in {2}", "次: {1} (あと {2})"),
        .lastCue: ("last cue", "最後の目安"),
        .minutes: ("{1} min", "{1} 分"),

        .noSession: ("(no session)", "(セッションなし)"),
        .speakerQuestion: ("Q: ", "質問: "),
        .speakerNext: ("Next: {1}", "次: {1}"),
        .speakerUsed: ("used {1} of {2}", "{2} 中 {1} 経過"),
        .speakerEventEnded: ("EVENT ENDED · ", "イベント終了 · "),
        .speakerNotStarted: ("not started · {1} planned", "未開始 · 予定 {1}"),
        .speakerPaused: ("PAUSED · ", "一時停止 · "),

        .colPlan: ("Plan", "予定"),
        .colStart: ("Start", "開始"),
        .colEnd: ("End", "終了"),
        .colProjected: ("Proj.", "見込み"),
        .colLength: ("Len", "長さ"),
        .colTook: ("Took", "実績"),
        .colOver: ("Over", "超過"),
        .colSession: ("Session", "セッション"),
        .skipped: ("skipped", "スキップ"),

        .readOnly: ("the speaker view is read-only", "登壇者画面では何も変更できません"),
        .timerIsHosts: ("the timer is the host's; this console shows it only", "タイマーは司会の操作です。ここでは表示だけです"),
        .eventEndedGoBack: ("the event has ended (p goes back to the last session)", "イベントは終了しました (p で最後のセッションに戻ります)"),
        .started: ("started: {1}", "開始: {1}"),
        .next: ("next: {1}", "次へ: {1}"),
        .plusMinute: ("+1 min", "+1 分"),
        .minusMinute: ("-1 min", "-1 分"),
        .messageCleared: ("message cleared", "伝言を消しました"),
        .noMessageToClear: ("no message to clear", "消す伝言はありません"),
        .searchCleared: ("search cleared", "検索を解除しました"),
        .showing: ("showing: {1}", "表示: {1}"),
        .orderNotice: ("order: {1}", "並び順: {1}"),
        .sourceNotice: ("source: {1}", "投稿元: {1}"),
        .sourceAll: ("all", "全部"),
        .showingThisSession: ("showing: this session's questions", "表示: このセッションの質問"),
        .showingAllSessions: ("showing: questions of all sessions", "表示: 全セッションの質問"),
        .bigWithSeconds: ("big digits: minutes and seconds", "大きな数字: 分と秒"),
        .bigWholeMinutes: ("big digits: whole minutes (seconds in the line below)", "大きな数字: 分のみ (秒は下の行)"),
        .noEarlierVersions: ("no earlier versions of these notes (each save keeps the text it replaces)",
                             "このノートに以前の版はありません (保存のたびに前の文が残ります)"),
        .undone: ("undone: {1}", "取り消しました: {1}"),
        .nothingToUndo: ("nothing to undo", "取り消せる操作はありません"),
        .noQuestionSelected: ("no question selected", "質問が選ばれていません"),
        .alreadyApproved: ("already approved", "承認済みです"),
        .approved: ("approved", "承認しました"),
        .restored: ("restored", "復元しました"),
        .notDismissed: ("not dismissed: nothing to restore", "却下されていないので復元するものはありません"),
        .liveNow: ("live: the speaker sees it now", "出題: 登壇者の画面に出ています"),
        .alreadyAnswered: ("already answered", "回答済みです"),
        .markedAnswered: ("marked answered", "回答済みにしました"),
        .unpinned: ("unpinned", "固定を外しました"),
        .pinned: ("pinned: shown first", "固定しました: 先頭に表示"),
        .merged: ("merged", "統合しました"),
        .duplicateMarked: ("duplicate marked: select the original and press M (Esc cancels)",
                           "重複として選びました: 元の質問を選んで M (Esc で取消)"),
        .mergeCancelled: ("merge cancelled", "統合を取り消しました"),
        .moveNeedsPosition: ("J/K move in queue order: press o until \"order: position\"",
                             "J/K は並び順 position でだけ動かせます: 「並び順: position」まで o を押す"),
        .alreadyFirst: ("already first", "すでに先頭です"),
        .alreadyLast: ("already last", "すでに最後です"),
        .pinnedStayFirst: ("pinned and live questions stay first (s unpins)", "固定と出題中の質問は先頭のままです (s で固定解除)"),
        .whoAsked: ("who asked? Enter goes back to the question", "質問者は？ Enter で質問に戻ります"),
        .noName: ("no name: asked by {1}", "名前なし: {1} の質問"),
        .askedBy: ("asked by {1}", "質問者: {1}"),
        .cancelled: ("cancelled", "取り消しました"),
        .tooLongShorten: ("too long: at most {1} characters, {2} not taken; shorten it (Ctrl-U clears) or Esc",
                          "長すぎます: 最大 {1} 文字、{2} 文字入りません。短くするか (Ctrl-U で全消去) Esc"),
        .tooLongTyping: ("too long: at most {1} characters, {2} not taken; Enter sends nothing until you shorten it",
                         "長すぎます: 最大 {1} 文字、{2} 文字入りません。短くするまで Enter は送りません"),
        .nothingAdded: ("nothing added", "何も追加していません"),
        .questionAdded: ("question added ({1}): y approves it", "質問を追加しました ({1}): y で承認"),
        .edited: ("edited (the original is kept: i shows it)", "編集しました (元の文は i で見られます)"),
        .notEditedEmpty: ("not edited: a question cannot be empty", "編集していません: 質問は空にできません"),
        .notEditedSame: ("not edited: the text is the same", "編集していません: 同じ文です"),
        .dismissed: ("dismissed (r restores)", "却下しました (r で復元)"),
        .nothingSent: ("nothing sent", "何も送っていません"),
        .sentEvent: ("sent to the speaker for the whole event (c clears it)", "イベント全体の伝言を送りました (c で消す)"),
        .sentSession: ("sent to the speaker until the session ends", "セッション終了までの伝言を送りました"),
        .notATime: ("not a time: \"{1}\" (try +3, -1:30, 90s)", "時間ではありません: 「{1}」 (例: +3, -1:30, 90s)"),
        .searchNotice: ("search: {1}", "検索: {1}"),
        .sessionRestarted: ("session restarted", "セッションをやり直しました"),
        .notRestarted: ("not restarted", "やり直していません"),
        .eventEndedFinal: ("the event has ended: times are final (p reopens it)", "イベントを終了しました: 時刻は確定です (p で再開)"),
        .eventGoesOn: ("the event goes on", "イベントを続けます"),
        .notesSameText: ("the notes already have that text", "ノートはすでにその文です"),
        .restoredVersion: ("restored the text saved {1} by {2}; the replaced text is kept as a version",
                           "{1} に {2} が保存した文に戻しました。置き換えた文は版として残ります"),
        .sentCue: ("sent: {1} (until the session ends)", "送りました: {1} (セッション終了まで)"),
        .undoApproval: ("approval", "承認"),
        .undoDismissal: ("dismissal", "却下"),
        .undoRestore: ("restore", "復元"),
        .undoLive: ("put live", "出題"),
        .undoAnswered: ("marked answered", "回答済み"),
        .undoVote: ("vote", "投票"),
        .undoPin: ("pin", "固定"),
        .undoEdit: ("edit", "編集"),
        .undoMerge: ("merge", "統合"),
        .undoMove: ("move", "移動"),
        .undoLabels: ("labels", "ラベル"),
        .undoAssign: ("assignment", "担当"),
        .undoLast: ("last change", "直前の変更"),

        .keyStartPause: ("start / pause the timer", "タイマーの開始 / 一時停止"),
        .keyNextPrevious: ("next / previous session (n on the last ends the event)", "次 / 前のセッション (最後で n を押すとイベント終了)"),
        .keyNextAndStart: ("next session and start its timer at once", "次のセッションへ進み、すぐタイマー開始"),
        .keyPlusMinus: ("add (= too) / take one minute (never below zero)", "1 分足す (= でも) / 1 分減らす (0 未満にはならない)"),
        .keyExactTime: ("add or take an exact time (+3, -1:30, 90s)", "時間を指定して増減 (+3, -1:30, 90s)"),
        .keyRestart: ("restart the session (asks first)", "セッションを最初から (確認あり)"),
        .keyBigDigits: ("big digits: whole minutes / with seconds", "大きな数字: 分のみ / 秒まで"),
        .keyMessage: ("message the speaker (1-9 cues, t text, g all-event) / clear", "登壇者へ伝言 (1-9 定型, t 自由入力, g イベント全体) / 消す"),
        .keyAsk: ("add a question (in the line: Tab source, Ctrl-O who asked)", "質問を追加 (入力中: Tab 投稿元, Ctrl-O 質問者)"),
        .keyMove: ("move in the queue", "一覧内を移動"),
        .keyFirstLast: ("first / last question", "最初 / 最後の質問"),
        .keyApprove: ("approve", "承認"),
        .keyDismissRestore: ("dismiss (reason optional) / restore", "却下 (理由は省略可) / 復元"),
        .keyLive: ("put the selected question live", "選んだ質問を出題する"),
        .keyAnswered: ("mark answered", "回答済みにする"),
        .keyVote: ("vote up / down", "投票 +1 / -1"),
        .keyPin: ("pin / unpin (pinned first)", "固定 / 固定解除 (固定は先頭)"),
        .keyEdit: ("edit the question (original kept)", "質問を編集 (元の文は残る)"),
        .keyMerge: ("merge: mark duplicate, then M on the original", "統合: 重複を選び、元の質問で M"),
        .keyReorder: ("move the question down / up", "質問を下 / 上へ動かす"),
        .keyLabelAssign: ("label / assign to a panelist", "ラベル / パネリストに割り当て"),
        .keyUndo: ("undo this console's last change", "この画面の直前の変更を取り消す"),
        .keyFilterOrderSource: ("filter / order / source", "絞り込み / 並び順 / 投稿元"),
        .keySessions: ("this session's questions / all sessions", "このセッションの質問 / 全セッション"),
        .keySearch: ("search (#label filters by label)", "検索 (#ラベル でラベル絞り込み)"),
        .keyFull: ("read the selected question in full (with its history)", "選んだ質問を全文で読む (履歴つき)"),
        .keyEscape: ("clear the search / cancel a merge / close a box", "検索解除 / 統合の取消 / 枠を閉じる"),
        .keyFocus: ("switch focus: queue / notes (j k scroll them)", "操作先の切替: 質問 / ノート (j k でスクロール)"),
        .keyScrollNotes: ("scroll the notes", "ノートをスクロール"),
        .keyNextNotes: ("show the next session's notes", "次のセッションのノートを表示"),
        .keyHostNotes: ("host notes / speaker notes", "司会ノート / 登壇者ノート"),
        .keyEditNotes: ("edit the notes in $EDITOR", "$EDITOR でノートを編集"),
        .keyVersions: ("earlier versions of the notes: Enter restores one", "ノートの以前の版: Enter で復元"),
        .keyRundown: ("rundown: planned, actual, projected", "進行表: 予定・実績・見込み"),
        .keyAudience: ("audience URL and QR code, stage screens (b: block asker)", "参加者用URLとQRコード・ステージ画面 (b: 質問者をブロック)"),
        .keyHelp: ("this help", "このヘルプ"),
        .keyQuit: ("quit (q and Esc first close any box)", "終了 (q と Esc はまず枠を閉じる)"),

        .quitWithout: ("q again quits WITHOUT {1} unsaved changes · ", "もう一度 q で未保存の変更 {1} 件を捨てて終了 · "),
        .quitWithoutOne: ("q again quits WITHOUT {1} unsaved change · ", "もう一度 q で未保存の変更 {1} 件を捨てて終了 · "),
        .notSavedYet: ("not saved yet (will retry): {1}", "保存できませんでした (再試行します): {1}"),
        .wroteBack: ("the state file was gone (moved or deleted): wrote back the last state this console had ({1} questions) to {2}",
                     "状態ファイルがありませんでした (移動か削除): この画面の最新の状態 (質問 {1} 件) を {2} に書き戻しました"),
        .goneNotWrittenBack: ("the state file is gone and could not be written back (will retry): {1}",
                              "状態ファイルがなく、書き戻せませんでした (再試行します): {1}"),
        .showingLastGood: ("{1} (showing the last good state)", "{1} (最後に読めた状態を表示しています)"),
        .editorTempFailed: ("cannot write a temporary file for the editor: {1}", "エディタ用の一時ファイルを書けません: {1}"),
        .editorFailed: ("the editor ({1}) exited with status {2}; notes unchanged", "エディタ ({1}) が終了ステータス {2} で終わりました。ノートは変更していません"),
        .editorReadBack: ("cannot read the edited notes back ({1})", "編集したノートを読み戻せません ({1})"),
        .notesUnchanged: ("notes unchanged", "ノートは変わっていません"),
        .notesSavedConcurrent: ("notes saved; {1} changed them while you edited: their text is kept (podium notes versions --session {2})",
                                "ノートを保存しました。編集中に {1} も変更しました: その文は残っています (podium notes versions --session {2})"),
        .notesSaved: ("notes saved", "ノートを保存しました"),
        .configUnreadable: ("{1}: cannot read the config file", "{1}: 設定ファイルを読めません"),
        .unsavedFoundOne: ("{1} file of unsaved changes found: run podium recover {2}", "未保存の変更のファイルが {1} 個あります: podium recover {2} を実行してください"),
        .unsavedFound: ("{1} files of unsaved changes found: run podium recover {2}", "未保存の変更のファイルが {1} 個あります: podium recover {2} を実行してください"),
        .conflictsFoundOne: ("{1} sync-conflict copy found: run podium merge --state {2} {3}", "同期の競合コピーが {1} 個あります: podium merge --state {2} {3} を実行してください"),
        .conflictsFound: ("{1} sync-conflict copies found: run podium merge --state {2} {3}", "同期の競合コピーが {1} 個あります: podium merge --state {2} {3} を実行してください"),
        .noStateFileYet: ("{1}: no state file yet; create it with podium init --event FILE --state {1} (or start the host with --event FILE)",
                          "{1}: 状態ファイルがまだありません。podium init --event FILE --state {1} で作ってください (または司会を --event FILE で起動)"),

        .reportDate: ("Date: {1}", "日付: {1}"),
        .reportVenue: ("Venue: {1}", "会場: {1}"),
        .reportPlannedStart: ("Planned start: {1}", "開始予定: {1}"),
        .reportEnded: ("Ended: {1}", "終了: {1}"),
        .reportHeader: ("| # | Session | Speaker | Planned start | Actual start | Planned | Added | Actual | Over | Asked | Answered | Dismissed |",
                        "| # | セッション | 登壇者 | 開始予定 | 実際の開始 | 予定 | 追加 | 実績 | 超過 | 質問 | 回答 | 却下 |"),
        .reportOverLegend: ("Over: the time taken beyond the planned length plus the time added (negative: ended early).",
                            "超過: 予定の長さと追加した時間を超えてかかった時間 (負: 早く終わった)。"),
        .reportTotalDrift: ("**Total drift:** {1}", "**全体のずれ:** {1}"),
        .reportQuestions: ("**Questions:** {1} asked, {2} answered, {3} dismissed", "**質問:** {1} 件、回答 {2} 件、却下 {3} 件"),
        .reportMerged: (" ({1} duplicates merged)", " (重複 {1} 件を統合)"),
        .reportMessages: ("Messages to the speaker", "登壇者への伝言"),
        .reportWholeEvent: ("(whole event)", "(イベント全体)"),
        .reportTotal: ("total", "合計"),
        .reportEndedWord: ("ended", "終了"),
        .reportTimedFromFirst: (" · timed from the first start at {1}", " · 最初の開始 {1} から計測"),

        .storeCorrupt: ("{1}: the state file cannot be read: {2}. It was left untouched. Move it aside (mv {3} {3}.bad): a console that still shows the event writes its last good state back; or restore it with podium merge from a backup or a sync-conflict copy.",
                        "{1}: 状態ファイルを読めません: {2}。ファイルには触れていません。別名に移してください (mv {3} {3}.bad): イベントを表示中の画面が最後の正しい状態を書き戻します。またはバックアップか同期の競合コピーから podium merge で戻してください。"),
        .storeLockTimeout: ("{1}: could not lock {1}.lock within {2} s: another podium is writing (or hung). Nothing was written.",
                            "{1}: {2} 秒以内に {1}.lock をロックできませんでした: 別の podium が書き込み中 (または応答なし) です。何も書いていません。"),
        .storeNoSpace: ("{1}: the disk is full: nothing was written, the previous file is intact. Free some space and try again.",
                        "{1}: ディスクがいっぱいです: 何も書いておらず、前のファイルはそのままです。空きを作ってからやり直してください。"),
        .storePermission: ("{1}: permission denied ({2}). Check the owner and mode of the directory and file (ls -ld); nothing was written.",
                           "{1}: 権限がありません ({2})。ディレクトリとファイルの所有者と権限を確かめてください (ls -ld)。何も書いていません。"),
        .storeMissing: ("{1}: no state file yet. Create it with podium init --event EVENT.yaml --state {1} (or start podium host --event EVENT.yaml).",
                        "{1}: 状態ファイルがまだありません。podium init --event EVENT.yaml --state {1} で作ってください (または podium host --event EVENT.yaml を起動)。"),
        .storeIO: ("{1}: {2} failed: {3} (errno {4}). Nothing was written.", "{1}: {2} に失敗しました: {3} (errno {4})。何も書いていません。"),
        .missingState: ("{1}: no state file yet. Create it with: podium init --event FILE --state {1} (or start the host console: podium host --event FILE --state {1})",
                        "{1}: 状態ファイルがまだありません。作るには: podium init --event FILE --state {1} (または司会画面を起動: podium host --event FILE --state {1})"),
        .eventUnreadable: ("{1}: cannot read the event file (does it exist?)", "{1}: イベントファイルを読めません (ありますか？)"),
        .eventNotUTF8: ("{1}: the event file is not valid UTF-8 text", "{1}: イベントファイルが正しい UTF-8 のテキストではありません"),
        .noStateNoEvent: ("no state file at {1} and no --event given", "{1} に状態ファイルがなく、--event も指定されていません"),

        .reducerEventEnded: ("the event has ended; p goes back to the last session", "イベントは終了しています。p で最後のセッションに戻ります"),
        .noTimeTaken: ("no time taken: none was left ({1} asked)", "減らしていません: 残り時間がありません ({1} の指定)"),
        .tookAllLeft: ("took {1} of {2}: that was all that was left; the talk is due now", "{2} のうち {1} 減らしました: 残りはこれだけでした。今が終了時刻です"),
        .lastSessionNotice: ("this is the last session: n ends the event", "最後のセッションです: n でイベント終了"),
        .eventReopened: ("the event is open again", "イベントを再開しました"),
        .notBackOnStage: ("not put back on stage: another question is live now; it is at the top of the queue",
                          "出題に戻していません: 別の質問が出題中です。一覧の先頭にあります"),
        .messageNotSent: ("message not sent: {1} is over (the session changed meanwhile)", "伝言を送っていません: {1} は終わりました (その間にセッションが変わりました)"),
        .notesChangedMeanwhile: ("notes were changed by {1} while you edited; their text is kept as a previous version",
                                 "編集中に {1} がノートを変更しました。その文は以前の版として残っています"),
        .notAnsweredPutLive: ("not marked answered: \"{1}\" was put live meanwhile ({2}); it is back at the top of the queue",
                              "回答済みにしていません: その間に「{1}」が出題されました ({2})。一覧の先頭に戻しました"),
        .notMovedEnded: ("not moved: the event had already ended", "移動していません: イベントはすでに終了していました"),
        .notMovedAlready: ("not moved: someone had already moved from {1} to {2}", "移動していません: すでに誰かが {1} から {2} へ移動していました"),
        .refusedUndo: ("not undone", "取り消していません"),
        .refusedBecause: ("{1}: {2}", "{1}: {2}"),
        .messageKept: ("message kept: {1} sent \"{2}\" at {3}", "伝言は残しました: {1} が {3} に「{2}」を送りました"),
        .refusedApprove: ("not approved", "承認していません"),
        .refusedDismiss: ("not dismissed", "却下していません"),
        .refusedRestore: ("not restored", "復元していません"),
        .refusedAnswered: ("not marked answered", "回答済みにしていません"),
        .refusedStatus: ("not changed", "変更していません"),
        .refusedLive: ("not put live", "出題していません"),
        .refusedEdit: ("edit not saved", "編集を保存していません"),
        .refusedPin: ("pin not changed", "固定を変えていません"),
        .refusedLabels: ("labels not changed", "ラベルを変えていません"),
        .refusedAssign: ("not assigned", "割り当てていません"),
        .refusedMerge: ("not merged", "統合していません"),
        .refusedUnmerge: ("not unmerged", "統合を解除していません"),
        .refusedOther: ("left alone", "変更していません"),
        .changedMeanwhile: ("it changed meanwhile", "その間に変更されました"),
        .someoneDid: ("{1} {2} at {3}", "{1} が {3} に{2}"),
        .didLive: ("put it live", "出題しました"),
        .didApprove: ("approved it", "承認しました"),
        .didAnswer: ("answered it", "回答済みにしました"),
        .didRestore: ("restored it", "復元しました"),
        .didEdit: ("edited it", "編集しました"),
        .didPin: ("pinned it", "固定しました"),
        .didUnpin: ("unpinned it", "固定を外しました"),
        .didMove: ("moved it", "移動しました"),
        .didAsk: ("asked it", "質問しました"),
        .didDismiss: ("dismissed it", "却下しました"),
        .didMergeInto: ("merged it into another question", "別の質問に統合しました"),
        .didChange: ("changed it ({1})", "変更しました ({1})"),

        .eventEmpty: ("the file is empty; an event needs a title and sessions", "ファイルが空です。イベントには title と sessions が必要です"),
        .eventNotMapping: ("the top level must be a mapping of keys (title, sessions, …)", "いちばん上はキーのマッピング (title, sessions, …) にしてください"),
        .eventDangerOverWarning: ("danger_minutes ({1}) must not be more than warning_minutes ({2})", "danger_minutes ({1}) は warning_minutes ({2}) 以下にしてください"),
        .eventBadStart: ("start must be a time of day such as \"19:00\", not \"{1}\"", "start は \"19:00\" のような時刻にしてください (\"{1}\" は使えません)"),
        .eventCuesList: ("cues must be a list of short messages", "cues は短い伝言のリストにしてください"),
        .eventCueText: ("each cue must be a piece of text", "cues の各項目はテキストにしてください"),
        .eventNoSessions: ("missing key 'sessions': an event needs at least one session", "キー 'sessions' がありません: イベントには少なくとも 1 つのセッションが必要です"),
        .eventSessionsList: ("sessions must be a non-empty list", "sessions は空でないリストにしてください"),
        .eventSessionMapping: ("{1} must be a mapping with title and minutes", "{1} は title と minutes を持つマッピングにしてください"),
        .eventDuplicateID: ("{1}.id \"{2}\" is used twice; ids must be unique", "{1}.id \"{2}\" が 2 回使われています。id は重複できません"),
        .eventNoMinutes: ("{1} ({2}) is missing 'minutes'", "{1} ({2}) に 'minutes' がありません"),
        .eventMinutesPositive: ("{1}.minutes must be more than 0", "{1}.minutes は 0 より大きくしてください"),
        .eventNotesUnreadable: ("cannot read notes file {1}: {2}", "ノートファイル {1} を読めません: {2}"),
        .eventPlainKeys: ("keys must be plain names", "キーは普通の名前にしてください"),
        .eventUnknownKey: ("unknown key '{1}' (known keys: {2})", "不明なキー '{1}' (使えるキー: {2})"),
        .eventMissingText: ("missing '{1}': it must be some text", "'{1}' がありません: テキストが必要です"),
        .eventNotText: ("'{1}' must be text, not a list or mapping", "'{1}' はリストやマッピングではなくテキストにしてください"),
        .eventBadMinutes: ("{1} must be a number of minutes (such as 5 or 0.5), not \"{2}\"", "{1} は分の数 (5 や 0.5 など) にしてください (\"{2}\" は使えません)"),
        .eventBadYAML: ("not valid YAML: {1}", "正しい YAML ではありません: {1}"),
        .eventNotText2: ("cannot read the file as text: {1}", "ファイルをテキストとして読めません: {1}"),
        .configNotMapping: ("the config must be a mapping of keys ({1})", "設定はキーのマッピング ({1}) にしてください"),
        .configUnknownKey: ("unknown key \"{1}\"; known keys: {2}", "不明なキー \"{1}\"。使えるキー: {2}"),
        .configName: ("name must be text", "name はテキストにしてください"),
        .configLanguage: ("language must be ja or en, not \"{1}\"", "language は ja か en にしてください (\"{1}\" は使えません)"),
        .configBool: ("{1} must be true or false, not \"{2}\"", "{1} は true か false にしてください (\"{2}\" は使えません)"),
        .noTerminalInput: ("podium needs a terminal: standard input is not a terminal", "podium には端末が必要です: 標準入力が端末ではありません"),
        .noTerminalOutput: ("podium needs a terminal: standard output is not a terminal", "podium には端末が必要です: 標準出力が端末ではありません"),
        .noTerm: ("podium needs a terminal; TERM is not set (try TERM=xterm-256color)", "podium には端末が必要です。TERM が設定されていません (TERM=xterm-256color を試してください)"),
        .unknownTerm: ("podium needs a terminal; TERM={1} is unknown (try TERM=xterm-256color)", "podium には端末が必要です。TERM={1} は不明な端末です (TERM=xterm-256color を試してください)"),
        .termCannotMove: ("podium needs a terminal that can move the cursor; TERM={1} cannot (try TERM=xterm-256color)",
                          "podium にはカーソルを動かせる端末が必要です。TERM={1} はできません (TERM=xterm-256color を試してください)"),
        .cursesFailed: ("podium could not start curses on TERM={1}", "TERM={1} で curses を開始できませんでした"),
        .noUTF8Locale: ("No UTF-8 locale ({1}): drawing ASCII only. Set LANG=C.UTF-8 to see Japanese text.",
                        "UTF-8 のロケールがありません ({1}): ASCII だけで表示します。日本語を見るには LANG=C.UTF-8 を設定してください。"),
        .clockAhead: ("clock: {1} is {2} ahead of this machine; timers differ by that much (sync both clocks, e.g. NTP)",
                      "時計: {1} はこのマシンより {2} 進んでいます。タイマーもその分ずれます (両方の時計を NTP などで合わせてください)"),
        .serveRates: ("the rates must be at least 1 a minute", "送信の上限は 1 分に 1 件以上にしてください"),
        .apUnknownOptionSuggest: ("Unknown option '{1}'. Did you mean '{2}'?", "不明なオプション '{1}'。'{2}' のことですか？"),
        .apUnknownOption: ("Unknown option '{1}'", "不明なオプション '{1}'"),
        .apMissingValue: ("Missing value for '{1}'", "'{1}' の値がありません"),
        .apUnexpected: ("Unexpected argument '{1}'", "余分な引数 '{1}'"),
        .apMissingArgument: ("Missing expected argument '{1}'", "引数 '{1}' がありません"),
        .apInvalidValue: ("The value '{1}' is invalid for '{2}'", "'{2}' に '{1}' は使えません"),
        .apProvideOneOf: (". Please provide one of {1}.", "。次のどれかにしてください: {1}"),
        .apHelpLabel: ("Help: ", "ヘルプ: "),
        .usageErrorPrefix: ("Error: ", "エラー: "),
        .usagePrefix: ("Usage: ", "使い方: "),
        .usageSeeHelp: ("See '{1}' for more information.", "詳しくは '{1}' を見てください。"),
        .statusSession: ("Session {1}: {2}", "セッション {1}: {2}"),
        .statusTimer: ("Timer: {1}, {2} {3} ({4})", "タイマー: {1}、{3} {2} ({4})"),
        .statusOver: ("over", "超過"),
        .statusSchedule: ("Schedule: {1}", "進行: {1}"),
        .statusQuestions: ("Questions: {1}", "質問: {1}"),
        .statusMessage: ("Message to speaker: {1}", "登壇者への伝言: {1}"),
        .statusRevision: ("Revision {1}", "リビジョン {1}"),
        .noSuchSession: ("no session \"{1}\" (sessions: {2})", "セッション \"{1}\" はありません (セッション: {2})"),
        .timerRunning: ("running", "進行中"),
        .phaseNormal: ("normal", "通常"),
        .phaseWarning: ("warning", "注意"),
        .phaseDanger: ("danger", "危険"),
        .sessionsCount: ("{1} sessions", "{1} セッション"),
        .sessionsCountOne: ("{1} session", "{1} セッション"),
        .initCreated: ("created {1}: {2}, {3} (revision {4})", "{1} を作りました: {2}、{3} (リビジョン {4})"),
        .initUpdated: ("updated the event in {1}: {2}, {3} (revision {4})", "{1} のイベントを更新しました: {2}、{3} (リビジョン {4})"),
        .initSame: ("{1} already has this event (revision {2})", "{1} にはすでにこのイベントがあります (リビジョン {2})"),
        .askAdded: ("added {1} questions", "質問を {1} 件追加しました"),
        .askAddedOne: ("added {1} question", "質問を {1} 件追加しました"),
        .askRevision: (" (revision {1})", " (リビジョン {1})"),
        .askAlready: ("{1} already there", "{1} 件は登録済み"),
        .askRefused: ("{1} refused", "{1} 件は受け付けませんでした"),
        .askUnmarked: ("{1} without a question marker skipped", "質問の目印がない {1} 件はスキップしました"),
        .askPrivate: ("{1} private messages skipped", "個人宛のメッセージ {1} 件はスキップしました"),
        .askPrivateOne: ("{1} private message skipped", "個人宛のメッセージ {1} 件はスキップしました"),
        .mergedCopy: ("merged {1} copy into {2}: {3} questions, revision {4}", "{1} 個のコピーを {2} に統合しました: 質問 {3} 件、リビジョン {4}"),
        .mergedCopies: ("merged {1} copies into {2}: {3} questions, revision {4}", "{1} 個のコピーを {2} に統合しました: 質問 {3} 件、リビジョン {4}"),
        .imported: ("imported {1} questions from {2} ({3} already there, {4} skipped)", "{2} から質問を {1} 件取り込みました (登録済み {3} 件、スキップ {4} 件)"),
        .importedOne: ("imported {1} question from {2} ({3} already there, {4} skipped)", "{2} から質問を {1} 件取り込みました (登録済み {3} 件、スキップ {4} 件)"),

        .exportTitle: ("# Questions: {1}", "# 質問: {1}"),
        .exportSummary: ("Exported {1}, {2} questions.", "{1} に書き出し。質問 {2} 件。"),
        .exportSummaryOne: ("Exported {1}, {2} question.", "{1} に書き出し。質問 {2} 件。"),
        .exportPinned: ("pinned", "固定"),
        .exportAsked: ("asked {1}", "質問 {1}"),
        .exportAnswered: ("answered {1}", "回答 {1}"),
        .exportDismissed: ("dismissed {1}", "却下 {1}"),
        .exportOriginally: ("originally: {1}", "元の文: {1}"),
        .exportAlsoAsked: ("also asked as: {1}", "同じ質問: {1}"),
        .exportLabels: ("labels: {1}", "ラベル: {1}"),
        .exportAssigned: ("assigned to {1}", "担当: {1}"),
        .exportMergedInto: ("merged into {1}", "統合先: {1}"),
        .exportUpdated: ("updated {1} by {2}", "更新 {1} ({2})"),
        .exportNew: ("new", "新着"),
        .exportApproved: ("approved", "承認"),
        .exportLive: ("live", "出題中"),
        .exportAnsweredWord: ("answered", "回答済み"),
        .exportDismissedWord: ("dismissed", "却下"),
        .exportMerged: ("merged", "統合済み"),

        .recoverNoFiles: ("name at least one file of unsaved changes", "未保存の変更のファイルを 1 つ以上指定してください"),
        .recoverNoFile: ("{1}: no such file of unsaved changes", "{1}: 未保存の変更のファイルがありません"),
        .recoverNoState: ("{1}: no state file to write the changes of {2} into", "{1}: {2} の変更を書き込む状態ファイルがありません"),
        .recoverNotRemoved: ("{1} changes from {2} written to {3} (revision {4}), but {2} could not be removed: remove it by hand before running recover again",
                             "{2} の変更 {1} 件を {3} に書き込みました (リビジョン {4}) が、{2} を削除できませんでした。recover をもう一度実行する前に手で削除してください"),
        .recoverNotRemovedOne: ("{1} change from {2} written to {3} (revision {4}), but {2} could not be removed: remove it by hand before running recover again",
                                "{2} の変更 {1} 件を {3} に書き込みました (リビジョン {4}) が、{2} を削除できませんでした。recover をもう一度実行する前に手で削除してください"),
        .recoverDone: ("{1} changes from {2} written to {3} (revision {4}); {2} removed", "{2} の変更 {1} 件を {3} に書き込みました (リビジョン {4})。{2} は削除しました"),
        .recoverDoneOne: ("{1} change from {2} written to {3} (revision {4}); {2} removed", "{2} の変更 {1} 件を {3} に書き込みました (リビジョン {4})。{2} は削除しました"),
        .listSeparator: (", ", "、"),
        .unsavedNotOurs: ("not a file of unsaved changes written by podium ({1})", "podium が書いた未保存の変更のファイルではありません ({1})"),
        .mergeNoFiles: ("name at least one copy to merge", "統合するコピーを 1 つ以上指定してください"),
        .importUnreadable: ("{1}: cannot read the file", "{1}: ファイルを読めません"),
        .importSkipped: ("skipped: {1}", "スキップ: {1}"),
        .importEmpty: ("the file is empty", "ファイルが空です"),
        .importNoTextColumn: ("no question column in the header (expected one of: text, question, body)",
                              "見出しの行に質問の列がありません (text, question, body のどれか)"),
        .importFieldCount: ("expected {1} fields as in the header, found {2}", "見出しと同じ {1} 列のはずが {2} 列あります"),
        .importNoText: ("missing question text", "質問の文がありません"),
        .importTooLong: ("question text is {1} characters, longer than {2}", "質問の文が {1} 文字あり、{2} 文字を超えています"),
        .importUnknownSource: ("unknown source {1} (expected one of: {2})", "不明な投稿元 {1} ({2} のどれか)"),
        .importBadVotes: ("bad votes {1} (expected a whole number, 0 or more)", "票数 {1} が不正です (0 以上の整数)"),
        .importBadTime: ("bad time {1} (expected ISO 8601 or YYYY-MM-DD HH:MM[:SS])", "時刻 {1} が不正です (ISO 8601 か YYYY-MM-DD HH:MM[:SS])"),
        .importUnclosedQuote: ("a quoted field is never closed", "引用符で始まる項目が閉じていません"),
        .consoleNotSaved: ("{1} changes were not saved to {2}: {3}", "{1} 件の変更を {2} に保存できませんでした: {3}"),
        .consoleNotSavedOne: ("{1} change was not saved to {2}: {3}", "{1} 件の変更を {2} に保存できませんでした: {3}"),
        .consoleKeptIn: (" They are kept in {1}; write them later with: podium recover {1}", "変更は {1} に残してあります。あとで podium recover {1} で書き込んでください"),
        .consoleKeepFailed: (" Keeping them in a file failed too: {1}", "ファイルに残すこともできませんでした: {1}"),
        .unknownError: ("unknown error", "原因不明のエラー"),
        .notesNoVersion: ("{1}: no version {2} (there are {3}; see podium notes versions --session {1})",
                          "{1}: 版 {2} はありません (版は {3} 個。podium notes versions --session {1} で確認できます)"),
        .notesNoVersionOne: ("{1}: no version {2} (there is {3}; see podium notes versions --session {1})",
                             "{1}: 版 {2} はありません (版は {3} 個。podium notes versions --session {1} で確認できます)"),
        .notesVersionsNone: ("{1} ({2}): 0 previous versions", "{1} ({2}): 以前の版はありません"),
        .notesVersionsOne: ("{1} ({2}): 1 previous version, newest first", "{1} ({2}): 以前の版 1 個"),
        .notesVersionsMany: ("{1} ({2}): {3} previous versions, newest first", "{1} ({2}): 以前の版 {3} 個 (新しい順)"),
        .notesNow: ("now", "現在"),
        .notesBoth: ("speaker+host", "登壇者+司会"),
        .notesKindSpeaker: ("speaker", "登壇者"),
        .notesKindHost: ("host", "司会"),
        .linesCount: ("{1} lines", "{1} 行"),
        .lineOne: ("{1} line", "{1} 行"),
        .notesAlreadyThat: ("{1}: the {2} notes already have that text", "{1}: {2}ノートはすでにその文です"),
        .notesRestoredVersion: ("{1}: restored version {2} of the {3} notes (the replaced text is now version 1)",
                                "{1}: {3}ノートを版 {2} に戻しました (置き換えた文は版 1 として残っています)"),
        .notesNoneHave: ("no session has notes", "ノートのあるセッションはありません"),
        .notesNoFiles: ("no session has a notes_file or host_notes_file to write back to (notes written inline live in the event file; --stdout prints them)",
                        "書き戻し先の notes_file / host_notes_file のあるセッションはありません (イベントファイルに直接書いたノートはそこにあります。--stdout で表示できます)"),
        .notesWrote: ("wrote {1}", "{1} に書きました"),
        .notesWroteUnchanged: ("wrote {1} (unchanged)", "{1} に書きました (変更なし)"),
        .notesNoDirectory: ("{1}: cannot write the notes: the directory {2} does not exist{3}", "{1}: ノートを書けません: ディレクトリ {2} がありません{3}"),
        .notesNotDirectory: ("{1}: cannot write the notes: {2} is not a directory", "{1}: ノートを書けません: {2} はディレクトリではありません"),
        .notesPermission: ("{1}: cannot write the notes: permission denied", "{1}: ノートを書けません: 権限がありません"),
        .notesDiskFull: ("{1}: cannot write the notes (disk full?); nothing else was changed", "{1}: ノートを書けません (ディスクがいっぱい？)。ほかは何も変えていません"),
        .notesRelativeHint: (" (this state holds the path relative to the event file: add --event EVENT.yaml, or load the event again with podium host --event)",
                             " (この状態ファイルはイベントファイルからの相対パスを持っています: --event EVENT.yaml を付けるか、podium host --event でイベントを読み直してください)"),

        .intakeNotJSON: ("not valid JSON", "正しい JSON ではありません"),
        .intakeNoText: ("not a JSON object with a \"text\" field", "\"text\" を持つ JSON オブジェクトではありません"),
        .intakeNoField: ("no \"{1}\" field", "\"{1}\" がありません"),
        .intakeBadID: ("\"id\" is not a string or a whole number", "\"id\" が文字列でも整数でもありません"),
        .intakeNotString: ("\"{1}\" is not a string", "\"{1}\" が文字列ではありません"),
        .intakeEmpty: ("the question is empty", "質問が空です"),
        .intakeTooLong: ("the question has {1} characters; at most {2} are accepted", "質問が {1} 文字あります。受け付けるのは {2} 文字までです"),
        .intakeNotZoom: ("not a Zoom chat line (no \"HH:MM:SS From NAME\" header before it)", "Zoom のチャットの行ではありません (前に \"HH:MM:SS From NAME\" の見出しがありません)"),
        .askUnknownSource: ("unknown source \"{1}\" (venue, zoom, youtube, discord, satellite, other)", "不明な投稿元 \"{1}\" (venue, zoom, youtube, discord, satellite, other)"),
        .askLineTooLong: ("the line is longer than {1} KB", "行が {1} KB より長いです"),
        .askNotUTF8: ("not valid UTF-8 text", "正しい UTF-8 のテキストではありません"),
        .askNothingAdded: ("{1} (nothing was added)", "{1} (何も追加していません)"),
        .askPlaceQuestion: ("the question", "質問"),
        .askBadLine: ("{1} bad line in stdin", "stdin に不正な行が {1} 行"),
        .askBadLines: ("{1} bad lines in stdin", "stdin に不正な行が {1} 行"),
        .askStrictNotWritten: (": nothing was added ({1} good lines not written; without --strict they are)",
                               "あるので、何も追加していません (正しい {1} 行も書いていません。--strict なしなら書きます)"),
        .askStrictNotWrittenOne: (": nothing was added ({1} good line not written; without --strict they are)",
                                  "あるので、何も追加していません (正しい {1} 行も書いていません。--strict なしなら書きます)"),
        .askWrittenAfterWaiting: ("written after waiting: {1} questions (revision {2})", "待ったあとで書きました: 質問 {1} 件 (リビジョン {2})"),
        .askWrittenAfterWaitingOne: ("written after waiting: {1} question (revision {2})", "待ったあとで書きました: 質問 {1} 件 (リビジョン {2})"),
        .askWaiting: ("waiting to write {1} questions (kept in memory, retried every {2} s): {3}",
                      "質問 {1} 件の書き込みを待っています (メモリに保持し、{2} 秒ごとに再試行): {3}"),
        .askWaitingOne: ("waiting to write {1} question (kept in memory, retried every {2} s): {3}",
                         "質問 {1} 件の書き込みを待っています (メモリに保持し、{2} 秒ごとに再試行): {3}"),
        .askCouldNotWrite: ("the file could not be written", "ファイルに書けませんでした"),
        .askKept: ("{1} questions were not written to {2} ({3}). They are kept in {4}; write them later with: podium recover {4}",
                   "質問 {1} 件を {2} に書けませんでした ({3})。{4} に残してあります。あとで podium recover {4} で書き込んでください"),
        .askKeptOne: ("{1} question was not written to {2} ({3}). They are kept in {4}; write them later with: podium recover {4}",
                      "質問 {1} 件を {2} に書けませんでした ({3})。{4} に残してあります。あとで podium recover {4} で書き込んでください"),
        .askKeepFailed: ("{1} questions were not written to {2}, and keeping them in a file failed too: {3}",
                         "質問 {1} 件を {2} に書けず、ファイルに残すこともできませんでした: {3}"),
        .askKeepFailedOne: ("{1} question was not written to {2}, and keeping them in a file failed too: {3}",
                            "質問 {1} 件を {2} に書けず、ファイルに残すこともできませんでした: {3}"),
        .askStoppedAllWritten: ("stopped by signal {1}: everything read was written", "シグナル {1} で止めました: 読んだ質問はすべて書きました"),
        .askStdinStops: ("{1}; reading stops here", "{1}。ここで読むのを止めます"),
        .askReadFromStart: ("{1}; reading it from the start", "{1}。最初から読み直します"),
        .askTruncated: ("the file was truncated", "ファイルが切り詰められました"),
        .askRotated: ("a new file replaced it (rotation)", "新しいファイルに置き換わりました (ローテーション)"),
        .askWaitingForFile: ("waiting for the file to appear", "ファイルができるのを待っています"),
        .askEitherQuestion: ("give either a question, -, or --follow FILE", "質問、-、--follow FILE のどれか 1 つを指定してください"),
        .askGiveQuestion: ("give a question, - to read stdin, or --follow FILE", "質問、標準入力から読む -、または --follow FILE を指定してください"),
        .askStrictNotFollow: ("--strict reads a whole input; it cannot be used with --follow", "--strict は入力全体を読むので、--follow とは使えません"),
        .askIDForOne: ("--id is for one question; lines carry their own \"id\"", "--id は 1 つの質問用です。各行は自分の \"id\" を持ちます"),

        .histAsked: ("asked", "質問"),
        .histApproved: ("approved", "承認"),
        .histDismissed: ("dismissed", "却下"),
        .histDismissedBecause: ("dismissed: {1}", "却下: {1}"),
        .histBlocked: ("blocked", "ブロック"),
        .histRestored: ("restored", "復元"),
        .histAnswered: ("answered", "回答済み"),
        .histVote: ("vote {1} ({2})", "投票 {1} ({2})"),
        .histVoteWithdrawn: ("vote withdrawn ({1})", "投票取り消し ({1})"),
        .histPinned: ("pinned", "固定"),
        .histUnpinned: ("unpinned", "固定解除"),
        .histEdited: ("edited", "編集"),
        .histMerged: ("merged {1}", "{1} を統合"),
        .histMergedInto: ("merged into {1}", "{1} に統合"),
        .histUnmergedFrom: ("unmerged {1}", "{1} の統合を解除"),
        .histUnmerged: ("unmerged", "統合を解除"),
        .histMoved: ("moved", "移動"),
        .histLabels: ("labels: {1}", "ラベル: {1}"),
        .histAssigned: ("assigned to {1}", "担当: {1}"),
        .histAssignedNobody: ("assigned to nobody", "担当なし"),
        .histSetApprovedLive: ("set to approved ({1} is live)", "承認に変更 ({1} が出題中)"),
        .histSetTo: ("set to {1}", "{1} に変更"),
        .histLive: ("live", "出題"),
        .histBackToTop: ("back to the top of the queue (another question was put live)", "一覧の先頭に戻す (別の質問が出題された)"),
        .audienceTitle: ("Audience page", "参加者ページ"),
        .audienceNotRunning: ("podium serve is not running on this state file.", "この状態ファイルで podium serve が動いていません。"),
        .audienceStartIt: ("Start it on this machine: podium serve --state FILE", "このマシンで起動: podium serve --state FILE"),
        .audienceThenPhones: ("Then phones open its URL; this box shows it with a QR code.", "参加者はスマホでその URL を開きます。ここに URL と QR コードが出ます。"),
        .anyKeyCloses: ("any key closes", "何かキーで閉じる"),
        .audienceHeader: ("Audience page: {1}", "参加者ページ: {1}"),
        .audienceAlso: ("  (also {1})", "  (ほかに {1})"),
        .audienceNoStage: ("no stage screen connected (open {1}stage on the projector)", "ステージ画面の接続なし (プロジェクターで {1}stage を開く)"),
        .audienceStages: ("{1} stage screens following: ", "ステージ画面 {1} 台が接続中: "),
        .audienceStagesOne: ("{1} stage screen following: ", "ステージ画面 {1} 台が接続中: "),
        .audienceStageSince: ("{1} since {2}", "{1} ({2} から)"),
        .audiencePagesOpen: ("{1} audience pages open · any key closes", "参加者ページ {1} 件 · 何かキーで閉じる"),
        .audiencePagesOpenOne: ("{1} audience page open · any key closes", "参加者ページ {1} 件 · 何かキーで閉じる"),
        .audienceBlockHint: ("b: block who asked the selected question · ", "b: 選んだ質問の質問者をブロック · "),
        .audienceLargerQR: ("(a larger terminal shows the QR code)", "(端末を大きくすると QR コードが出ます)"),
        .audienceNotFromPage: ("the selected question was not asked from the audience page: nobody to block",
                               "選んだ質問は参加者ページからではありません: ブロックする相手がいません"),
        .audienceBlocked: ("blocked the person who asked \"{1}\": their open questions are dismissed, new ones refused",
                           "「{1}」の質問者をブロックしました: 未処理の質問は却下し、新しい質問は受け付けません"),

        .cueFiveMinutes: ("5 minutes left", "残り5分です"),
        .cueWrapUp: ("Please wrap up", "まとめに入ってください"),
        .cueTakeQuestions: ("Take questions now", "質疑に移ってください"),
        .cueRepeatQuestion: ("Please repeat the question", "質問を復唱してください"),
        .cueLouder: ("Louder, please", "もう少し大きな声でお願いします"),
    ]
}
