package cn.anxing.app;

/** The server cannot start for a reason an operator can fix; the message says how. */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }
}
