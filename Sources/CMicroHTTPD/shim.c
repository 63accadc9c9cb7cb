#include "CMicroHTTPD.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

struct MHD_Daemon *tl_mhd_start(const char *host,
                                uint16_t port,
                                unsigned int thread_pool_size,
                                unsigned int connection_timeout_seconds,
                                size_t connection_memory_limit,
                                MHD_AccessHandlerCallback handler,
                                void *handler_context,
                                MHD_RequestCompletedCallback completed,
                                void *completed_context)
{
    // MHD copies the address while binding, so a stack variable is enough.
    // sockaddr_storage is large and aligned enough for either family.
    struct sockaddr_storage address;
    memset(&address, 0, sizeof(address));
    unsigned int family_flag = 0;
    struct sockaddr_in *ipv4 = (struct sockaddr_in *) &address;
    struct sockaddr_in6 *ipv6 = (struct sockaddr_in6 *) &address;
    if (inet_pton(AF_INET, host, &ipv4->sin_addr) == 1) {
        ipv4->sin_family = AF_INET;
        ipv4->sin_port = htons(port);
    } else if (inet_pton(AF_INET6, host, &ipv6->sin6_addr) == 1) {
        ipv6->sin6_family = AF_INET6;
        ipv6->sin6_port = htons(port);
        family_flag = MHD_USE_IPv6;
    } else {
        errno = EINVAL;
        return NULL;
    }
    if (thread_pool_size == 0) {
        thread_pool_size = 1;
    }

    // The Date header is suppressed because the server's clock may be a
    // virtual one, and a wall-clock Date would contradict it.
    // MHD_USE_ITC lets MHD_quiesce_daemon() stop accepting connections
    // while requests in flight finish.
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO
                       | MHD_USE_SUPPRESS_DATE_NO_CLOCK | MHD_USE_ITC | family_flag;

    return MHD_start_daemon(flags, port,
                            NULL, NULL,
                            handler, handler_context,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &address,
                            MHD_OPTION_THREAD_POOL_SIZE, thread_pool_size,
                            MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout_seconds,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, connection_memory_limit,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completed_context,
                            // 1: reject an HTTP/1.1 request without Host
                            // with 400, as RFC 9112 section 3.2 requires,
                            // and spaces inside the request target.
                            MHD_OPTION_STRICT_FOR_CLIENT, (int) 1,
                            MHD_OPTION_END);
}

uint16_t tl_mhd_bound_port(struct MHD_Daemon *daemon)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    if (info == NULL) {
        return 0;
    }
    return info->port;
}
