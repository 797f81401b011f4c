package keyward.app.client;

import static keyward.kmip.spec.CryptographicUsageMask.ENCRYPT;
import static keyward.kmip.spec.CryptographicUsageMask.SIGN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.client.Lease;
import keyward.kmip.spec.AdjustmentType;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.UsageLimitsUnit;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The operations beyond the basic lifecycle (Check, Re-key, Obtain Lease, Get Usage Allocation,
 * Modify and Adjust Attribute, Secret Data and Opaque Objects) against the in-process server,
 * in 1.4 (Template-Attribute shapes, 1.x Result Reasons) and 2.1.
 */
class KmipClientOperationsTest {
  @RegisterExtension static final TestServer server = new TestServer();

  static boolean v2(KmipVersion v) {
    return v.atLeast(KmipVersion.V2_0);
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void checkAcceptsAPermittedUsageAndRefusesAnother(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 128).usage(ENCRYPT).execute();
      c.check(id, List.of(ENCRYPT), null, null);
      // 2.x: Incompatible Cryptographic Usage Mask (BL-M-3-21); 1.x: Permission Denied
      assertThatThrownBy(() -> c.check(id, List.of(SIGN), null, null))
          .isInstanceOfSatisfying(KmipClientException.class, e -> assertThat(e.resultReason()).isEqualTo(
              v2(v) ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void leaseIsGrantedForAnActiveKeyOnly(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 128).execute();
      assertThatThrownBy(() -> c.obtainLease(id)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(
              v2(v) ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED));
      c.activate(id);
      Lease lease = c.obtainLease(id);
      assertThat(lease.uniqueIdentifier()).isEqualTo(id);
      assertThat(lease.leaseTime()).isPositive();
      assertThat(lease.lastChangeDate()).isBefore(Instant.now().plusSeconds(5));
      c.check(id, List.of(), null, lease.leaseTime());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void usageAllocationTakesFromTheUsageLimitsCount(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      Item limits = new Item.Structure(Tag.USAGE_LIMITS,
          new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, 10),
          new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, 10),
          new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, UsageLimitsUnit.OBJECT.value()));
      String id = c.createSymmetricKey("AES", 128).usage(ENCRYPT).attribute(limits).activate().execute();
      c.getUsageAllocation(id, 4);
      assertThat(c.getAttributes(id, "Usage Limits").display().get("Usage Limits"))
          .contains("Usage Limits Count=6");
      assertThatThrownBy(() -> c.getUsageAllocation(id, 7)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(
              v2(v) ? ResultReason.USAGE_LIMIT_EXCEEDED : ResultReason.PERMISSION_DENIED));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void reKeyMakesALinkedReplacementThatTakesTheName(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String name = "rekey-" + v;
      String old = c.createSymmetricKey("AES", 256).name(name).activate().execute();
      String replacement = c.reKey(old, Duration.ofDays(1));
      assertThat(replacement).isNotEqualTo(old);
      var attributes = c.getAttributes(replacement).display();
      assertThat(attributes).containsEntry("Name", name).containsEntry("State", "Pre-Active")
          .containsEntry("Cryptographic Length", "256");
      // with an Offset the replacement activates that long from now (TC-92)
      Instant activation = Instant.parse(attributes.get("Activation Date"));
      assertThat(activation).isBetween(Instant.now().plus(Duration.ofDays(1)).minusSeconds(60),
          Instant.now().plus(Duration.ofDays(1)).plusSeconds(60));
      assertThat(c.getAttributes(old).display()).doesNotContainKey("Name");
      assertThat(c.locate().name(name).execute()).containsExactly(replacement);
      assertThat(c.get(replacement)).hasSize(32).isNotEqualTo(c.get(old));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void modifyAttributeReplacesAnExistingValueOnly(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      String id = c.createSymmetricKey("AES", 128).execute();
      assertThatThrownBy(() -> c.modifyAttribute(id, AttributeValues.parse("x-team", "b")))
          .isInstanceOf(KmipClientException.class);
      c.addAttribute(id, AttributeValues.parse("x-team", "a"));
      c.modifyAttribute(id, AttributeValues.parse("x-team", "b"));
      assertThat(c.getAttributes(id, "x-team").display()).containsEntry("x-team", "b");
    }
  }

  @Test
  void modifyAttributeNamesTheValueToReplaceIn2x() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      String id = c.createSymmetricKey("AES", 128).name("m-one").name("m-two").execute();
      c.modifyAttribute(id, AttributeValues.name("m-two"), AttributeValues.name("m-three"));
      assertThat(c.getAttributes(id, "Name").display()).containsEntry("Name", "m-one, m-three");
      c.deleteAttribute(id, AttributeValues.name("m-one"));
      assertThat(c.getAttributes(id, "Name").display()).containsEntry("Name", "m-three");
    }
  }

  @Test
  void adjustAttributeMovesADateIn2x() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      String id = c.createSymmetricKey("AES", 128).execute();
      Instant at = Instant.parse("2030-01-01T00:00:00Z");
      c.setAttribute(id, AttributeValues.parse("Activation Date", at.toString()));
      c.adjustAttribute(id, "Activation Date", AdjustmentType.INCREMENT, 3600L);
      assertThat(c.getAttributes(id, "Activation Date").display())
          .containsEntry("Activation Date", at.plusSeconds(3600).toString());
      assertThatThrownBy(() -> c.adjustAttribute(id, "Activation Date", AdjustmentType.NEGATE, null))
          .isInstanceOfSatisfying(KmipClientException.class,
              e -> assertThat(e.resultReason()).isEqualTo(ResultReason.INVALID_FIELD));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void opaqueObjectsAndSecretData(KmipVersion v) throws Exception {
    try (KmipClient c = server.client(v)) {
      byte[] blob = "opaque \u0000 bytes".getBytes(StandardCharsets.UTF_8);
      String oid = c.registerOpaqueObject(0x80000001, blob).name("blob-" + v).execute();
      assertThat(c.get(oid)).isEqualTo(blob);
      assertThat(c.getObject(oid).first(Tag.OBJECT_TYPE))
          .contains(new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.OPAQUE_OBJECT.value()));
      if (v2(v)) {
        String sid = c.createSecretData(256).execute();
        assertThat(c.get(sid)).hasSize(32);
      } else {
        // KMIP 1.x Create makes symmetric keys only
        assertThatThrownBy(() -> c.createSecretData(256).execute()).isInstanceOf(KmipClientException.class);
      }
    }
  }

  @Test
  void getInATransparentFormatHoldsTheSameKey() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      String id = c.createSymmetricKey("AES", 128).execute();
      Item.Structure payload = c.getObject(id, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
      Item.Structure block = (Item.Structure) ((Item.Structure) payload.first(Tag.SYMMETRIC_KEY).orElseThrow())
          .first(Tag.KEY_BLOCK).orElseThrow();
      assertThat(block.first(Tag.KEY_FORMAT_TYPE)).contains(
          new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY.value()));
      Item.Structure material = (Item.Structure) ((Item.Structure) block.first(Tag.KEY_VALUE).orElseThrow())
          .first(Tag.KEY_MATERIAL).orElseThrow();
      assertThat(((Item.ByteString) material.first(Tag.KEY).orElseThrow()).value()).isEqualTo(c.get(id));
    }
  }
}
