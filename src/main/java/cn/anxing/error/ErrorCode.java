package cn.anxing.error;

/**
 * A stable error code a client can branch on, with the HTTP status it is answered with. Each
 * feature keeps its codes in one enum implementing this interface, so the codes and their
 * statuses are listed in one place per feature (and in the README's table).
 */
public interface ErrorCode {

    /** The code as clients see it, e.g. {@code VERSION_CONFLICT}. */
    String name();

    /** The HTTP status of the answer: a 4xx for the client's mistakes, 503 while not ready. */
    int status();
}
