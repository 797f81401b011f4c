package keyward.cli;

/** A command used wrongly or missing settings: exit code 2, with a message saying what to do. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
