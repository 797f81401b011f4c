package keyward.kmip.bind;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;

/**
 * Binds typed records to and from the message tree. Each record component is a field whose tag
 * comes from its name (or {@link KmipTag}) through the spec registry; {@link Since} and
 * {@link Until} give its version range.
 *
 * <p>Encoding is strict: a field set outside its version range is a programming error and
 * throws, so nothing goes out that the negotiated version does not define. Decoding is lenient
 * about order and version (robustness for clients that send newer fields), strict about types
 * and required fields.
 */
public final class Binder {

  private Binder() {}

  /** Encodes a record as a structure with the given tag, for one protocol version. */
  public static Item.Structure toItem(Record record, int tag, KmipVersion version) {
    RecordModel model = RecordModel.of(record.getClass());
    List<Item> items = new ArrayList<>();
    for (FieldModel f : model.fields()) {
      Object value = f.get(record);
      if (value == null || (value instanceof List<?> l && l.isEmpty())) {
        if (f.required() && f.definedIn(version)) {
          throw new IllegalArgumentException(
              model.name() + "." + f.xmlName() + " is required but not set");
        }
        continue;
      }
      if (!f.definedIn(version)) {
        throw new IllegalArgumentException(
            model.name() + "." + f.xmlName() + " does not exist in KMIP " + version);
      }
      if (value instanceof List<?> list) {
        for (Object element : list) {
          items.add(f.converter().toItem(f.tag(), element, version));
        }
      } else {
        items.add(f.converter().toItem(f.tag(), value, version));
      }
    }
    return new Item.Structure(tag, items);
  }

  /** Decodes a structure into a record of the given type. */
  public static <R extends Record> R fromItem(Item item, Class<R> type, KmipVersion version)
      throws BindException {
    return fromItem(item, type, version, RecordModel.of(type).name());
  }

  static <R extends Record> R fromItem(Item item, Class<R> type, KmipVersion version, String path)
      throws BindException {
    if (!(item instanceof Item.Structure s)) {
      throw new BindException(BindException.Kind.WRONG_TYPE, path, "expected a Structure");
    }
    RecordModel model = RecordModel.of(type);
    Object[] args = new Object[model.fields().size()];
    List<List<Object>> lists = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      lists.add(model.fields().get(i).list() ? new ArrayList<>() : null);
    }
    for (Item child : s.items()) {
      int index = model.indexOf(child.tag());
      if (index < 0) {
        if (isExtensionTag(child.tag())) {
          continue; // vendor extensions the record does not model are ignored
        }
        throw new BindException(
            BindException.Kind.UNKNOWN_FIELD,
            path,
            "unexpected field " + Item.tagHex(child.tag()));
      }
      FieldModel f = model.fields().get(index);
      String childPath = path + "/" + f.xmlName();
      Object value = f.converter().fromItem(child, version, childPath);
      if (f.list()) {
        lists.get(index).add(value);
      } else if (args[index] != null) {
        throw new BindException(BindException.Kind.BAD_VALUE, childPath, "field repeated");
      } else {
        args[index] = value;
      }
    }
    for (int i = 0; i < args.length; i++) {
      FieldModel f = model.fields().get(i);
      if (f.list()) {
        args[i] = List.copyOf(lists.get(i));
      }
      boolean missing = args[i] == null || (f.list() && ((List<?>) args[i]).isEmpty());
      if (missing && f.required() && f.definedIn(version)) {
        throw new BindException(
            BindException.Kind.MISSING_FIELD, path + "/" + f.xmlName(), "required field missing");
      }
      if (args[i] == null && f.primitive()) {
        args[i] = f.primitiveDefault();
      }
    }
    try {
      return type.cast(model.construct(args));
    } catch (IllegalArgumentException e) {
      // a record's own validation (ranges, shapes) refused the values
      throw new BindException(BindException.Kind.BAD_VALUE, path, e.getMessage());
    }
  }

  /** Tags 0x540000-0x54FFFF are the extension range (KMIP 1.x §9.1.3.1, 2.x §9.1.3.1). */
  public static boolean isExtensionTag(int tag) {
    return (tag & 0xFF0000) == 0x540000;
  }
}
