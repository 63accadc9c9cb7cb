// A thin shim over libmicrohttpd for the calls Swift cannot make.
//
// MHD_start_daemon() and MHD_get_daemon_info() are variadic, and Swift does
// not import variadic C functions. Each shim here fixes one set of options
// and forwards to the real call. Everything else in microhttpd.h is called
// from Swift directly. The shims can go when libmicrohttpd 2's non-variadic
// API is what Debian ships.
#ifndef TOKENLAB_CMICROHTTPD_H
#define TOKENLAB_CMICROHTTPD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// Starts a daemon that listens on one address and serves each request
/// from an internal thread pool.
///
/// - host: an IPv4 address such as "127.0.0.1" or an IPv6 address such as
///   "::1", without brackets. A host that inet_pton() rejects for both
///   families makes the call fail with errno EINVAL.
/// - port: 0 asks the kernel for an ephemeral port (read it back with
///   tl_mhd_bound_port()).
/// - thread_pool_size: worker threads, at least 1.
/// - connection_timeout_seconds: idle connections are closed after this.
/// - connection_memory_limit: bytes of per-connection buffer space; it caps
///   the size of the request headers MHD accepts.
///
/// Returns NULL when the address is invalid or the daemon cannot start
/// (the port is taken, for example); errno then says why.
struct MHD_Daemon *tl_mhd_start(const char *host,
                                uint16_t port,
                                unsigned int thread_pool_size,
                                unsigned int connection_timeout_seconds,
                                size_t connection_memory_limit,
                                MHD_AccessHandlerCallback handler,
                                void *handler_context,
                                MHD_RequestCompletedCallback completed,
                                void *completed_context);

/// Returns the port a running daemon is bound to, or 0 if MHD cannot say.
uint16_t tl_mhd_bound_port(struct MHD_Daemon *daemon);

#endif
