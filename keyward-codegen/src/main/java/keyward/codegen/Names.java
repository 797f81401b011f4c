package keyward.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Name conversions: spec text to the normalised XML/JSON name, and to Java identifiers.
 *
 * <p>keyward-kmip's {@code SpecRegistry.xmlName} implements the same rule at run time (it cannot
 * depend on this build-time module); a test there checks both agree on every row of the tables.
 */
public final class Names {
  private Names() {}

  /**
   * The name the XML and JSON encodings use for a tag, type or enumeration value: KMIP Additional
   * Message Encodings v1.0 §6.1.3. Steps, in order:
   *
   * <ol>
   *   <li>round brackets become spaces;
   *   <li>a non-word character (not a letter, digit or underscore) followed by a letter and then a
   *       lower-case letter becomes a space ("Re-key" → "Re key");
   *   <li>every other non-word character except white space becomes an underscore ("PKCS#11" →
   *       "PKCS_11");
   *   <li>digits at the start of the first word move to the end of that word ("3DES" → "DES3");
   *   <li>each word's first letter is capitalised, and the words are joined without spaces.
   * </ol>
   */
  public static String xmlName(String specName) {
    String s = specName.strip();
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      if (ch == '(' || ch == ')') {
        c[i] = ' ';
      } else if (!isWordChar(ch) && !Character.isWhitespace(ch)) {
        boolean beforeWord =
            i + 2 < c.length && isAsciiLetter(c[i + 1]) && c[i + 2] >= 'a' && c[i + 2] <= 'z';
        c[i] = beforeWord ? ' ' : '_';
      }
    }
    StringBuilder out = new StringBuilder(c.length);
    boolean first = true;
    for (String word : new String(c).split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (first) {
        word = moveLeadingDigits(word);
        first = false;
      }
      out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
    }
    return out.toString();
  }

  /**
   * A Java constant name for spec text: runs of letters and digits, upper-cased and joined with
   * underscores ("Create Key Pair" → CREATE_KEY_PAIR, "SHA3-224" → SHA3_224). Leading digits move
   * to the end of the first word as in {@link #xmlName} ("3DES" → DES3); a name that would still
   * start with a digit gets the prefix "V_". Returns "" for text without letters or digits.
   */
  public static String upperSnake(String specName) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i <= specName.length(); i++) {
      char ch = i < specName.length() ? specName.charAt(i) : ' ';
      if (isAsciiLetter(ch) || (ch >= '0' && ch <= '9')) {
        w.append(Character.toUpperCase(ch));
      } else if (!w.isEmpty()) {
        words.add(w.toString());
        w.setLength(0);
      }
    }
    if (words.isEmpty()) {
      return "";
    }
    words.set(0, moveLeadingDigits(words.get(0)));
    String name = String.join("_", words);
    return Character.isDigit(name.charAt(0)) ? "V_" + name : name;
  }

  /** A Java class name for an enumeration: its XML name, which is already an identifier. */
  public static String className(String enumerationName) {
    String name = xmlName(enumerationName);
    if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      throw new IllegalArgumentException("no class name for enumeration '" + enumerationName + "'");
    }
    return name;
  }

  private static String moveLeadingDigits(String word) {
    int n = 0;
    while (n < word.length() && Character.isDigit(word.charAt(n))) {
      n++;
    }
    return n == 0 ? word : word.substring(n) + word.substring(0, n);
  }

  private static boolean isWordChar(char ch) {
    return isAsciiLetter(ch) || (ch >= '0' && ch <= '9') || ch == '_';
  }

  private static boolean isAsciiLetter(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  }
}
