// libedit's readline interface, plus setters for the few global variables
// TokenLab changes.
//
// Swift 6 rejects reads and writes of mutable C globals (they are shared
// state it cannot check), and libedit's native el_set() is variadic, which
// Swift cannot call. The functions here touch those globals from C.
#ifndef TOKENLAB_CEDITLINE_H
#define TOKENLAB_CEDITLINE_H

#include <stdio.h>
#include <editline/readline.h>

/// Stops libedit from installing its own signal handlers, which would
/// re-raise SIGINT and end the program on Ctrl-C.
void tl_edit_disable_signal_handling(void);

/// Installs `hook` as the attempted-completion function.
void tl_edit_set_completion_hook(rl_completion_func_t *hook);

/// Tells libedit not to fall back to file-name completion for this attempt.
void tl_edit_suppress_default_completion(void);

/// Returns the line being edited (not a copy; valid until the next edit).
const char *tl_edit_line_buffer(void);

#endif
