package cn.anxing;

/** {@code serve}: starts the server. */
final class ServeCommand {

    private ServeCommand() {
    }

    static int run(String[] args) {
        throw new UnsupportedOperationException("serve: being built");
    }
}
