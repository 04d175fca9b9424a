package cn.anxing.bus.solver;

/** {@code sbrp}: solves one Schittekat benchmark instance and prints one JSON line. */
public final class SbrpCommand {

    private SbrpCommand() {
    }

    public static int run(String[] args) {
        throw new UnsupportedOperationException("sbrp: being built");
    }
}
