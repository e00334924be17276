package dev.junction.testkit.fake;

import static dev.junction.testkit.fake.KernelAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.KernelException;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.fake.FakeKernel.Op;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));
  private final NetStack host = kernel.stack(kernel.currentNetNs());

  @Test
  void anInjectedFailureCarriesTheErrnoAndTheOperationAndChangesNothing() {
    kernel.failNext(Op.ADD_LINK, Errno.ENOMEM);

    KernelException failure =
        assertFails(Errno.ENOMEM, () -> host.addLink(new LinkSpec.Bridge("br0")));

    assertThat(failure.errno()).isEqualTo(Errno.ENOMEM.number());
    assertThat(failure.operation()).isEqualTo("ip link add br0 type bridge");
    assertThat(failure.kernelMessage()).isEqualTo("injected by FakeKernel");
    assertThat(host.findLink("br0")).isEmpty();
    assertThat(kernel.log()).isEmpty();
  }

  @Test
  void aPlannedChangeFailureSkipsReadsAndHitsTheNthChangeOnce() {
    kernel.failChange(1, Errno.EIO);

    host.addLink(new LinkSpec.Bridge("br0")); // change 0
    host.listLinks(); // a read: not counted
    assertFails(Errno.EIO, () -> host.addLink(new LinkSpec.Bridge("br1"))); // change 1
    host.addLink(new LinkSpec.Bridge("br2")); // used up

    assertThat(host.findLink("br1")).isEmpty();
    assertThat(host.findLink("br2")).isPresent();
    assertThat(kernel.log()).hasSize(2);
  }

  @Test
  void aFailureIsUsedOnceThenTheOperationWorks() {
    kernel.failNext(Op.ADD_LINK, Errno.ENOMEM);
    assertFails(Errno.ENOMEM, () -> host.addLink(new LinkSpec.Bridge("br0")));

    host.addLink(new LinkSpec.Bridge("br0"));

    assertThat(host.findLink("br0")).isPresent();
  }

  @Test
  void queuedFailuresComeOutInOrder() {
    kernel.failNext(Op.SET_UP, Errno.EBUSY);
    kernel.failNext(Op.SET_UP, Errno.EAGAIN);

    assertFails(Errno.EBUSY, () -> host.setUp("lo", false));
    assertFails(Errno.EAGAIN, () -> host.setUp("lo", false));
    host.setUp("lo", false);

    assertThat(host.requireLink("lo").isUp()).isFalse();
  }

  @Test
  void failuresAreKeptPerOperation() {
    kernel.failNext(Op.DELETE_LINK, Errno.EBUSY);

    host.addLink(new LinkSpec.Bridge("br0"));
    host.setUp("br0", true);
    assertFails(Errno.EBUSY, () -> host.deleteLink("br0"));

    assertThat(host.requireLink("br0").isUp()).isTrue();
  }

  @Test
  void aFailureHitsTheNextCallInAnyNamespace() {
    NetNs sandbox = kernel.createNetNs("sb1");
    kernel.failNext(Op.ADD_ADDRESS, Errno.EADDRNOTAVAIL);

    NetStack stack = kernel.stack(sandbox);
    assertFails(
        Errno.EADDRNOTAVAIL, () -> stack.addAddress("lo", InterfaceAddress.parse("10.0.0.1/8")));

    assertThat(stack.listAddresses("lo", null)).isEmpty();
    host.addAddress("lo", InterfaceAddress.parse("10.0.0.1/8"));
  }

  @Test
  void readsCanFailToo() {
    kernel.failNext(Op.LIST_LINKS, Errno.EINTR);
    kernel.failNext(Op.READ_SYSCTL, Errno.EACCES);

    assertFails(Errno.EINTR, host::listLinks);
    assertFails(Errno.EACCES, () -> host.readSysctl("net.ipv4.ip_forward"));

    assertThat(host.listLinks()).hasSize(1);
  }

  @Test
  void kernelOperationsCanFail() {
    kernel.failNext(Op.CREATE_NETNS, Errno.ENOSPC);
    kernel.failNext(Op.DELETE_NETNS, Errno.EBUSY);

    assertFails(Errno.ENOSPC, () -> kernel.createNetNs("sb1"));
    assertThat(kernel.listNetNs()).isEmpty();

    NetNs sandbox = kernel.createNetNs("sb1");
    assertFails(Errno.EBUSY, () -> kernel.deleteNetNs(sandbox));
    assertThat(kernel.listNetNs()).containsExactly(sandbox);
  }

  @Test
  void argumentsTheRealImplementationRefusesAreRefusedBeforeTheInjectedFailure() {
    kernel.failNext(Op.DELETE_LINK_GROUP, Errno.EIO);

    assertThatThrownBy(() -> host.deleteLinkGroup(0)).isInstanceOf(IllegalArgumentException.class);

    assertFails(Errno.EIO, () -> host.deleteLinkGroup(7));
  }

  @Test
  void aFailureForAMissingNamespaceIsStillInjectedFirst() {
    NetStack gone = kernel.stack(new NetNs(Path.of("/run/netns/gone")));
    kernel.failNext(Op.FIND_LINK, Errno.EPERM);

    assertFails(Errno.EPERM, () -> gone.findLink("lo"));
    assertFails(Errno.ENOENT, () -> gone.findLink("lo"));
  }
}
