import Foundation

/// Deletes the lab's store data when the REPL is ended by SIGTERM or
/// SIGHUP (a closed terminal), which would otherwise skip `Session.close`
/// and leave a SQLite folder in the temporary directory or keys in Redis
/// with no expiry.
///
/// The signals are taken from their default action and handled on a
/// dispatch queue, where any code may run, unlike in a signal handler.
/// The handler deletes the data of the world current at that moment, puts
/// the terminal back as it was at start, and exits with 128 + the signal.
public final class TerminationCleanup: @unchecked Sendable {
    private let lock = NSLock()
    private var discard: @Sendable () -> Void = {}
    private var sources: [any DispatchSourceSignal] = []
    private var savedTerminal: termios?

    public init() {}

    /// Sets what to delete, replacing the previous world's deletion.
    public func track(_ discard: @escaping @Sendable () -> Void) {
        lock.withLock { self.discard = discard }
    }

    /// Starts handling SIGTERM and SIGHUP. Call once, after the session
    /// exists and before reading input.
    public func install() {
        // The terminal's settings before libedit changes them, restored on
        // the way out so the shell is usable after a SIGTERM.
        var settings = termios()
        if isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &settings) == 0 {
            savedTerminal = settings
        }

        // A parent may start the REPL with these signals blocked, as it may
        // SIGINT (see EditLineSource), and a blocked signal never arrives.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGTERM)
        sigaddset(&unblock, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)

        for signalNumber in [SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in finish(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    private func finish(_ signalNumber: Int32) -> Never {
        let discard = lock.withLock { self.discard }
        discard()
        if var settings = savedTerminal {
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        }
        exit(128 + signalNumber)
    }
}
