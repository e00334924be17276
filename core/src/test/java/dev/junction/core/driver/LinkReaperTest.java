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

  private void addPending(String name) {
    host.addLink(
        new LinkSpec.Dummy(name, LinkSettings.DEFAULT.withGroup(LinkGroups.PENDING_DELETION)));
  }

  private List<String> groupDeletions() {
    return kernel.log().stream().filter(entry -> entry.contains("ip link delete group")).toList();
  }

  @Test
  void deletionsScheduledWithinTheWindowAreDeletedInOneBatch() {
    // A window longer than the test: only flush ends it. Each schedule used to wake the thread,
    // which ended the window, so a burst of disconnects was deleted link by link.
    try (LinkReaper reaper = new LinkReaper(errors::add, Duration.ofSeconds(30))) {
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
    try (LinkReaper reaper = new LinkReaper(errors::add, Duration.ofMillis(5))) {
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
}
