package keyward.kmip.spec;

/** One value of an enumeration or one bit of a mask, as data (the registry's view). */
public record EnumValue(int value, String name, String xmlName, KmipVersion since, KmipVersion until)
    implements KmipEnum {
  @Override
  public String specName() {
    return name;
  }
}
