package keyward.kmip.bind;

import java.lang.invoke.MethodHandle;
import keyward.kmip.spec.KmipVersion;

/** One record component seen as a KMIP field. */
record FieldModel(
    String xmlName,
    int tag,
    boolean list,
    boolean required,
    Class<?> rawType,
    KmipVersion since,
    KmipVersion until,
    Converter converter,
    MethodHandle accessor) {

  boolean definedIn(KmipVersion v) {
    return v.compareTo(since) >= 0 && v.compareTo(until) <= 0;
  }

  boolean primitive() {
    return rawType.isPrimitive();
  }

  Object primitiveDefault() {
    if (rawType == boolean.class) {
      return false;
    }
    if (rawType == long.class) {
      return 0L;
    }
    return 0;
  }

  Object get(Record r) {
    try {
      return accessor.invoke(r);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot read " + xmlName, t);
    }
  }
}
