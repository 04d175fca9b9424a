package cn.anxing;

import java.util.Arrays;

/**
 * The one entry point of {@code anxing.jar}. The first argument names a subcommand; none means
 * {@code serve}.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar anxing.jar [COMMAND] [OPTIONS]

            Commands:
              serve          start the server (the default)
              create-admin   create the first admin account: --username NAME --password PASSWORD
              sbrp           solve one school-bus benchmark instance:
                             --instance FILE --seconds S [--seed N]
              --help         show this text

            Configuration is read from the environment (see README.md).
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        int exit = switch (command) {
            case "serve" -> ServeCommand.run(rest);
            case "create-admin" -> CreateAdminCommand.run(rest);
            case "sbrp" -> cn.anxing.bus.solver.SbrpCommand.run(rest);
            case "--help", "-h", "help" -> {
                System.out.print(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("Unknown command: " + command);
                System.err.print(USAGE);
                yield 2;
            }
        };
        if (exit != Integer.MIN_VALUE) {
            System.exit(exit);
        }
    }
}
