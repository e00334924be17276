package dev.junction.testkit.fake;

import dev.junction.kernel.Errno;
import dev.junction.kernel.SysctlKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code net.*} sysctls of a namespace that the engine touches, with their defaults in a new
 * namespace and the side effects the kernel gives some of them.
 */
final class SysctlTable {

  private static final String FORWARDING = "forwarding";
  private static final String DISABLE_IPV6 = "disable_ipv6";
  private static final String PROMOTE_SECONDARIES = "promote_secondaries";
  private static final String PORT_START = "ip_unprivileged_port_start";
  private static final String PING_GROUP_RANGE = "ping_group_range";

  /** The lowest port of ip_local_port_range, which the unprivileged start may not pass. */
  private static final int LOCAL_PORT_RANGE_START = 32768;

  private static final List<String> IPV4_CONF =
      List.of(
          FORWARDING,
          "rp_filter",
          "proxy_arp",
          "route_localnet",
          "accept_local",
          PROMOTE_SECONDARIES);

  /** A {@code conf} directory: "all", "default", or a link's own ({@code link} set). */
  private record Conf(boolean ipv4, String directory, FakeLink link, Map<String, String> values) {}

  /**
   * Where a key's value lives: {@code parameter} in {@code values}, which belong to {@code conf}
   * when the key is in a conf directory (ip_forward is conf/all/forwarding under another name).
   */
  private record Cell(Map<String, String> values, String parameter, Conf conf) {
    String value() {
      return values.get(parameter);
    }
  }

  private final Namespace namespace;
  private final Map<String, String> ipv4 = new LinkedHashMap<>();
  private final Map<String, String> ipv4All = new LinkedHashMap<>();
  private final Map<String, String> ipv4Default = new LinkedHashMap<>();
  private final Map<String, String> ipv6All = new LinkedHashMap<>();
  private final Map<String, String> ipv6Default = new LinkedHashMap<>();

  SysctlTable(Namespace namespace) {
    this.namespace = namespace;
    ipv4.put(PORT_START, "1024");
    ipv4.put(PING_GROUP_RANGE, "1\t0");
    for (String parameter : IPV4_CONF) {
      ipv4All.put(parameter, "0");
      ipv4Default.put(parameter, "0");
    }
    ipv6All.put(FORWARDING, "0");
    ipv6All.put(DISABLE_IPV6, "0");
    ipv6All.put("accept_dad", "0");
    ipv6All.put("accept_ra", "1");
    ipv6Default.put(FORWARDING, "0");
    ipv6Default.put(DISABLE_IPV6, "0");
    ipv6Default.put("accept_dad", "1");
    ipv6Default.put("accept_ra", "1");
  }

  /** A link that appears in the namespace starts from the namespace's defaults. */
  void initialize(FakeLink link) {
    link.ipv4Conf.clear();
    link.ipv4Conf.putAll(ipv4Default);
    link.ipv6Conf.clear();
    link.ipv6Conf.putAll(ipv6Default);
    if (link.isLoopback()) {
      link.ipv6Conf.put("accept_dad", "-1");
    }
  }

  boolean ipv6Disabled(FakeLink link) {
    return !link.ipv6Conf.get(DISABLE_IPV6).equals("0");
  }

  boolean promoteSecondaries(FakeLink link) {
    return !ipv4All.get(PROMOTE_SECONDARIES).equals("0")
        || !link.ipv4Conf.get(PROMOTE_SECONDARIES).equals("0");
  }

  String read(SysctlKey key) {
    return locate(key).value();
  }

  /** Where a key lives; ENOENT for a key the fake does not know. */
  private Cell locate(SysctlKey key) {
    List<String> parts = key.components();
    if (key.path().equals("net/ipv4/ip_forward")) {
      return new Cell(ipv4All, FORWARDING, new Conf(true, "all", null, ipv4All));
    }
    if (parts.size() == 3 && parts.get(1).equals("ipv4") && ipv4.containsKey(parts.get(2))) {
      return new Cell(ipv4, parts.get(2), null);
    }
    if (parts.size() == 5 && parts.get(2).equals("conf")) {
      boolean isIpv4 = parts.get(1).equals("ipv4");
      if (isIpv4 || parts.get(1).equals("ipv6")) {
        Optional<Conf> conf = conf(isIpv4, parts.get(3));
        if (conf.isPresent() && conf.get().values().containsKey(parts.get(4))) {
          return new Cell(conf.get().values(), parts.get(4), conf.get());
        }
      }
    }
    throw new Refusal(Errno.ENOENT, "unknown key");
  }

  private Optional<Conf> conf(boolean isIpv4, String directory) {
    return switch (directory) {
      case "all" -> Optional.of(new Conf(isIpv4, directory, null, isIpv4 ? ipv4All : ipv6All));
      case "default" ->
          Optional.of(new Conf(isIpv4, directory, null, isIpv4 ? ipv4Default : ipv6Default));
      default ->
          namespace
              .findByPrimaryName(directory)
              .map(
                  link ->
                      new Conf(isIpv4, directory, link, isIpv4 ? link.ipv4Conf : link.ipv6Conf));
    };
  }

  void write(SysctlKey key, String value) {
    Cell cell = locate(key);
    if (cell.conf() != null) {
      writeConf(cell.conf(), cell.parameter(), Integer.toString(parseInt(value)));
    } else if (cell.parameter().equals(PING_GROUP_RANGE)) {
      ipv4.put(PING_GROUP_RANGE, pingGroupRange(value));
    } else {
      int port = parseInt(value);
      if (port < 0 || port > LOCAL_PORT_RANGE_START) {
        throw new Refusal(Errno.EINVAL);
      }
      ipv4.put(cell.parameter(), Integer.toString(port));
    }
  }

  /**
   * IPv4 forwarding for "all" (or ip_forward) reaches "default" and every link, but only when it
   * changes; IPv6 forwarding and disable_ipv6 for "all" always reach them.
   */
  private void writeConf(Conf conf, String parameter, String value) {
    if (!conf.ipv4() && conf.link() != null) {
      setIpv6(conf.link(), parameter, value);
      return;
    }
    String old = conf.values().put(parameter, value);
    if (!conf.directory().equals("all")) {
      return;
    }
    if (conf.ipv4()) {
      if (parameter.equals(FORWARDING) && !value.equals(old)) {
        ipv4Default.put(FORWARDING, value);
        namespace.links().forEach(link -> link.ipv4Conf.put(FORWARDING, value));
      }
    } else if (parameter.equals(FORWARDING) || parameter.equals(DISABLE_IPV6)) {
      ipv6Default.put(parameter, value);
      for (FakeLink link : namespace.links()) {
        setIpv6(link, parameter, value);
      }
    }
  }

  private void setIpv6(FakeLink link, String parameter, String value) {
    boolean wasDisabled = ipv6Disabled(link);
    link.ipv6Conf.put(parameter, value);
    if (!wasDisabled && ipv6Disabled(link)) {
      namespace.stopIpv6(link);
    } else if (wasDisabled && !ipv6Disabled(link)) {
      namespace.startIpv6(link);
    }
  }

  /**
   * {@code proc_dointvec}: the first number of the text, in C notation (0x for hex, a leading 0 for
   * octal), fitting an int; EINVAL otherwise.
   */
  static int parseInt(String value) {
    String text = value.strip();
    int end = 0;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    String number = text.substring(0, end);
    boolean negative = number.startsWith("-");
    String digits = negative || number.startsWith("+") ? number.substring(1) : number;
    int radix = 10;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    try {
      long parsed = Long.parseLong(digits, radix);
      long signed = negative ? -parsed : parsed;
      if (signed < Integer.MIN_VALUE || signed > Integer.MAX_VALUE) {
        throw new Refusal(Errno.EINVAL);
      }
      return (int) signed;
    } catch (NumberFormatException e) {
      throw new Refusal(Errno.EINVAL);
    }
  }

  /**
   * Two group IDs; a missing second one keeps the current upper bound, and a range whose upper
   * bound is below its lower one becomes the empty range "1 0", as the kernel does.
   */
  private String pingGroupRange(String value) {
    String[] words = value.strip().split("\\s+");
    String[] current = ipv4.get(PING_GROUP_RANGE).split("\t");
    long low = parseInt(words[0]);
    long high = words.length > 1 ? parseInt(words[1]) : Long.parseLong(current[1]);
    if (low < 0 || high < 0) {
      throw new Refusal(Errno.EINVAL);
    }
    return high < low ? "1\t0" : low + "\t" + high;
  }
}
