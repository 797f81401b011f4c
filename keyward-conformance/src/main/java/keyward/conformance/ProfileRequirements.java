package keyward.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.Stream;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;

/**
 * What a profile requires a server to list in a Query answer, for the permitted variation "Query
 * output: ... Object/Operation types beyond those the profile requires" (kmip-testcases/README.md,
 * "Comparing responses"): the operations that the profile's mandatory test cases of that version
 * send, and the object types they create or register. A server claiming the profile must pass those
 * cases, so it must perform these; the reference server's longer lists are not requirements.
 *
 * @param operations operations the Query Operations answer must list
 * @param objectTypes object types the Query Objects answer must list
 * @param performed the operations the server performs (its dispatch table) when known, else null:
 *     a Query answer must not list an operation outside it
 */
public record ProfileRequirements(Set<Operation> operations, Set<ObjectType> objectTypes, Set<Operation> performed) {
  private static final Set<Operation> MAKERS = EnumSet.of(Operation.CREATE, Operation.REGISTER,
      Operation.CREATE_KEY_PAIR, Operation.DERIVE_KEY);

  public ProfileRequirements {
    operations = Collections.unmodifiableSet(operations.isEmpty() ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(operations));
    objectTypes = Collections.unmodifiableSet(objectTypes.isEmpty() ? EnumSet.noneOf(ObjectType.class) : EnumSet.copyOf(objectTypes));
    performed = performed == null ? null : Set.copyOf(performed);
  }

  public ProfileRequirements withPerformed(Set<Operation> ops) {
    return new ProfileRequirements(operations, objectTypes, ops);
  }

  private static final Map<String, ProfileRequirements> CACHE = new ConcurrentHashMap<>();

  /** The requirements of the profile a file belongs to, from the mandatory files beside it. */
  public static ProfileRequirements of(Path casesDir, String version, String profile) throws IOException {
    String key = casesDir.toAbsolutePath().normalize() + "|" + version + "|" + profile;
    ProfileRequirements known = CACHE.get(key);
    if (known == null) {
      known = read(casesDir, version, profile);
      CACHE.put(key, known);
    }
    return known;
  }

  private static ProfileRequirements read(Path casesDir, String version, String profile) throws IOException {
    Set<Operation> ops = EnumSet.noneOf(Operation.class);
    Set<ObjectType> types = EnumSet.noneOf(ObjectType.class);
    for (Path f : mandatoryFiles(casesDir, version, profile)) {
      for (TestCaseFile.Step step : TestCaseFile.read(f).steps()) {
        for (XmlNode bi : step.request().children()) {
          if (bi.element().equals("BatchItem")) {
            collect(bi, ops, types);
          }
        }
      }
    }
    return new ProfileRequirements(ops, types, null);
  }

  /**
   * The profile's mandatory files of the version. For the HTML-era versions (1.0–1.2) they are the
   * -M- files among {@link TestCases#find}'s; the KMIP Test Cases (TC) are no profile and have no
   * mandatory/optional split, so for them it is every Test Cases file of the version: what that
   * document has a server perform.
   */
  private static List<Path> mandatoryFiles(Path casesDir, String version, String profile) throws IOException {
    if (TestCases.HTML_ERA.contains(version)) {
      return TestCases.find(casesDir, List.of(version), List.of(profile)).stream()
          .filter(p -> profile.equals("TC") || p.getFileName().toString().replace('_', '-').contains("-M-"))
          .toList();
    }
    Path mandatory = casesDir.resolve(version).resolve("profiles").resolve("mandatory");
    try (Stream<Path> s = Files.list(mandatory)) {
      return s.filter(p -> profile.equals(TestCases.profileOf(p.getFileName().toString()))).sorted().toList();
    }
  }

  private static void collect(XmlNode batchItem, Set<Operation> ops, Set<ObjectType> types) {
    Operation op = null;
    for (XmlNode c : batchItem.children()) {
      if (c.element().equals("Operation")) {
        op = byXmlName(Operation.values(), c.value());
        if (op != null) {
          ops.add(op);
        }
      }
    }
    if (op == null || !MAKERS.contains(op)) {
      return;
    }
    for (XmlNode c : batchItem.children()) {
      if (c.element().equals("RequestPayload")) {
        for (XmlNode p : c.children()) {
          if (p.element().equals("ObjectType")) {
            ObjectType t = byXmlName(ObjectType.values(), p.value());
            if (t != null) {
              types.add(t);
            }
          }
        }
      }
    }
    if (op == Operation.CREATE_KEY_PAIR) {
      types.add(ObjectType.PUBLIC_KEY);
      types.add(ObjectType.PRIVATE_KEY);
    }
  }

  private static <E extends keyward.kmip.spec.KmipEnum> E byXmlName(E[] values, String xmlName) {
    for (E e : values) {
      if (e.xmlName().equals(xmlName)) {
        return e;
      }
    }
    return null;
  }
}
