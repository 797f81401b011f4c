package keyward.kmip.bind;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.TagInfo;

/** The reflected shape of a record type, built once per class and cached. */
final class RecordModel {

  private static final ConcurrentHashMap<Class<?>, RecordModel> CACHE = new ConcurrentHashMap<>();

  private final String name;
  private final List<FieldModel> fields;
  private final Map<Integer, Integer> indexByTag;
  private final MethodHandle constructor;

  private RecordModel(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.name = type.getSimpleName();
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    RecordComponent[] components = type.getRecordComponents();
    List<FieldModel> fs = new ArrayList<>(components.length);
    Map<Integer, Integer> byTag = new HashMap<>();
    Class<?>[] ctorTypes = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        ctorTypes[i] = c.getType();
        FieldModel f = field(type, c, lookup);
        if (byTag.put(f.tag(), i) != null) {
          throw new IllegalArgumentException(type + ": two fields with tag " + f.xmlName());
        }
        fs.add(f);
      }
      this.constructor = lookup.findConstructor(
          type, java.lang.invoke.MethodType.methodType(void.class, ctorTypes));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot bind " + type, e);
    }
    this.fields = List.copyOf(fs);
    this.indexByTag = Map.copyOf(byTag);
  }

  private static FieldModel field(Class<?> owner, RecordComponent c, MethodHandles.Lookup lookup)
      throws ReflectiveOperationException {
    KmipTag explicit = c.getAnnotation(KmipTag.class);
    String xmlName =
        explicit != null
            ? explicit.value()
            : Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1);
    TagInfo info = SpecRegistry.tagByXmlName(xmlName);
    if (info == null) {
      throw new IllegalArgumentException(owner + "." + c.getName() + ": no KMIP tag " + xmlName);
    }
    boolean list = c.getType() == List.class;
    Class<?> elementType = list ? listElement(owner, c) : c.getType();
    Since since = c.getAnnotation(Since.class);
    Until until = c.getAnnotation(Until.class);
    MethodHandle accessor = lookup.unreflect(c.getAccessor());
    return new FieldModel(
        xmlName,
        info.tag(),
        list,
        c.getType().isPrimitive() || c.isAnnotationPresent(Required.class),
        c.getType(),
        since == null ? KmipVersion.V1_0 : KmipVersion.parse(since.value()),
        until == null ? KmipVersion.values()[KmipVersion.values().length - 1] : KmipVersion.parse(until.value()),
        Converter.forType(elementType),
        accessor);
  }

  private static Class<?> listElement(Class<?> owner, RecordComponent c) {
    Type g = c.getGenericType();
    if (g instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
      return e;
    }
    throw new IllegalArgumentException(owner + "." + c.getName() + ": list needs a concrete element type");
  }

  static RecordModel of(Class<?> type) {
    return CACHE.computeIfAbsent(type, RecordModel::new);
  }

  String name() {
    return name;
  }

  List<FieldModel> fields() {
    return fields;
  }

  int indexOf(int tag) {
    Integer i = indexByTag.get(tag);
    return i == null ? -1 : i;
  }

  Object construct(Object[] args) {
    try {
      return constructor.invokeWithArguments(args);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot construct " + name, t);
    }
  }
}
