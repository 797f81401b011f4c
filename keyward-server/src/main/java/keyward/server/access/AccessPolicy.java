package keyward.server.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who besides an object's owner may act on it: the admins (who see and manage every object) and
 * the groups each identity belongs to (a grant to a group covers its members). Both come from
 * the server's configuration; grants themselves live on the objects (see {@link Grant}).
 *
 * @param admins identities with the admin role
 * @param groups identity to the names of its groups
 */
public record AccessPolicy(Set<String> admins, Map<String, Set<String>> groups) {

  /** No admins, no groups: every object is its owner's alone unless the owner grants. */
  public static final AccessPolicy OWNER_ONLY = new AccessPolicy(Set.of(), Map.of());

  public AccessPolicy {
    admins = Set.copyOf(admins);
    Map<String, Set<String>> copy = new java.util.HashMap<>();
    groups.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    groups = Map.copyOf(copy);
  }

  public boolean isAdmin(String identity) {
    return admins.contains(identity);
  }

  /**
   * The principals a grant may name to cover this identity: the identity itself, then {@code
   * group:NAME} for each of its groups.
   */
  public List<String> principals(String identity) {
    List<String> out = new ArrayList<>();
    out.add(identity);
    for (String g : groups.getOrDefault(identity, Set.of())) {
      out.add(Grant.GROUP_PREFIX + g);
    }
    return out;
  }
}
