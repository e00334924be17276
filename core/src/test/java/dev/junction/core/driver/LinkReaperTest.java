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
  void slowLinksWaitUntilNetworkChangesPauseThenGoOneMessageEach() throws InterruptedException {
    try (LinkReaper reaper =
        new LinkReaper(errors::add, Duration.ofMillis(5), Duration.ofSeconds(1), LONG)) {
      for (int i = 0; i < 3; i++) {
        addSlow("jdbridge" + i);
        reaper.scheduleSlow(host, "jdbridge" + i);
      }
      // Network creations keep coming, each within the quiet period of the last, for longer than
      // that period.
      keepChanging(reaper, Duration.ofMillis(1500));
      assertThat(host.listLinks())
          .as("deleted during the changes")
          .extracting(Link::name)
          .contains("jdbridge0", "jdbridge1", "jdbridge2");
      for (int i = 0; i < 3; i++) {
        awaitGone("jdbridge" + i, Duration.ofSeconds(10));
      }
    }
    // One message each: nothing waits for more than one bridge's deletion.
    for (int i = 0; i < 3; i++) {
      assertThat(deletionsOf("jdbridge" + i)).hasSize(1);
    }
    assertThat(groupDeletions()).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void slowLinksThatWaitedLongestGoWithTheirWholeGroupEvenWithoutAPause()
      throws InterruptedException {
    try (LinkReaper reaper =
        new LinkReaper(
            errors::add, Duration.ofMillis(5), Duration.ofSeconds(30), Duration.ofSeconds(1))) {
      addSlow("jdbridge0");
      reaper.scheduleSlow(host, "jdbridge0");
      keepChanging(reaper, Duration.ofMillis(100));
      addSlow("jdbridge1");
      reaper.scheduleSlow(host, "jdbridge1");
      assertThat(host.findLink("jdbridge0")).isPresent();
      // The changes never pause, but the first has waited long enough: both go, in one message.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (host.findLink("jdbridge0").isPresent() && System.nanoTime() < deadline) {
        reaper.networkChanging();
        Thread.sleep(10);
      }
      assertThat(host.findLink("jdbridge0")).isEmpty();
      assertThat(host.findLink("jdbridge1")).isEmpty();
    }
    assertThat(groupDeletions())
        .singleElement()
        .asString()
        .endsWith("group " + LinkGroups.PENDING_SLOW_DELETION);
    assertThat(deletionsOf("jdbridge0")).isEmpty();
    assertThat(errors).isEmpty();
  }

  @Test
  void slowLinksDoNotGoWithTheBatchAndAFlushDoesNotWaitForThePause() {
    try (LinkReaper reaper = new LinkReaper(errors::add, Duration.ofMillis(5), LONG, LONG)) {
      addSlow("jdbridge");
      reaper.scheduleSlow(host, "jdbridge");
      addPending("gone");
      reaper.schedule(host);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (host.findLink("gone").isPresent() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(host.findLink("gone")).isEmpty();
      assertThat(host.findLink("jdbridge")).isPresent();
      reaper.flush();
      assertThat(host.findLink("jdbridge")).isEmpty();
    }
    assertThat(groupDeletions()).hasSize(2);
    assertThat(errors).isEmpty();
  }

  @Test
  void aSlowLinkAlreadyGoneIsNoError() throws InterruptedException {
    try (LinkReaper reaper =
        new LinkReaper(errors::add, Duration.ofMillis(5), Duration.ofMillis(1), LONG)) {
      reaper.scheduleSlow(host, "jdnothere");
      addSlow("jdbridge");
      reaper.scheduleSlow(host, "jdbridge"); // deleted after the first, one message each
      awaitGone("jdbridge", Duration.ofSeconds(10));
    }
    assertThat(deletionsOf("jdbridge")).hasSize(1);
    assertThat(errors).isEmpty();
  }

  @Test
  void closingDeletesWhatWaitsForAPause() {
    LinkReaper reaper = new LinkReaper(errors::add, Duration.ofMillis(5), LONG, LONG);
    addSlow("jdbridge");
    reaper.scheduleSlow(host, "jdbridge");
    reaper.close();
    assertThat(host.findLink("jdbridge")).isEmpty();
  }
}
