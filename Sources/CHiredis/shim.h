// The parts of hiredis (0.14 or later) that TokenLab calls: blocking TCP
// connections with a timeout, commands as argument vectors, pipelined
// replies and the reply tree. The target names no pkg-config file:
// hiredis.pc adds -D_FILE_OFFSET_BITS=64, which SwiftPM rejects with a
// warning, and Debian puts the header under the default include path.
#include <hiredis/hiredis.h>
