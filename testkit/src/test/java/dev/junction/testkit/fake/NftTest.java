package dev.junction.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.kernel.Errno;
import dev.junction.kernel.NetStack;
import dev.junction.kernel.nft.NftBaseChain;
import dev.junction.kernel.nft.NftChain;
import dev.junction.kernel.nft.NftFamily;
import dev.junction.kernel.nft.NftRule;
import dev.junction.kernel.nft.NftRuleset;
import dev.junction.kernel.nft.NftTable;
import dev.junction.kernel.nft.NftTableState;
import dev.junction.testkit.fake.FakeKernel.Op;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftTest {

  private static final NftTable JUNCTION =
      new NftTable(
          NftFamily.INET,
          "junction",
          List.of(
              NftChain.base(
                  "forward_chain",
                  new NftBaseChain(
                      NftBaseChain.Type.FILTER,
                      NftBaseChain.Hook.FORWARD,
                      0,
                      NftBaseChain.Policy.ACCEPT),
                  List.of(
                      NftRule.of("iifname {} accept", "br0").withComment("bridge out"),
                      NftRule.of("ct state established accept")))));

  private final FakeKernel kernel = new FakeKernel(Path.of("/run/netns"));
  private final NetStack stack = kernel.stack(kernel.createNetNs("sb1"));

  private static NftRuleset.Builder batch() {
    return NftRuleset.builder();
  }

  @Test
  void anAppliedTableIsFoundAsItsState() {
    stack.applyNft(batch().replaceTable(JUNCTION).build());

    assertThat(stack.findNftTable(NftFamily.INET, "junction")).contains(NftTableState.of(JUNCTION));
    assertThat(stack.findNftTable(NftFamily.IP, "junction")).isEmpty();
    assertThat(stack.listNftTables()).containsExactly("inet junction");
  }

  @Test
  void replacingATableRecreatesItAtTheEnd() {
    NftTable other = new NftTable(NftFamily.IP, "other", List.of());
    stack.applyNft(batch().replaceTable(JUNCTION).replaceTable(other).build());

    NftTable empty = new NftTable(NftFamily.INET, "junction", List.of());
    stack.applyNft(batch().replaceTable(empty).build());

    assertThat(stack.listNftTables()).containsExactly("ip other", "inet junction");
    assertThat(stack.findNftTable(NftFamily.INET, "junction")).contains(NftTableState.of(empty));
  }

  @Test
  void deletingAMissingTableIsNoError() {
    stack.applyNft(batch().replaceTable(JUNCTION).build());

    stack.applyNft(
        batch().deleteTable(NftFamily.INET, "junction").deleteTable(NftFamily.IP, "none").build());

    assertThat(stack.listNftTables()).isEmpty();
  }

  @Test
  void aFailedBatchChangesNothing() {
    stack.applyNft(batch().replaceTable(JUNCTION).build());
    kernel.failNext(Op.APPLY_NFT, Errno.ENOMEM);

    assertThatThrownBy(
            () -> stack.applyNft(batch().deleteTable(NftFamily.INET, "junction").build()))
        .hasMessageContaining("nft -f -");

    assertThat(stack.listNftTables()).containsExactly("inet junction");
  }

  @Test
  void tableNamesAreChecked() {
    assertThatThrownBy(() -> stack.findNftTable(NftFamily.INET, "1bad"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachNamespaceHasItsOwnTables() {
    stack.applyNft(batch().replaceTable(JUNCTION).build());

    assertThat(kernel.stack(kernel.currentNetNs()).listNftTables()).isEmpty();
  }
}
