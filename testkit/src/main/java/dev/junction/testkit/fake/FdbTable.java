package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.FdbEntry;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.MacAddress;
import dev.junction.kernel.link.MacvlanMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Forwarding entries added with {@code bridge fdb ... self}. Only a vxlan keeps destinations; on a
 * bridge, macvlan, veth or dummy the kernel files the MAC in the device's own address list, which
 * no listing of tunnel entries shows.
 */
final class FdbTable {

  private record Entry(
      FakeLink link, MacAddress mac, Optional<IpAddress> destination, boolean permanent) {}

  private final List<Entry> entries = new ArrayList<>();

  void append(FakeLink link, FdbEntry request) {
    MacAddress mac = request.mac();
    switch (link.kind) {
      case FakeLink.Kind.Loopback _ ->
          throw new Refusal(Errno.EINVAL, "FDB add only supported for Ethernet devices");
      case FakeLink.Kind.Vxlan vxlan -> appendRemote(link, vxlan, request);
      case FakeLink.Kind.Bridge _ -> addLocal(link, mac);
      case FakeLink.Kind.Macvlan macvlan -> {
        // Unicast filters exist only in passthru mode.
        if (!mac.isMulticast() && macvlan.mode() != MacvlanMode.PASSTHRU) {
          throw new Refusal(Errno.EOPNOTSUPP);
        }
        addLocal(link, mac);
      }
      case FakeLink.Kind.Veth _, FakeLink.Kind.Dummy _ -> addLocal(link, mac);
    }
  }

  /**
   * {@code vxlan_fdb_update}: appending gives the all-zero and multicast MACs one more destination
   * each time, but a unicast MAC keeps the destination it has. Entries that are not permanent are
   * sent as reachable ones, as {@code bridge fdb append ... dynamic} does.
   */
  private void appendRemote(FakeLink link, FakeLink.Kind.Vxlan vxlan, FdbEntry request) {
    IpAddress destination = request.destination().orElseThrow(() -> new Refusal(Errno.EINVAL));
    if (destination.family() != vxlan.family()) {
      throw new Refusal(Errno.EAFNOSUPPORT);
    }
    MacAddress mac = request.mac();
    List<Entry> existing = entriesFor(link, mac);
    Entry entry = new Entry(link, mac, Optional.of(destination), request.permanent());
    boolean known = existing.stream().anyMatch(e -> e.destination().equals(entry.destination()));
    if (existing.isEmpty() || ((mac.bits() == 0 || mac.isMulticast()) && !known)) {
      entries.add(entry);
    }
  }

  private void addLocal(FakeLink link, MacAddress mac) {
    if (entriesFor(link, mac).isEmpty()) {
      entries.add(new Entry(link, mac, Optional.empty(), true));
    }
  }

  /**
   * A vxlan forgets one destination of the MAC, or the whole MAC without a destination; naming a
   * destination the MAC does not have is quietly accepted. Veth and dummy devices refuse any
   * delete, as the kernel's default handler only deletes static entries and the request names no
   * state.
   */
  void delete(FakeLink link, FdbEntry request) {
    MacAddress mac = request.mac();
    switch (link.kind) {
      case FakeLink.Kind.Loopback _ ->
          throw new Refusal(Errno.EINVAL, "FDB delete only supported for Ethernet devices");
      case FakeLink.Kind.Veth _, FakeLink.Kind.Dummy _ -> throw new Refusal(Errno.EINVAL);
      case FakeLink.Kind.Vxlan _ -> {
        if (entriesFor(link, mac).isEmpty()) {
          throw new Refusal(Errno.ENOENT);
        }
        entries.removeIf(
            e ->
                e.link() == link
                    && e.mac().equals(mac)
                    && (request.destination().isEmpty()
                        || e.destination().equals(request.destination())));
      }
      case FakeLink.Kind.Bridge _, FakeLink.Kind.Macvlan _ -> {
        if (!entries.removeIf(e -> e.link() == link && e.mac().equals(mac))) {
          throw new Refusal(Errno.ENOENT);
        }
      }
    }
  }

  private List<Entry> entriesFor(FakeLink link, MacAddress mac) {
    return entries.stream().filter(e -> e.link() == link && e.mac().equals(mac)).toList();
  }

  /** The entries of a link that have a destination, named as the caller named the link. */
  List<FdbEntry> list(FakeLink link, String device) {
    List<FdbEntry> result = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.link() == link && entry.destination().isPresent()) {
        result.add(new FdbEntry(device, entry.mac(), entry.destination(), entry.permanent()));
      }
    }
    return result;
  }

  void removeLink(FakeLink link) {
    entries.removeIf(e -> e.link() == link);
  }

  /** A vxlan going down forgets what it learned or was told dynamically; permanent entries stay. */
  void linkDown(FakeLink link) {
    entries.removeIf(e -> e.link() == link && !e.permanent());
  }

  /**
   * A vxlan moving to another namespace keeps its static entries; what other devices keep in their
   * address lists is flushed on the way.
   */
  void moveRemote(FakeLink link, FdbTable target) {
    for (Entry entry : entries) {
      if (entry.link() == link && entry.destination().isPresent()) {
        target.entries.add(entry);
      }
    }
    removeLink(link);
  }
}
