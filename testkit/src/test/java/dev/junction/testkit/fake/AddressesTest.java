package dev.junction.testkit.fake;

import static dev.junction.testkit.fake.KernelAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junction.kernel.Errno;
import dev.junction.kernel.LinkAddress;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.Route;
import dev.junction.kernel.Scope;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpFamily;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddressesTest {

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));
  private final NetStack stack = kernel.stack(kernel.createNetNs("sb1"));

  private static InterfaceAddress address(String text) {
    return InterfaceAddress.parse(text);
  }

  private static Route kernelRouteV4(String prefix, String device, String source) {
    return new Route(
        IpPrefix.parse(prefix),
        Optional.empty(),
        Optional.of(device),
        Scope.LINK,
        0,
        Route.MAIN_TABLE,
        false,
        Route.PROTOCOL_KERNEL,
        Optional.of(IpAddress.parse(source)));
  }

  private static Route kernelRouteV6(String prefix, String device) {
    return new Route(
        IpPrefix.parse(prefix),
        Optional.empty(),
        Optional.of(device),
        Scope.UNIVERSE,
        256,
        Route.MAIN_TABLE,
        false,
        Route.PROTOCOL_KERNEL,
        Optional.empty());
  }

  private int index(String name) {
    return stack.requireLink(name).index();
  }

  @BeforeEach
  void pairOfLinks() {
    stack.addLink(
        new LinkSpec.Veth(
            "v0", LinkSettings.DEFAULT, "v1", Optional.empty(), LinkSettings.DEFAULT.withUp(true)));
  }

  @Test
  void anAddressNeedsALink() {
    assertFails(Errno.ENODEV, () -> stack.addAddress("none", address("10.0.0.1/24")));
    assertFails(Errno.ENODEV, () -> stack.listAddresses("none", null));
  }

  @Test
  void ipv4AddressesAreUniquePerPrefixLengthAndIpv6PerAddress() {
    stack.addAddress("v0", address("10.0.0.1/24"));
    stack.addAddress("v0", address("10.0.0.1/16"));
    stack.addAddress("v0", address("fd00::1/64"));

    assertFails(Errno.EEXIST, () -> stack.addAddress("v0", address("10.0.0.1/24")));
    assertFails(Errno.EEXIST, () -> stack.addAddress("v0", address("fd00::1/80")));
    stack.addAddress("v1", address("10.0.0.1/24"));
  }

  @Test
  void scopesFollowTheAddress() {
    stack.addAddress("v0", address("127.0.0.5/8"));
    stack.addAddress("v0", address("10.0.0.1/24"));
    stack.addAddress("v0", address("fe80::1/64"));
    stack.addAddress("v0", address("fd00::1/64"));

    assertThat(stack.listAddresses("v0", null))
        .extracting(LinkAddress::address, LinkAddress::scope)
        .containsExactly(
            tuple(address("127.0.0.5/8"), Scope.HOST),
            tuple(address("10.0.0.1/24"), Scope.UNIVERSE),
            tuple(address("fd00::1/64"), Scope.UNIVERSE),
            tuple(address("fe80::1/64"), Scope.LINK));
  }

  @Test
  void listingPutsIpv4FirstThenGoesByLinkIndex() {
    stack.setUp("lo", true);
    stack.addAddress("v1", address("fd01::1/64"));
    stack.addAddress("v0", address("10.0.0.1/24"));
    stack.addAddress("v1", address("10.1.0.1/24"));
    stack.addAddress("v0", address("fd00::1/64"));

    assertThat(stack.listAddresses(null))
        .containsExactly(
            new LinkAddress(1, address("127.0.0.1/8"), Scope.HOST),
            new LinkAddress(index("v1"), address("10.1.0.1/24"), Scope.UNIVERSE),
            new LinkAddress(index("v0"), address("10.0.0.1/24"), Scope.UNIVERSE),
            new LinkAddress(1, address("::1/128"), Scope.HOST),
            new LinkAddress(index("v1"), address("fd01::1/64"), Scope.UNIVERSE),
            new LinkAddress(index("v0"), address("fd00::1/64"), Scope.UNIVERSE));
    assertThat(stack.listAddresses(IpFamily.V6)).hasSize(3);
    assertThat(stack.listAddresses("v0", IpFamily.V4))
        .containsExactly(new LinkAddress(index("v0"), address("10.0.0.1/24"), Scope.UNIVERSE));
  }

  @Test
  void ipv6ListsTheNewestAddressFirst() {
    stack.addAddress("v0", address("fd00::1/64"));
    stack.addAddress("v0", address("fd00::2/64"));

    assertThat(stack.listAddresses("v0", IpFamily.V6))
        .extracting(LinkAddress::address)
        .containsExactly(address("fd00::2/64"), address("fd00::1/64"));
  }

  @Test
  void deletingNeedsTheAddress() {
    stack.addAddress("v0", address("fd00::1/64"));

    assertFails(Errno.EADDRNOTAVAIL, () -> stack.deleteAddress("v0", address("10.0.0.9/24")));
    assertFails(Errno.EADDRNOTAVAIL, () -> stack.deleteAddress("v0", address("fd00::1/80")));
    stack.deleteAddress("v0", address("fd00::1/64"));

    assertThat(stack.listAddresses("v0", null)).isEmpty();
  }

  @Test
  void anIpv4DeleteMatchesAddressAndPrefixLength() {
    stack.addAddress("v0", address("10.0.0.1/16"));
    stack.addAddress("v0", address("10.0.0.1/24"));

    stack.deleteAddress("v0", address("10.0.0.1/24"));

    assertThat(stack.listAddresses("v0", null))
        .extracting(LinkAddress::address)
        .containsExactly(address("10.0.0.1/16"));
  }

  @Test
  void anIpv4PrimaryTakesItsSecondariesAlongUnlessTheyArePromoted() {
    stack.addAddress("v0", address("10.0.0.1/24"));
    stack.addAddress("v0", address("10.0.0.2/24"));
    stack.deleteAddress("v0", address("10.0.0.1/24"));
    assertThat(stack.listAddresses("v0", null)).isEmpty();

    stack.writeSysctl("net.ipv4.conf.v0.promote_secondaries", "1");
    stack.setUp("v0", true);
    stack.addAddress("v0", address("10.0.0.1/24"));
    stack.addAddress("v0", address("10.0.0.2/24"));
    stack.deleteAddress("v0", address("10.0.0.1/24"));

    assertThat(stack.listAddresses("v0", null))
        .extracting(LinkAddress::address)
        .containsExactly(address("10.0.0.2/24"));
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .containsExactly(kernelRouteV4("10.0.0.0/24", "v0", "10.0.0.2"));
  }

  @Test
  void anUpLinkGetsPrefixRoutesForItsAddresses() {
    stack.setUp("v0", true);
    stack.addAddress("v0", address("10.0.0.1/24"));
    stack.addAddress("v0", address("10.0.0.2/24"));
    stack.addAddress("v0", address("10.9.9.9/32"));
    stack.addAddress("v0", address("fd00::1/64"));
    stack.addAddress("v0", address("fd00::2/64"));
    stack.addAddress("v0", address("fd01::5/128"));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .containsExactly(kernelRouteV4("10.0.0.0/24", "v0", "10.0.0.1"));
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .containsExactly(kernelRouteV6("fd00::/64", "v0"), kernelRouteV6("fd01::5/128", "v0"));

    stack.deleteAddress("v0", address("fd00::1/64"));
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .as("the prefix route stays while an address of the prefix is left")
        .hasSize(2);
    stack.deleteAddress("v0", address("fd00::2/64"));
    stack.deleteAddress("v0", address("10.0.0.1/24"));
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .containsExactly(kernelRouteV6("fd01::5/128", "v0"));
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).isEmpty();
  }

  @Test
  void addressesOfADownLinkGetTheirRoutesWhenItComesUp() {
    stack.addAddress("v0", address("10.0.0.1/24"));
    stack.addAddress("v0", address("fd00::1/64"));
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).isEmpty();
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE)).isEmpty();

    stack.setUp("v0", true);

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .containsExactly(kernelRouteV4("10.0.0.0/24", "v0", "10.0.0.1"));
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE))
        .containsExactly(kernelRouteV6("fd00::/64", "v0"));
  }

  @Test
  void goingDownKeepsIpv4AddressesAndDropsIpv6OnesAndAllRoutes() {
    stack.setUp("v0", true);
    stack.addAddress("v0", address("10.0.0.1/24"));
    stack.addAddress("v0", address("fd00::1/64"));
    stack.addRoute(Route.defaultVia(IpAddress.parse("10.0.0.254")).withTable(100));

    stack.setUp("v0", false);

    assertThat(stack.listAddresses("v0", null))
        .extracting(LinkAddress::address)
        .containsExactly(address("10.0.0.1/24"));
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).isEmpty();
    assertThat(stack.listRoutes(IpFamily.V4, 100)).isEmpty();
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE)).isEmpty();

    stack.setUp("v0", true);
    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE))
        .containsExactly(kernelRouteV4("10.0.0.0/24", "v0", "10.0.0.1"));
  }

  @Test
  void loopbackAddressesBringNoIpv4Route() {
    stack.setUp("lo", true);
    stack.addAddress("lo", address("10.77.0.1/24"));

    assertThat(stack.listRoutes(IpFamily.V4, Route.MAIN_TABLE)).isEmpty();
    assertThat(stack.listRoutes(IpFamily.V6, Route.MAIN_TABLE)).isEmpty();
  }

  @Test
  void ipv6NeedsIpv6EnabledAndAnMtuOfAtLeast1280() {
    stack.writeSysctl("net.ipv6.conf.v0.disable_ipv6", "1");
    assertFails(Errno.EACCES, () -> stack.addAddress("v0", address("fd00::1/64")));
    stack.writeSysctl("net.ipv6.conf.v0.disable_ipv6", "0");
    stack.addAddress("v0", address("fd00::1/64"));

    stack.setMtu("v0", 1279);

    assertThat(stack.listAddresses("v0", null)).isEmpty();
    assertFails(Errno.EINVAL, () -> stack.addAddress("v0", address("fd00::1/64")));
    stack.addAddress("v0", address("10.0.0.1/24"));
  }
}
