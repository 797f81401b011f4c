package keyward.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import keyward.server.auth.PasswordHash;
import keyward.server.auth.UserFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `keyward user add|remove|list`: the users a server accepts in Username and Password
 * credentials. Works on the users file directly (the server re-reads it when it changes).
 */
@Command(name = "user", description = "Manage users for Username and Password credentials.",
    subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.List.class},
    mixinStandardHelpOptions = true)
public final class UserCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Where the users file is: the server's defaults. */
  static final class FileOptions {
    @Option(names = "--data-dir", description = "The server's data directory (default ./keyward-data).")
    Path dataDir = Path.of("keyward-data");

    @Option(names = "--users-file", description = "The users file (default DATA_DIR/users).")
    Path usersFile;

    Path file() {
      return usersFile != null ? usersFile : dataDir.resolve("users");
    }
  }

  @Command(name = "add", description = "Add a user, or set a user's password.", mixinStandardHelpOptions = true)
  static final class Add implements Callable<Integer> {
    @Mixin FileOptions where;

    @Parameters(paramLabel = "NAME", description = "User name; requests with this credential act as NAME.")
    String name;

    @Option(names = "--password-file", description = "Read the password from the first line of FILE "
        + "(default: asked at the terminal, or the first line of standard input).")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
      char[] password = password();
      try {
        if (password.length == 0) {
          throw new IllegalArgumentException("empty password");
        }
        Path file = where.file();
        UserFile users = UserFile.read(file);
        boolean existed = users.get(name) != null;
        users.with(name, PasswordHash.of(password, PasswordHash.DEFAULT_ITERATIONS)).write(file);
        System.out.println((existed ? "password changed for " : "added user ") + name + " in " + file);
        return 0;
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    private char[] password() throws IOException {
      if (passwordFile != null) {
        try (BufferedReader r = Files.newBufferedReader(passwordFile, StandardCharsets.UTF_8)) {
          String line = r.readLine();
          return line == null ? new char[0] : line.toCharArray();
        }
      }
      Console console = System.console();
      if (console != null && console.isTerminal()) {
        char[] first = console.readPassword("Password for %s: ", name);
        char[] again = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, again)) {
          throw new IllegalArgumentException("the passwords differ");
        }
        return first;
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.toCharArray();
    }
  }

  @Command(name = "remove", description = "Remove a user.", mixinStandardHelpOptions = true)
  static final class Remove implements Callable<Integer> {
    @Mixin FileOptions where;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws IOException {
      Path file = where.file();
      UserFile users = UserFile.read(file);
      if (users.get(name) == null) {
        throw new IllegalArgumentException("no user " + name + " in " + file);
      }
      users.without(name).write(file);
      System.out.println("removed user " + name + " from " + file);
      return 0;
    }
  }

  @Command(name = "list", description = "List the users.", mixinStandardHelpOptions = true)
  static final class List implements Callable<Integer> {
    @Mixin FileOptions where;

    @Override
    public Integer call() throws IOException {
      UserFile.read(where.file()).names().forEach(System.out::println);
      return 0;
    }
  }
}
