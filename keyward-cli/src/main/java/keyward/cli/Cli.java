package keyward.cli;

import java.io.PrintWriter;
import keyward.client.KmipClientException;
import keyward.client.KmipTransportException;
import picocli.CommandLine;

/**
 * Exit codes and error messages of the client commands: 0 ok, 1 the server answered with a KMIP
 * failure (its Result Reason is printed), 2 usage error, 3 connection or TLS problem.
 */
public final class Cli {
  public static final int KMIP_FAILURE = 1;
  public static final int USAGE = 2;
  public static final int CONNECTION = 3;

  /** The client commands, to be added as subcommands of a program. */
  public static final Class<?>[] COMMANDS = {
      KeyCommand.class, SecretCommand.class, OpaqueCommand.class, CertCommand.class, AttrCommand.class,
      AccessCommand.class, QueryCommand.class, VersionsCommand.class,
      PingCommand.class, BenchCommand.class, KeyPairCommand.class, CryptoCommand.class, HashCommand.class,
      RngCommand.class, AsyncCommands.Poll.class, AsyncCommands.Cancel.class};

  private Cli() {}

  /** Installs the exit-code mapping on a command line (and its subcommands). */
  public static CommandLine configure(CommandLine cl) {
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      int code = switch (e) {
        case KmipClientException k when k.resultReason() != null -> {
          err.println("error: " + k.getMessage());
          err.println("  Result Reason: " + k.resultReason().specName());
          yield KMIP_FAILURE;
        }
        case KmipClientException k -> {
          err.println("error: " + k.getMessage());
          yield KMIP_FAILURE;
        }
        case KmipTransportException t -> {
          err.println("error: " + t.getMessage());
          err.println("  Is the server running (./keyward serve) and are --server, --ca and the client"
              + " certificate right?");
          yield CONNECTION;
        }
        case TlsSetupException t -> {
          err.println("error: " + t.getMessage());
          yield CONNECTION;
        }
        case UsageException u -> {
          err.println("error: " + u.getMessage());
          yield USAGE;
        }
        case IllegalArgumentException u -> {
          err.println("error: " + u.getMessage());
          yield USAGE;
        }
        default -> throw e;
      };
      err.flush();
      return code;
    });
    return cl;
  }
}
