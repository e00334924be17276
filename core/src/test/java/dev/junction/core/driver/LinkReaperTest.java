package dev.junction.core.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.kernel.NetStack;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSettings;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import dev.junction.testkit.fake.FakeKernel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LinkReaperTest {

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/junction-unit/netns"));
  private final NetStack host = kernel.stack(NetNs.current());
  private final List<RuntimeException> errors = new CopyOnWriteArrayList<>();

  private static final Duration QUIET = Duration.ofMillis(100);
  private static final Duration LONG = Duration.ofSeconds(30);

  private void addPending(String name) {
    host.addLink(
        new LinkSpec.Dummy(name, LinkSettings.DEFAULT.withGroup(LinkGroups.PENDING_DELETION)));
  }

  private void addSlow(String name) {
    host.addLink(
        new LinkSpec.Bridge(
            name, LinkSettings.DEFAULT.withGroup(LinkGroups.PENDING_SLOW_DELETION)));
  }

  private List<String> deletionsOf(String name) {
    return kernel.log().stream().filter(entry -> entry.endsWith("ip link delete " + name)).toList();
  }

  /** Calls networkChanging every 10 ms for {@code duration}. */
  private static void keepChanging(LinkReaper reaper, Duration duration)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      reaper.networkChanging();
      Thread.sleep(10);
    }
  }

  private void awaitGone(String name, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (host.findLink(name).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(host.findLink(name)).as(name).isEmpty();
  }

  private List<String> groupDeletions() {
    return kernel.log().stream().filter(entry -> entry.contains("ip link delete group")).toList();
  }

  @Test
  void deletionsScheduledWithinTheWindowAreDeletedInOneBatch() {
    // A window longer than the test: only flush ends it. Each schedule used to wake the thread,
    // which ended the window, so a burst of disconnects was deleted link by link.
    try (LinkReaper reaper = new LinkReaper(errors::add, Duration.ofSeconds(30), QUIET, LONG)) {
      for (int i = 0; i < 5; i++) {
        addPending("gone" + i);
        reaper.schedule(host);
      }
      reaper.flush();
    }
    assertThat(groupDeletions()).hasSize(1);
    assertThat(host.listLinks()).extracting(Link::name).noneMatch(name -> name.startsWith("gone"));
    assertThat(errors).isEmpty();
  }

  @Test
  void aDeletionScheduledWhileIdleIsDeletedWithoutAFlush() throws InterruptedException {
    try (LinkReaper reaper = new LinkReaper(errors::add, Duration.ofMillis(5), QUIET, LONG)) {
      addPending("first");
      reaper.schedule(host);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (host.findLink("first").isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(host.findLink("first")).isEmpty();
      // Idle again: the next one wakes it too.
      addPending("second");
      reaper.schedule(host);
      while (host.findLink("second").isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(host.findLink("second")).isEmpty();
    }
    assertThat(groupDeletions()).hasSize(2);
  }

  @Test
  void aLinkScheduledAloneWaitsUntilNetworkChangesPause() throws InterruptedException {
    try (LinkReaper reaper =
        new LinkReaper(errors::add, Duration.ofMillis(5), Duration.ofMillis(300), LONG)) {
      addSlow("jdbridge");
      reaper.scheduleAlone(host, "jdbridge");
      // Network creations keep coming, each within the quiet period of the last.
      keepChanging(reaper, Duration.ofMillis(800));
      assertThat(host.findLink("jdbridge")).as("deleted during the changes").isPresent();
      awaitGone("jdbridge", Duration.ofSeconds(10));
    }
    assertThat(deletionsOf("jdbridge")).hasSize(1);
    assertThat(groupDeletions()).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void aLinkScheduledAloneWaitsNoLongerThanTheLongestWait() throws InterruptedException {
    try (LinkReaper reaper =
        new LinkReaper(
            errors::add, Duration.ofMillis(5), Duration.ofSeconds(30), Duration.ofMillis(300))) {
      addSlow("jdbridge");
      reaper.scheduleAlone(host, "jdbridge");
      keepChanging(reaper, Duration.ofMillis(100));
      assertThat(host.findLink("jdbridge")).isPresent();
      // The changes never pause, but the link has waited long enough.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (host.findLink("jdbridge").isPresent() && System.nanoTime() < deadline) {
        reaper.networkChanging();
        Thread.sleep(10);
      }
      assertThat(host.findLink("jdbridge")).isEmpty();
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void linksScheduledAloneAreDeletedOneMessageEachAndNotWithTheGroup() {
    try (LinkReaper reaper = new LinkReaper(errors::add, Duration.ofMillis(5), LONG, LONG)) {
      for (int i = 0; i < 3; i++) {
        addSlow("jdbridge" + i);
        reaper.scheduleAlone(host, "jdbridge" + i);
      }
      addPending("gone");
      reaper.schedule(host);
      // Only the group is due: the links scheduled alone wait for a pause of 30 s.
      reaper.networkChanging();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (host.findLink("gone").isPresent() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(host.findLink("gone")).isEmpty();
      assertThat(host.listLinks()).extracting(Link::name).contains("jdbridge0", "jdbridge2");
      // A flush does not wait for the pause.
      reaper.flush();
      assertThat(host.listLinks()).extracting(Link::name).noneMatch(n -> n.startsWith("jdbridge"));
    }
    for (int i = 0; i < 3; i++) {
      assertThat(deletionsOf("jdbridge" + i)).hasSize(1);
    }
    assertThat(groupDeletions()).hasSize(1);
    assertThat(errors).isEmpty();
  }

  @Test
  void aLinkScheduledAloneThatIsAlreadyGoneIsNoError() {
    try (LinkReaper reaper = new LinkReaper(errors::add, Duration.ofMillis(5), QUIET, LONG)) {
      reaper.scheduleAlone(host, "jdnothere");
      reaper.flush();
    }
    assertThat(deletionsOf("jdnothere")).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void closingDeletesWhatWaitsForAPause() {
    LinkReaper reaper = new LinkReaper(errors::add, Duration.ofMillis(5), LONG, LONG);
    addSlow("jdbridge");
    reaper.scheduleAlone(host, "jdbridge");
    reaper.close();
    assertThat(host.findLink("jdbridge")).isEmpty();
  }
}
