package dev.junction.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.nft.NftBaseChain;
import dev.junction.kernel.nft.NftChain;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftRule;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTable;
import dev.junction.kernel.nft.NftTableState;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.ns.RootNamespaceGuard;
import dev.junction.testkit.ns.TestNamespaces;
import dev.junction.testkit.observe.Command;
import dev.junction.testkit.observe.IpObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only the real kernel layer has to show: threads, namespaces of other processes, nft. */
@ExtendWith(RootNamespaceGuard.class)
class NetlinkKernelTest {

  private TestNamespaces<NetlinkKernel> namespaces;
  private NetlinkKernel kernel;

  @BeforeEach
  void open() {
    namespaces = TestNamespaces.open(NetlinkKernel::open);
    kernel = namespaces.kernel();
  }

  @AfterEach
  void close() {
    namespaces.close();
  }

  private static String threadNamespace() throws Exception {
    return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
  }

  private static long actorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("netns "))
        .count();
  }

  /** A veth pair, v0 in {@code a} and v1 in {@code b}. */
  private void vethBetween(NetNs a, NetNs b) {
    kernel
        .stack(a)
        .addLink(
            new LinkSpec.Veth(
                "v0", LinkSettings.DEFAULT, "v1", Optional.of(b), LinkSettings.DEFAULT));
  }

  @Test
  void callersNeverChangeNamespace() throws Exception {
    String before = threadNamespace();
    NetNs a = namespaces.create("a");
    NetNs b = namespaces.create("b");
    vethBetween(a, b);
    kernel.stack(b).writeSysctl("net.ipv4.ip_forward", "1");
    assertThat(threadNamespace()).isEqualTo(before);
    try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> seen = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        NetNs target = i % 2 == 0 ? a : b;
        seen.add(
            virtual.submit(
                () -> {
                  kernel.stack(target).listLinks();
                  kernel.stack(target).readSysctl("net.ipv4.ip_forward");
                  return threadNamespace();
                }));
      }
      for (Future<String> namespace : seen) {
        assertThat(namespace.get()).isEqualTo(before);
      }
    }
  }

  @Test
  void vethEndsHaveOneQueueEach() {
    NetNs a = namespaces.create("a");
    NetNs b = namespaces.create("b");
    vethBetween(a, b);
    // As "ip -d" reports them; the kernel's default is one of each per possible CPU.
    assertThat(Command.check(a, "ip", "-d", "-j", "link", "show", "v0"))
        .contains("\"num_tx_queues\":1,", "\"num_rx_queues\":1,");
    assertThat(Command.check(b, "ip", "-d", "-j", "link", "show", "v1"))
        .contains("\"num_tx_queues\":1,", "\"num_rx_queues\":1,");
  }

  @Test
  void aLinksIpv6SysctlsAreThoseOfItsNamespaceWhoeverWritesThem() {
    // They are opened relative to each namespace's ipv6/conf directory, from the caller's thread,
    // which is in none of these namespaces: two links of one name must not be confused.
    NetNs a = namespaces.create("a");
    NetNs b = namespaces.create("b");
    vethBetween(a, b);
    kernel.stack(b).rename("v1", "v0");
    kernel.stack(a).writeSysctl("net/ipv6/conf/v0/disable_ipv6", "1");
    kernel.stack(b).writeSysctl("net.ipv6.conf.default.disable_ipv6", "1");

    assertThat(Command.check(a, "sysctl", "-n", "net.ipv6.conf.v0.disable_ipv6").strip())
        .isEqualTo("1");
    assertThat(Command.check(b, "sysctl", "-n", "net.ipv6.conf.v0.disable_ipv6").strip())
        .isEqualTo("0");
    assertThat(Command.check(a, "sysctl", "-n", "net.ipv6.conf.default.disable_ipv6").strip())
        .isEqualTo("0");
    assertThat(kernel.stack(b).readSysctl("net/ipv6/conf/default/disable_ipv6")).isEqualTo("1");
    assertThat(kernel.stack(a).readSysctl("net/ipv6/conf/v0/disable_ipv6")).isEqualTo("1");
    assertThatThrownBy(() -> kernel.stack(a).readSysctl("net/ipv6/conf/nothere/disable_ipv6"))
        .isInstanceOf(KernelException.class)
        .satisfies(e -> assertThat(((KernelException) e).is(Errno.ENOENT)).isTrue());
  }

  @Test
  void eachNamespaceHasOneThreadThatEndsWithIt() {
    long before = actorThreads();
    NetNs a = namespaces.create("a");
    kernel.stack(a).listLinks();
    kernel.stack(a).listLinks();
    assertThat(actorThreads()).isEqualTo(before + 1);
    kernel.deleteNetNs(a);
    assertThat(actorThreads()).isEqualTo(before);
  }

  @Test
  void aNamespaceOfAnotherProcessIsAdoptedByItsProcPath() throws Exception {
    Process holder = new ProcessBuilder("unshare", "--net", "sleep", "60").start();
    try {
      Path path = Path.of("/proc", String.valueOf(holder.pid()), "ns", "net");
      for (int i = 0;
          i < 100
              && Files.readSymbolicLink(path)
                  .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
          i++) {
        Thread.sleep(10); // unshare has not switched yet
      }
      NetNs adopted = kernel.openNetNs(path);
      NetStack stack = kernel.stack(adopted);
      stack.setUp("lo", true);
      stack.addLink(new LinkSpec.Bridge("br0"));
      assertThat(new IpObserver().links(adopted)).extracting(l -> l.name()).contains("br0", "lo");
      assertThat(Command.check(adopted, "ip", "-o", "link", "show", "br0")).contains("br0");
      kernel.release(adopted);
    } finally {
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * {@code ip netns add} makes its directory a shared mount point (binding it onto itself if it is
   * not one) before adding a file. Junction does the same first, so that a namespace it made is not
   * hidden under ip's bind mount and can still be deleted.
   */
  @Test
  void namespacesSurviveAnotherToolAddingOneTheIpWay() throws Exception {
    NetNs ours = namespaces.create("ours");
    Path directory = namespaces.directory();
    assertThat(TestNamespaces.isMountPoint(directory)).isTrue();
    // What ip netns add does, step by step, with a namespace of a process of ours.
    Process holder = new ProcessBuilder("unshare", "--net", "sleep", "60").start();
    try {
      String dir = directory.toString();
      Command.check(
          null,
          "sh",
          "-c",
          "mount --make-rshared "
              + dir
              + " || { mount --rbind "
              + dir
              + " "
              + dir
              + " && mount --make-rshared "
              + dir
              + "; }");
      Path theirs = directory.resolve("theirs");
      Files.createFile(theirs);
      Command.check(
          null, "mount", "--bind", "/proc/" + holder.pid() + "/ns/net", theirs.toString());
      assertThat(kernel.listNetNs()).extracting(NetNs::name).containsExactly("ours", "theirs");
      kernel.deleteNetNs(ours);
      assertThat(new IpObserver().netNsExists(ours.path())).isFalse();
      assertThat(kernel.listNetNs()).extracting(NetNs::name).containsExactly("theirs");
    } finally {
      holder.destroy();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void concurrentWorkOnManyNamespacesIsConsistent() throws Exception {
    NetNs host = namespaces.create("host");
    List<NetNs> sandboxes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sandboxes.add(namespaces.create("sb" + i));
    }
    kernel.stack(host).addLink(new LinkSpec.Bridge("br0", LinkSettings.DEFAULT.withUp(true)));
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Void>> work = new ArrayList<>();
      for (int i = 0; i < sandboxes.size(); i++) {
        int n = i;
        Callable<Void> connect =
            () -> {
              NetNs sandbox = sandboxes.get(n);
              for (int j = 0; j < 10; j++) {
                String host0 = "h" + n + "x" + j;
                kernel
                    .stack(host)
                    .addLink(
                        new LinkSpec.Veth(
                            host0,
                            LinkSettings.DEFAULT.withMaster("br0").withUp(true),
                            "eth" + j,
                            Optional.of(sandbox),
                            LinkSettings.DEFAULT.withUp(true)));
                kernel
                    .stack(sandbox)
                    .addAddress("eth" + j, InterfaceAddress.parse("10." + n + "." + j + ".2/24"));
              }
              return null;
            };
        work.add(pool.submit(connect));
      }
      for (Future<Void> done : work) {
        done.get();
      }
    }
    List<Link> hostLinks = kernel.stack(host).listLinks();
    assertThat(hostLinks).hasSize(1 + 1 + 80);
    int bridge = kernel.stack(host).requireLink("br0").index();
    assertThat(hostLinks)
        .filteredOn(l -> l.name().startsWith("h"))
        .allSatisfy(l -> assertThat(l.masterIndex()).hasValue(bridge));
    for (NetNs sandbox : sandboxes) {
      assertThat(new IpObserver().links(sandbox)).hasSize(11);
    }
  }

  private static NftTable table(String chainName, NftRule... rules) {
    NftBaseChain hook =
        new NftBaseChain(
            NftBaseChain.Type.FILTER, NftBaseChain.Hook.FORWARD, 0, NftBaseChain.Policy.ACCEPT);
    return new NftTable(
        NftFamily.INET, "junction", List.of(NftChain.base(chainName, hook, List.of(rules))));
  }

  @Test
  void aFailingNftBatchAppliesNothing() {
    NetStack stack = kernel.stack(namespaces.create("nft"));
    NftTable good = table("forward", NftRule.of("counter accept").withComment("first"));
    stack.applyNft(NftRuleset.builder().replaceTable(good).build());
    NftTable other =
        new NftTable(NftFamily.INET, "other", List.of(NftChain.regular("isolation", List.of())));
    NftTable broken = table("forward", NftRule.of("jump nowhere").withComment("broken"));
    NftRuleset batch = NftRuleset.builder().replaceTable(other).replaceTable(broken).build();
    assertThatThrownBy(() -> stack.applyNft(batch))
        .isInstanceOfSatisfying(
            KernelException.class, e -> assertThat(e.kernelMessage()).isNotEmpty());
    assertThat(stack.findNftTable(NftFamily.INET, "junction")).contains(NftTableState.of(good));
    assertThat(stack.findNftTable(NftFamily.INET, "other")).isEmpty();
  }

  @Test
  void nftRefusesAChainNamedLikeAKeywordWithEinval() {
    NetStack stack = kernel.stack(namespaces.create("nftkw"));
    assertThatThrownBy(
            () -> stack.applyNft(NftRuleset.builder().replaceTable(table("fwd")).build()))
        .isInstanceOfSatisfying(
            KernelException.class, e -> assertThat(e.is(Errno.EINVAL)).isTrue());
    assertThat(stack.listNftTables()).isEmpty();
  }

  @Test
  void usingAReleasedKernelIsRefused() {
    NetNs a = namespaces.create("released");
    NetlinkKernel other = NetlinkKernel.open(namespaces.directory());
    other.stack(a).listLinks();
    other.close();
    assertThatThrownBy(() -> other.stack(a)).isInstanceOf(IllegalStateException.class);
  }
}
