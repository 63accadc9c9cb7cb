import Foundation

/// Lets concurrent calls of one client share a single refresh.
///
/// A call that got a 401 with access token T calls the gate to refresh.
/// If a refresh that replaced T already finished, the call takes its
/// result; if one is running, the call waits for it; otherwise the call
/// sends it. So N calls that fail together cause one refresh request.
final class RefreshGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var inFlight = false
    /// The access token the last refresh replaced, and that refresh's result.
    private var last: (replaced: String?, result: Result<HTTPExchange?, TransportError>)?

    /// Runs `refresh` unless another call already did or is doing it for
    /// `sentToken`.
    ///
    /// - Returns: the refresh exchange (nil when there was nothing to
    ///   refresh with) and whether this call sent it.
    func refresh(
        replacing sentToken: String?, _ refresh: () throws(TransportError) -> HTTPExchange?
    ) throws(TransportError) -> (exchange: HTTPExchange?, sentByThisCall: Bool) {
        condition.lock()
        while true {
            if let last, last.replaced == sentToken {
                condition.unlock()
                return (try last.result.get(), false)
            }
            if !inFlight { break }
            condition.wait()
        }
        inFlight = true
        condition.unlock()

        let result: Result<HTTPExchange?, TransportError>
        do {
            result = .success(try refresh())
        } catch {
            result = .failure(error)
        }

        condition.lock()
        last = (sentToken, result)
        inFlight = false
        condition.broadcast()
        condition.unlock()
        return (try result.get(), true)
    }
}
