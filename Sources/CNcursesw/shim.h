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
#endif
