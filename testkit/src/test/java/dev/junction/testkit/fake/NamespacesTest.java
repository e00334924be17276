package dev.junction.testkit.fake;

import static dev.junction.testkit.fake.KernelAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkFlag;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.link.MacvlanMode;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamespacesTest {

  private static final Path DIRECTORY = Path.of("/tmp/junction-netns");

  private final FakeKernel kernel = new FakeKernel(DIRECTORY);

  private static LinkSpec.Veth vethTo(String name, String peer, NetNs peerNs) {
    return new LinkSpec.Veth(
        name, LinkSettings.DEFAULT, peer, Optional.of(peerNs), LinkSettings.DEFAULT);
  }

  @Test
  void theCurrentNamespaceHasLoopbackUpWithItsAddresses() {
    NetStack host = kernel.stack(kernel.currentNetNs());

    Link lo = host.requireLink("lo");
    assertThat(lo).isInstanceOf(Link.Generic.class);
    assertThat(lo.kind()).isEmpty();
    assertThat(lo.index()).isEqualTo(1);
    assertThat(lo.mtu()).isEqualTo(65536);
    assertThat(lo.attributes().flags())
        .containsExactlyInAnyOrder(
            LinkFlag.UP, LinkFlag.LOOPBACK, LinkFlag.RUNNING, LinkFlag.LOWER_UP);
    assertThat(host.listAddresses(null))
        .containsExactly(
            new LinkAddress(1, InterfaceAddress.parse("127.0.0.1/8"), Scope.HOST),
            new LinkAddress(1, InterfaceAddress.parse("::1/128"), Scope.HOST));
  }

  @Test
  void aNewNamespaceHasOnlyLoopbackDown() {
    NetNs sandbox = kernel.createNetNs("sb1");
    NetStack stack = kernel.stack(sandbox);

    assertThat(sandbox.path()).isEqualTo(DIRECTORY.resolve("sb1"));
    assertThat(stack.listLinks())
        .singleElement()
        .satisfies(
            lo -> {
              assertThat(lo.name()).isEqualTo("lo");
              assertThat(lo.attributes().flags()).containsExactly(LinkFlag.LOOPBACK);
            });
    assertThat(stack.listAddresses(null)).isEmpty();
  }

  @Test
  void bringingLoopbackUpGivesItItsAddresses() {
    NetStack stack = kernel.stack(kernel.createNetNs("sb1"));

    stack.setUp("lo", true);

    assertThat(stack.listAddresses("lo", null))
        .extracting(LinkAddress::address)
        .containsExactly(InterfaceAddress.parse("127.0.0.1/8"), InterfaceAddress.parse("::1/128"));
  }

  @Test
  void namesAreCheckedAndUnique() {
    kernel.createNetNs("sb1");

    assertFails(Errno.EEXIST, () -> kernel.createNetNs("sb1"));
    assertThatThrownBy(() -> kernel.createNetNs("../etc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namedNamespacesAreListedByName() {
    NetNs b = kernel.createNetNs("b");
    NetNs a = kernel.createNetNs("a");
    kernel.addExternalNetNs(Path.of("/proc/1234/ns/net"));

    assertThat(kernel.listNetNs()).containsExactly(a, b);
  }

  @Test
  void openingFindsOnlyNamespacesThatExist() {
    NetNs sandbox = kernel.createNetNs("sb1");

    assertThat(kernel.openNetNs(sandbox.path())).isEqualTo(sandbox);
    assertThat(kernel.openNetNs(NetNs.CURRENT_PATH)).isEqualTo(NetNs.current());
    assertFails(Errno.ENOENT, () -> kernel.openNetNs(DIRECTORY.resolve("nothere")));
  }

  @Test
  void anExternalNamespaceOpensAndStartsLikeANewOne() {
    Path process = Path.of("/proc/4242/ns/net");
    assertFails(Errno.ENOENT, () -> kernel.openNetNs(process));

    NetNs external = kernel.addExternalNetNs(process);

    assertThat(kernel.openNetNs(process)).isEqualTo(external);
    assertThat(kernel.stack(external).requireLink("lo").isUp()).isFalse();
    assertThatThrownBy(() -> kernel.addExternalNetNs(process))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyNamespacesOfTheDirectoryAreDeleted() {
    NetNs external = kernel.addExternalNetNs(Path.of("/proc/4242/ns/net"));

    assertThatThrownBy(() -> kernel.deleteNetNs(external))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> kernel.deleteNetNs(NetNs.current()))
        .isInstanceOf(IllegalArgumentException.class);
    assertFails(Errno.ENOENT, () -> kernel.deleteNetNs(new NetNs(DIRECTORY.resolve("nothere"))));
  }

  @Test
  void everyOperationOnADeletedNamespaceFailsWithEnoent() {
    NetNs sandbox = kernel.createNetNs("sb1");
    NetStack stack = kernel.stack(sandbox);

    kernel.deleteNetNs(sandbox);

    assertFails(Errno.ENOENT, stack::listLinks);
    assertFails(Errno.ENOENT, () -> stack.findLink("lo"));
    assertFails(Errno.ENOENT, () -> stack.setUp("lo", true));
    assertFails(Errno.ENOENT, () -> stack.readSysctl("net.ipv4.ip_forward"));
    assertThat(kernel.listNetNs()).isEmpty();
  }

  @Test
  void aNamespaceCreatedAgainUnderAnOldNameStartsEmpty() {
    NetNs sandbox = kernel.createNetNs("sb1");
    kernel.stack(sandbox).addLink(new LinkSpec.Bridge("br0"));
    kernel.deleteNetNs(sandbox);

    kernel.createNetNs("sb1");

    assertThat(kernel.stack(sandbox).findLink("br0")).isEmpty();
  }

  @Test
  void deletingANamespaceTakesTheVethPeersElsewhereAlong() {
    NetStack host = kernel.stack(kernel.currentNetNs());
    NetNs sandbox = kernel.createNetNs("sb1");
    host.addLink(vethTo("veth0", "eth0", sandbox));

    kernel.deleteNetNs(sandbox);

    assertThat(host.findLink("veth0")).isEmpty();
  }

  @Test
  void aDestroyedNamespaceVanishesWithItsVethPeersAndDependentLinks() {
    NetStack host = kernel.stack(kernel.currentNetNs());
    NetNs container = kernel.addExternalNetNs(Path.of("/proc/4242/ns/net"));
    NetStack inside = kernel.stack(container);
    host.addLink(vethTo("veth0", "eth0", container));
    host.addLink(new LinkSpec.Veth("up0", "up1"));
    host.addLink(new LinkSpec.Macvlan("mv0", LinkSettings.DEFAULT, "up1", MacvlanMode.BRIDGE));
    host.moveToNetNs("up1", container);

    kernel.destroyNetNs(container);

    assertThat(host.listLinks()).extracting(Link::name).containsExactly("lo");
    assertFails(Errno.ENOENT, inside::listLinks);
    assertFails(Errno.ENOENT, () -> kernel.openNetNs(container.path()));
  }

  @Test
  void theCurrentNamespaceCannotBeDestroyed() {
    assertThatThrownBy(() -> kernel.destroyNetNs(NetNs.current()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> kernel.destroyNetNs(new NetNs(DIRECTORY.resolve("nothere"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void releaseAndCloseChangeNothing() {
    NetNs sandbox = kernel.createNetNs("sb1");
    kernel.stack(sandbox).addLink(new LinkSpec.Bridge("br0"));

    kernel.release(sandbox);
    kernel.close();

    assertThat(kernel.stack(sandbox).findLink("br0")).isPresent();
  }

  @Test
  void theDefaultDirectoryIsRunNetns() {
    FakeKernel standard = new FakeKernel();

    assertThat(standard.netNsDirectory()).isEqualTo(Path.of("/run/netns"));
    assertThat(standard.createNetNs("x").path()).isEqualTo(Path.of("/run/netns/x"));
  }
}
