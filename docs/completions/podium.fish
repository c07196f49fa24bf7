function __podium_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __podium_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __podium_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __podium_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __podium_parse_tokens -S
    set -l unparsed_tokens (__podium_tokens -pc)
    switch $unparsed_tokens[1]
    case 'podium'
        __podium_parse_subcommand 0 'h/help'
        switch $unparsed_tokens[1]
        case 'host'
            __podium_parse_subcommand 0 'lang=' 'state=' 'ascii' 'bell' 'no-bell' 'name=' 'big-seconds' 'event=' 'h/help'
        case 'moderate'
            __podium_parse_subcommand 0 'lang=' 'state=' 'ascii' 'bell' 'no-bell' 'name=' 'big-seconds' 'h/help'
        case 'speaker'
            __podium_parse_subcommand 0 'lang=' 'state=' 'ascii' 'bell' 'no-bell' 'name=' 'h/help'
        case 'init'
            __podium_parse_subcommand 0 'lang=' 'state=' 'event=' 'h/help'
        case 'ask'
            __podium_parse_subcommand 1 'lang=' 'state=' 'author=' 'source=' 'session=' 'id=' 'follow=' 'format=' 'questions-only' 'marker=+' 'strict' 'h/help'
        case 'status'
            __podium_parse_subcommand 0 'lang=' 'state=' 'json' 'h/help'
        case 'merge'
            __podium_parse_subcommand -r 1 'lang=' 'state=' 'h/help'
        case 'report'
            __podium_parse_subcommand 0 'lang=' 'state=' 'format=' 'h/help'
        case 'export'
            __podium_parse_subcommand 0 'lang=' 'state=' 'format=' 'h/help'
        case 'import'
            __podium_parse_subcommand 1 'lang=' 'state=' 'skip-bad' 'source=' 'session=' 'h/help'
        case 'notes'
            __podium_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'export'
                __podium_parse_subcommand 0 'lang=' 'state=' 'session=' 'event=' 'dir=' 'stdout' 'h/help'
            case 'versions'
                __podium_parse_subcommand 0 'lang=' 'state=' 'session=' 'show=' 'h/help'
            case 'restore'
                __podium_parse_subcommand 0 'lang=' 'state=' 'session=' 'version=' 'h/help'
            end
        case 'recover'
            __podium_parse_subcommand -r 1 'state=' 'h/help'
        case 'serve'
            __podium_parse_subcommand 0 'lang=' 'state=' 'listen=' 'no-review' 'questions-per-minute=' 'address-questions-per-minute=' 'passcode=' 'h/help'
        case 'help'
            __podium_parse_subcommand -r 1 
        end
    end
end

function __podium_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __podium_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __podium_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __podium_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__podium_tokens -p)
    if test -z "$(__podium_tokens -t)"
        set -l index (count (__podium_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'podium' -f
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'host' -d 'The host console: timer, rundown, queue, messages and notes (everything).'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'moderate' -d 'The moderator console: the queue first; questions and messages to the speaker. The timer is shown, not controlled.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'speaker' -d 'The speaker view: big remaining time, the live question, messages and notes. Read-only: it never writes or locks the state file.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'init' -d 'Put an event into the state file without a terminal (as the host\'s first run with --event does).'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'ask' -d 'Add questions to the queue (for scripts and chat bridges), one, streamed from stdin, or from a followed file.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'status' -d 'Print the current session, the timer, the counts and the queue.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'merge' -d 'Merge copies of the state (such as Syncthing\'s *.sync-conflict-* files) into --state.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'report' -d 'Print a planned-vs-actual report of the event (Markdown, CSV or JSON).'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'export' -d 'Export the questions with status, votes, session, source and times (any time, during or after the event).'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'import' -d 'Import questions from a CSV file with a header row (text, author, source, votes, time).'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'notes' -d 'Work with speaker notes: export to Markdown, list and restore earlier versions.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'recover' -d 'Write changes a console could not save (a *.unsaved-*.json file) into --state.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'serve' -d 'Serve the audience page (questions, votes) and the stage page on the venue network.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" ascii' -l 'ascii' -d 'Draw borders and bars in ASCII (+-|#): for terminals that draw box characters two cells wide ("ambiguous width = wide").'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" bell' -l 'bell' -d 'Ring the terminal bell at the warning and danger thresholds and at zero (default: on for the host).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" no-bell' -l 'no-bell' -d 'Ring the terminal bell at the warning and danger thresholds and at zero (default: on for the host).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" name' -l 'name' -d 'Who you are, in question histories and messages ("moderator:NAME@host"; default $PODIUM_NAME, else your login name).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" big-seconds' -l 'big-seconds' -d 'Big digits with seconds (3:25) instead of whole minutes (3m); the line below them always has the seconds, and the last minute always shows them big. Costs a redraw of the digits every second.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" event' -l 'event' -d 'The event file (YAML) to run.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium host" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium moderate" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium moderate" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium moderate" ascii' -l 'ascii' -d 'Draw borders and bars in ASCII (+-|#): for terminals that draw box characters two cells wide ("ambiguous width = wide").'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium moderate" bell' -l 'bell' -d 'Ring the terminal bell at the warning and danger thresholds and at zero (default: on for the host).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium moderate" no-bell' -l 'no-bell' -d 'Ring the terminal bell at the warning and danger thresholds and at zero (default: on for the host).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium moderate" name' -l 'name' -d 'Who you are, in question histories and messages ("moderator:NAME@host"; default $PODIUM_NAME, else your login name).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium moderate" big-seconds' -l 'big-seconds' -d 'Big digits with seconds (3:25) instead of whole minutes (3m); the line below them always has the seconds, and the last minute always shows them big. Costs a redraw of the digits every second.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium moderate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium speaker" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium speaker" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium speaker" ascii' -l 'ascii' -d 'Draw borders and bars in ASCII (+-|#): for terminals that draw box characters two cells wide ("ambiguous width = wide").'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium speaker" bell' -l 'bell' -d 'Ring the terminal bell at the warning and danger thresholds and at zero (default: on for the host).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium speaker" no-bell' -l 'no-bell' -d 'Ring the terminal bell at the warning and danger thresholds and at zero (default: on for the host).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium speaker" name' -l 'name' -d 'Who you are, in question histories and messages ("moderator:NAME@host"; default $PODIUM_NAME, else your login name).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium speaker" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium init" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium init" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium init" event' -l 'event' -d 'The event file (YAML).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" author' -l 'author' -d 'Who asked (for lines that do not say).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" source' -l 'source' -d 'Where it came from: venue, zoom, youtube, discord, satellite, other (default: zoom with --format zoom, else other).' -rfka 'venue zoom youtube discord satellite other web'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" session' -l 'session' -d 'The session it belongs to (default: the current one).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" id' -l 'id' -d 'The message\'s id in its chat: the same id from the same source is added only once.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" follow' -l 'follow' -d 'Follow a growing file like tail -F (survives truncation and rotation) instead of reading stdin.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" format' -l 'format' -d 'How lines are read: auto (JSON when a line starts with {), lines, jsonl, zoom (Zoom\'s saved chat).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" questions-only' -l 'questions-only' -d 'Take only messages marked as questions, without the marker. Markers: Q: Q： 質問: 質問： 【質問】 [Q] …'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask"' -l 'marker' -d 'A marker that makes a message a question (repeatable; implies --questions-only).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" strict' -l 'strict' -d 'All or nothing: when one line is bad, add none (reads the whole input first).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium ask" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium status" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium status" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium status" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium merge" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium merge" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium merge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium report" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium report" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium report" format' -l 'format' -d 'md, csv or json.' -rfka 'md csv json'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium export" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium export" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium export" format' -l 'format' -d 'csv, json or md.' -rfka 'md csv json'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium import" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium import" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium import" skip-bad' -l 'skip-bad' -d 'Import the good rows and report the bad ones.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium import" source' -l 'source' -d 'Source of rows without one.' -rfka 'venue zoom youtube discord satellite other web'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium import" session' -l 'session' -d 'The session the questions belong to (default: the current one).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium notes" -eq 1' -fa 'export' -d 'Write the notes edited live back to the Markdown files the event file names (notes_file, host_notes_file).'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium notes" -eq 1' -fa 'versions' -d 'List the earlier texts of a session\'s notes (newest first), or print one with --show.'
complete -c 'podium' -n '__podium_should_offer_completions_for_positional "podium notes" -eq 1' -fa 'restore' -d 'Bring back an earlier text of a session\'s notes (the text it replaces is kept as a version).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes export" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes export" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes export" session' -l 'session' -d 'Only this session.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes export" event' -l 'event' -d 'The event file, for notes paths a state of an older version holds relative to it.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes export" dir' -l 'dir' -d 'Directory for notes paths a state of an older version holds relative to the event file.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes export" stdout' -l 'stdout' -d 'Print every session\'s notes (inline ones too) instead of writing files.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes versions" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes versions" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes versions" session' -l 'session' -d 'The session (default: the current one).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes versions" show' -l 'show' -d 'Print the full text of version N.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes versions" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes restore" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes restore" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes restore" session' -l 'session' -d 'The session (default: the current one).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes restore" version' -l 'version' -d 'The version number from `podium notes versions`.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium notes restore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium recover" state' -l 'state' -d 'The state file (default: the one the changes were meant for).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium recover" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium serve" lang' -l 'lang' -d 'The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).' -rfka 'en ja'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium serve" state' -l 'state' -d 'The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium serve" listen' -l 'listen' -d 'Address and port to listen on.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium serve" no-review' -l 'no-review' -d 'Put questions from the page straight into the queue (no approval first).'
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium serve" questions-per-minute' -l 'questions-per-minute' -d 'Questions one person may send a minute.' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium serve" address-questions-per-minute' -l 'address-questions-per-minute' -d 'Questions one network address may send a minute (phones behind one router share one).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium serve" passcode' -l 'passcode' -d 'Ask for this passcode before anything (a page reachable from outside the venue).' -rfka ''
complete -c 'podium' -n '__podium_should_offer_completions_for_flags_or_options "podium serve" h help' -s 'h' -l 'help' -d 'Show help information.'
