package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectGroupMember;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.State;
import keyward.kmip.spec.StorageStatusMask;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.LocateFilter;
import keyward.server.object.ManagedObject;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.LocateResult;

/**
 * Locate (1.4 §4.9, 2.1 §6.1.27): the caller's objects matching every attribute given (see
 * {@link LocateFilter}), in creation order, after Offset Items and at most Maximum Items.
 * Storage Status Mask picks on-line, archived and (2.x) destroyed objects; without it only
 * on-line objects that are not destroyed are searched (SKFF-M-5-21 no longer finds a
 * destroyed key). Object Group Member: Group Member Fresh finds only fresh objects; Group
 * Member Default is, by this server's policy, the oldest fresh member or else the oldest
 * member. Located Items (1.3+) is returned when the client pages (Offset or Maximum Items).
 * When exactly one identifier is returned it becomes the ID Placeholder. The caller sees its
 * own objects, those granting it Locate, and all objects if it is an admin. No answer holds more
 * than the server's cap (max_locate_items), whatever Maximum Items says; an answer the cap cut
 * short carries Located Items. Located Items is left out when the store did not count every
 * match (more than it counts cheaply, see {@link LocateResult#UNCOUNTED}).
 */
public final class LocateHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.LOCATE;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws Exception {
    KmipVersion v = ctx.version();
    Integer max = nonNegative(payload, Tag.MAXIMUM_ITEMS);
    Integer offset = nonNegative(payload, Tag.OFFSET_ITEMS);
    Item.Structure attributes = payload.first(Tag.ATTRIBUTES)
        .filter(Item.Structure.class::isInstance).map(Item.Structure.class::cast)
        .orElse(new Item.Structure(Tag.ATTRIBUTES));
    LocateFilter filter = LocateFilter.of(attributes, ctx.now(), v);
    Storage storage = storage(payload, v, filter);
    ObjectGroupMember member = payload.first(Tag.OBJECT_GROUP_MEMBER)
        .filter(Item.Enumeration.class::isInstance)
        .map(i -> ObjectGroupMember.fromValue(((Item.Enumeration) i).value())).orElse(null);
    int from = offset == null ? 0 : offset;
    // the server's cap bounds every answer; Located Items then tells a client it was cut short
    int cap = ctx.maxLocateItems();
    int limit = max == null ? cap : Math.min(max, cap);

    Page page;
    if (member == ObjectGroupMember.GROUP_MEMBER_FRESH) {
      filter.addCriterion(new Criterion.NumberEquals(Tag.FRESH, 1));
      page = run(ctx, filter, storage, from, limit);
    } else if (member == ObjectGroupMember.GROUP_MEMBER_DEFAULT) {
      LocateFilter fresh = LocateFilter.of(attributes, ctx.now(), v);
      storage(payload, v, fresh);
      fresh.addCriterion(new Criterion.NumberEquals(Tag.FRESH, 1));
      page = run(ctx, fresh, storage, 0, 1);
      if (page.ids().isEmpty()) {
        page = run(ctx, filter, storage, 0, 1);
      }
      if (limit == 0) {
        page = new Page(List.of(), page.total());
      }
    } else {
      page = run(ctx, filter, storage, from, limit);
    }

    List<Item> out = new ArrayList<>();
    boolean uncounted = page.total() == LocateResult.UNCOUNTED;
    boolean capped = (max == null || max > cap) && page.ids().size() == cap
        && (uncounted || page.total() > (long) from + cap);
    // a store that stopped counting (a very broad Locate) leaves Located Items out, as the spec
    // lets a server that will not determine the total (1.4 §4.9, 2.1 §6.1.27)
    if (v.atLeast(KmipVersion.V1_3) && (max != null || offset != null || capped) && !uncounted) {
      out.add(new Item.Integer(Tag.LOCATED_ITEMS, (int) Math.min(Integer.MAX_VALUE, page.total())));
    }
    for (String uid : page.ids()) {
      out.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid));
    }
    if (page.ids().size() == 1) {
      ctx.batch().setIdPlaceholder(page.ids().getFirst());
    } else if (page.ids().isEmpty()) {
      ctx.batch().setLocatedNothing();
    }
    return new Item.Structure(Tag.RESPONSE_PAYLOAD, out);
  }

  private record Page(List<String> ids, long total) {}

  private record Storage(boolean live, boolean archived) {}

  /**
   * The store query, paged by the store when the index decides every criterion; otherwise
   * all candidates are fetched, loaded and checked here, and paged after the check so Offset
   * Items and Located Items count only real matches.
   */
  private static Page run(OperationContext ctx, LocateFilter filter, Storage storage, int from, int limit)
      throws Exception {
    String owner = ctx.caller().identity();
    if (!filter.needsLoading()) {
      LocateResult r = ctx.objects().locateVisible(
          new LocateQuery(owner, filter.criteria(), storage.live(), storage.archived(), from, limit));
      return new Page(r.uniqueIdentifiers(), r.totalMatches());
    }
    LocateResult all = ctx.objects().locateVisible(
        new LocateQuery(owner, filter.criteria(), storage.live(), storage.archived(), 0, -1));
    List<String> matches = new ArrayList<>();
    for (String uid : all.uniqueIdentifiers()) {
      ManagedObject mo = ctx.objects().get(uid);
      if (filter.accepts(mo)) {
        matches.add(uid);
      }
    }
    int start = Math.min(from, matches.size());
    int end = limit < 0 ? matches.size() : (int) Math.min(matches.size(), (long) start + limit);
    return new Page(List.copyOf(matches.subList(start, end)), matches.size());
  }

  /**
   * Storage Status Mask: on-line (live, not destroyed), archival (archived, not destroyed),
   * destroyed (2.x: Destroyed or Destroyed Compromised). Without it: on-line only.
   */
  private static Storage storage(Item.Structure payload, KmipVersion v, LocateFilter filter) throws KmipException {
    int mask = StorageStatusMask.ON_LINE_STORAGE.value();
    Item m = payload.first(Tag.STORAGE_STATUS_MASK).orElse(null);
    if (m != null) {
      if (!(m instanceof Item.Integer i)) {
        throw KmipException.invalidField("Storage Status Mask must be an Integer");
      }
      mask = i.value();
    }
    boolean online = (mask & StorageStatusMask.ON_LINE_STORAGE.value()) != 0;
    boolean archival = (mask & StorageStatusMask.ARCHIVAL_STORAGE.value()) != 0;
    boolean destroyed = v.atLeast(KmipVersion.V2_0) && (mask & StorageStatusMask.DESTROYED_STORAGE.value()) != 0;
    if (!destroyed) {
      filter.addCriterion(new Criterion.NumberBetween(Tag.STATE, State.PRE_ACTIVE.value(), State.COMPROMISED.value()));
      return new Storage(online, archival);
    }
    if (!online && !archival) {
      filter.addCriterion(new Criterion.NumberBetween(Tag.STATE, State.DESTROYED.value(),
          State.DESTROYED_COMPROMISED.value()));
      return new Storage(true, true);
    }
    // destroyed plus on-line and/or archival: the union is checked per loaded object
    filter.addCheck(mo -> destroyed(mo) || (mo.archived() ? archival : online));
    return new Storage(true, true);
  }

  private static boolean destroyed(ManagedObject mo) {
    State s = mo.storedState();
    return s == State.DESTROYED || s == State.DESTROYED_COMPROMISED;
  }

  private static Integer nonNegative(Item.Structure payload, int tag) throws KmipException {
    Item i = payload.first(tag).orElse(null);
    if (i == null) {
      return null;
    }
    if (!(i instanceof Item.Integer n) || n.value() < 0) {
      throw KmipException.invalidField(keyward.server.object.AttributeRules.name(tag) + " must be a non-negative Integer");
    }
    return n.value();
  }
}
