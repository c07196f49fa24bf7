#ifndef PODIUM_CNCURSESW_SHIM_H
#define PODIUM_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, which hides the wide-character API: define them here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <termios.h>

// Macros and globals that do not import into Swift 6, wrapped as functions.
static inline WINDOW *podium_stdscr(void) { return stdscr; }
static inline int podium_lines(void) { return LINES; }
static inline int podium_cols(void) { return COLS; }
static inline attr_t podium_a_bold(void) { return A_BOLD; }
static inline attr_t podium_a_reverse(void) { return A_REVERSE; }
static inline attr_t podium_a_dim(void) { return A_DIM; }
static inline attr_t podium_a_underline(void) { return A_UNDERLINE; }
static inline attr_t podium_a_blink(void) { return A_BLINK; }
static inline attr_t podium_color_pair(int n) { return COLOR_PAIR(n); }
static inline int podium_key_resize(void) { return KEY_RESIZE; }
static inline int podium_key_code_yes(void) { return KEY_CODE_YES; }
static inline const char *podium_codeset(void) { return nl_langinfo(CODESET); }
static inline int podium_lc_all(void) { return LC_ALL; }

// Puts one wide character string (a grapheme, already sanitised) with attributes at y, x.
static inline int podium_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
// ---- Terminal setup (Swift 6 rejects the globals stdin/stdout, so newterm is wrapped) ----

/// newterm on the process's standard output and input; NULL when TERM is unknown.
static inline SCREEN *podium_newterm(void) { return newterm(NULL, stdout, stdin); }
/// Whether the current terminal can move the cursor (TERM=dumb cannot): terminfo "cup".
static inline int podium_can_address_cursor(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}
static inline int podium_key_f0(void) { return KEY_F0; }
static inline attr_t podium_a_normal(void) { return A_NORMAL; }
/// The width ncurses gives a character (glibc wcwidth; wchar.h hides it without _XOPEN_SOURCE).
static inline int podium_wcwidth(wchar_t c) {
    extern int wcwidth(wchar_t);
    return wcwidth(c);
}

/// Resizes curses to the terminal's size now (TIOCGWINSZ on standard output, which ioctl's
/// variadic signature keeps from Swift). Returns OK, or ERR when the size is unknown.
static inline int podium_resize_from_terminal(void) {
    struct winsize size;
    if (ioctl(1, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return ERR;
    if (size.ws_row == (unsigned short)LINES && size.ws_col == (unsigned short)COLS) return OK;
    return resizeterm(size.ws_row, size.ws_col);
}

// ---- Signals turned into a readable descriptor (a self-pipe) ----
// The pipe lives in C because Swift 6 forbids global mutable state. The storage is static
// per translation unit, so every podium_signal_* call must come from one Swift file
// (PodiumTerminal/SignalWatcher.swift).

static inline int *podium_signal_pipe(void) {
    static int fds[2] = { -1, -1 };
    return fds;
}

static inline void podium_signal_handler(int sig) {
    int saved = errno;
    int fd = podium_signal_pipe()[1];
    if (fd >= 0) {
        unsigned char byte = (unsigned char)sig;
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

/// Creates the pipe once (non-blocking, close-on-exec). Returns its read end, or -1.
static inline int podium_signal_open(void) {
    int *fds = podium_signal_pipe();
    if (fds[0] >= 0) return fds[0];
    int made[2];
    if (pipe(made) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(made[i], F_SETFL, fcntl(made[i], F_GETFL) | O_NONBLOCK);
        fcntl(made[i], F_SETFD, FD_CLOEXEC);
    }
    fds[0] = made[0];
    fds[1] = made[1];
    return fds[0];
}

/// Routes a signal to the pipe. Returns 0, or -1 with errno.
static inline int podium_signal_watch(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = podium_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(sig, &action, NULL);
}

/// Gives a signal back its default action.
static inline int podium_signal_default(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, NULL);
}

/// Reads one pending signal number from the pipe; 0 when none is pending.
static inline int podium_signal_next(void) {
    int fd = podium_signal_pipe()[0];
    if (fd < 0) return 0;
    unsigned char byte = 0;
    ssize_t got;
    do { got = read(fd, &byte, 1); } while (got < 0 && errno == EINTR);
    return got == 1 ? (int)byte : 0;
}

/// Stops the process as the default SIGTSTP action would (used after endwin).
static inline int podium_stop_self(void) { return kill(getpid(), SIGSTOP); }

// ---- A crash leaves a usable terminal ----
// On SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT the handler below puts back the terminal
// modes saved before curses started and writes, as bytes captured at start, the sequences
// that leave the alternate screen, reset attributes and show the cursor; then it calls what
// handled the signal before (the Swift runtime's backtracer, if any: its report lands on a
// normal screen), restores the default action and raises the signal again, so the process
// ends by it. Only async-signal-safe calls (tcsetattr, write, sigaction, raise) are made here. Like the pipe above, the
// storage is static per translation unit: every podium_crash_* call comes from one Swift file
// (PodiumTerminal/Terminal.swift).

enum { PODIUM_CRASH_SIGNALS = 5, PODIUM_CRASH_BYTES = 256 };

struct podium_crash_state {
    volatile sig_atomic_t armed;
    int saved_modes;               // 1 when modes holds the terminal's modes
    struct termios modes;
    int tty_fd;                    // the terminal whose modes are put back
    int out_fd;                    // where the sequences are written
    char leave[PODIUM_CRASH_BYTES];
    size_t leave_length;
    int signals[PODIUM_CRASH_SIGNALS];
    struct sigaction previous[PODIUM_CRASH_SIGNALS];
    int installed;
};

static inline struct podium_crash_state *podium_crash(void) {
    static struct podium_crash_state state;  // zeroed; filled by save_modes and arm
    return &state;
}

/// Saves the terminal's modes (call before curses changes them). Returns 0, or -1.
static inline int podium_crash_save_modes(int tty_fd) {
    struct podium_crash_state *state = podium_crash();
    if (tcgetattr(tty_fd, &state->modes) != 0) return -1;
    state->tty_fd = tty_fd;
    state->saved_modes = 1;
    return 0;
}

/// Appends a terminfo string capability (after setupterm/newterm), without its padding
/// ("$<5>", which only tputs understands).
static inline void podium_crash_add_capability(const char *name) {
    struct podium_crash_state *state = podium_crash();
    const char *value = tigetstr(name);
    if (value == NULL || value == (const char *)-1) return;
    for (const char *p = value; *p != '\0'; p++) {
        if (p[0] == '$' && p[1] == '<') {
            const char *end = strchr(p, '>');
            if (end != NULL) { p = end; continue; }
        }
        if (state->leave_length + 1 >= PODIUM_CRASH_BYTES) return;
        state->leave[state->leave_length++] = *p;
    }
}

static inline void podium_crash_handler(int sig, siginfo_t *info, void *context) {
    int saved_errno = errno;
    struct podium_crash_state *state = podium_crash();
    if (state->armed) {
        state->armed = 0;
        if (state->saved_modes) tcsetattr(state->tty_fd, TCSANOW, &state->modes);
        size_t done = 0;
        while (done < state->leave_length) {
            ssize_t wrote = write(state->out_fd, state->leave + done, state->leave_length - done);
            if (wrote <= 0) { if (wrote < 0 && errno == EINTR) continue; break; }
            done += (size_t)wrote;
        }
    }
    // What handled the signal before (the Swift runtime's backtracer prints its report now,
    // on the normal screen), then the default action: the process ends by the signal even
    // when that handler returns, as the backtracer does for a signal sent with kill.
    for (int i = 0; i < PODIUM_CRASH_SIGNALS; i++) {
        if (state->signals[i] != sig) continue;
        struct sigaction previous = state->previous[i];
        if (previous.sa_flags & SA_SIGINFO) {
            if (previous.sa_sigaction != NULL) previous.sa_sigaction(sig, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            previous.sa_handler(sig);
        }
    }
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    // Blocked while this handler runs: it arrives, with the default action, once it returns.
    raise(sig);
    errno = saved_errno;
}

/// Installs the handler for the five crash signals (once), with an alternate stack so that a
/// stack overflow can run it. Returns 0, or -1 with errno.
static inline int podium_crash_arm(int out_fd) {
    struct podium_crash_state *state = podium_crash();
    state->out_fd = out_fd;
    if (!state->installed) {
        const int signals[PODIUM_CRASH_SIGNALS] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
        memcpy(state->signals, signals, sizeof signals);
        stack_t current;
        if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
            static char alternate[64 * 1024];
            stack_t stack;
            stack.ss_sp = alternate;
            stack.ss_size = sizeof alternate;
            stack.ss_flags = 0;
            sigaltstack(&stack, NULL);
        }
        for (int i = 0; i < PODIUM_CRASH_SIGNALS; i++) {
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_sigaction = podium_crash_handler;
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_SIGINFO | SA_ONSTACK;
            if (sigaction(state->signals[i], &action, &state->previous[i]) != 0) return -1;
        }
        state->installed = 1;
    }
    state->armed = 1;
    return 0;
}

/// Takes the handler away (the terminal was restored the ordinary way) and gives each signal
/// back its previous action.
static inline void podium_crash_disarm(void) {
    struct podium_crash_state *state = podium_crash();
    state->armed = 0;
    if (!state->installed) return;
    for (int i = 0; i < PODIUM_CRASH_SIGNALS; i++) {
        sigaction(state->signals[i], &state->previous[i], NULL);
    }
    state->installed = 0;
    state->leave_length = 0;
    state->saved_modes = 0;
}
#endif
