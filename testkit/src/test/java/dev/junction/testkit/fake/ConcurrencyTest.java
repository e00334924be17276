package dev.junction.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.kernel.NetStack;
import dev.junction.kernel.link.Link;
import dev.junction.kernel.link.LinkSpec;
import dev.junction.kernel.ns.NetNs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

  @Test
  void concurrentCallersSeeOneConsistentKernel() throws Exception {
    FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));
    NetNs sandbox = kernel.createNetNs("sb1");
    int threads = 8;
    int perThread = 50;

    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String prefix = "t" + t + "-";
        done.add(
            executor.submit(
                () -> {
                  NetStack stack = kernel.stack(sandbox);
                  for (int i = 0; i < perThread; i++) {
                    stack.addLink(new LinkSpec.Veth(prefix + i, prefix + "p" + i));
                    stack.listLinks();
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    }

    List<Link> links = kernel.stack(sandbox).listLinks();
    assertThat(links).hasSize(1 + 2 * threads * perThread);
    assertThat(links).extracting(Link::index).doesNotHaveDuplicates().isSorted();
    assertThat(kernel.log()).hasSize(1 + threads * perThread);
  }
}
