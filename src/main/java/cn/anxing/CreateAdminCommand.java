package cn.anxing;

/** {@code create-admin}: creates the first admin account. */
final class CreateAdminCommand {

    private CreateAdminCommand() {
    }

    static int run(String[] args) {
        throw new UnsupportedOperationException("create-admin: being built");
    }
}
