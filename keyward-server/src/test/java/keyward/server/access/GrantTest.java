package keyward.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import keyward.kmip.spec.Operation;
import org.junit.jupiter.api.Test;

/** The grant value PRINCIPAL:RIGHTS and how principals cover identities. */
class GrantTest {

  @Test
  void rightsAreOperationNamesOrReadOrAll() throws Exception {
    Grant g = Grant.parse("bob:Get, get attributes,GetAttributeList");
    assertThat(g.principal()).isEqualTo("bob");
    assertThat(g.rights()).containsExactlyInAnyOrder(Operation.GET, Operation.GET_ATTRIBUTES,
        Operation.GET_ATTRIBUTE_LIST);
    assertThat(Grant.parse("group:ops:read").rights()).isEqualTo(Grant.READ);
    assertThat(Grant.parse("x:all").rights()).contains(Operation.DESTROY, Operation.LOCATE, Operation.RE_KEY);
  }

  @Test
  void thePrincipalIsEverythingBeforeTheLastColon() throws Exception {
    assertThat(Grant.parse("urn:example:app-1:Get").principal()).isEqualTo("urn:example:app-1");
    assertThat(Grant.parse("CN=bob,O=Example:Locate").principal()).isEqualTo("CN=bob,O=Example");
    assertThat(Grant.parse("group:ops:Get").principal()).isEqualTo("group:ops");
  }

  @Test
  void malformedGrantsAreRefusedWithTheirReason() {
    assertThatThrownBy(() -> Grant.parse("bob")).hasMessageContaining("PRINCIPAL:RIGHTS");
    assertThatThrownBy(() -> Grant.parse(":Get")).hasMessageContaining("PRINCIPAL:RIGHTS");
    assertThatThrownBy(() -> Grant.parse("bob:")).hasMessageContaining("PRINCIPAL:RIGHTS");
    assertThatThrownBy(() -> Grant.parse("group::Get")).hasMessageContaining("group:NAME");
    assertThatThrownBy(() -> Grant.parse("group:Get")).hasMessageContaining("group:NAME");
    assertThatThrownBy(() -> Grant.parse("bob:Get,Fly")).hasMessageContaining("'Fly'");
  }

  @Test
  void anIdentityIsCoveredByItselfAndItsGroups() {
    AccessPolicy p = new AccessPolicy(Set.of("root"), Map.of("carol", Set.of("ops")));
    assertThat(p.principals("carol")).containsExactly("carol", "group:ops");
    assertThat(p.principals("dave")).containsExactly("dave");
    assertThat(p.isAdmin("root")).isTrue();
    assertThat(p.isAdmin("carol")).isFalse();
  }
}
