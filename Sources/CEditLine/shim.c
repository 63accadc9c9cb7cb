#include "CEditLine.h"

void tl_edit_disable_signal_handling(void)
{
    rl_catch_signals = 0;
}

void tl_edit_set_completion_hook(rl_completion_func_t *hook)
{
    rl_attempted_completion_function = hook;
}

void tl_edit_suppress_default_completion(void)
{
    rl_attempted_completion_over = 1;
}

const char *tl_edit_line_buffer(void)
{
    return rl_line_buffer;
}
