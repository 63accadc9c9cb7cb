// libedit's readline-compatible interface. Its native el_set() is variadic,
// which Swift cannot call, and the readline names cover line editing,
// history and completion.
#include <stdio.h>
#include <editline/readline.h>
