package dev.junction.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TabWriterTest {

  @Test
  void padsColumnsToTheWidestCellPlusThreeAndAtLeastTen() {
    String table =
        TabWriter.table()
            .format(
                "NETWORK ID\tNAME\tDRIVER\tSCOPE\n"
                    + "aee769ff0a02\tbridge\tbridge\tlocal\n"
                    + "86fc36e81d04\ta-much-longer-name\thost\tlocal\n");

    assertThat(table)
        .isEqualTo(
            "NETWORK ID     NAME                 DRIVER    SCOPE\n"
                + "aee769ff0a02   bridge               bridge    local\n"
                + "86fc36e81d04   a-much-longer-name   host      local\n");
  }

  @Test
  void neverPadsTheLastCellOfALine() {
    assertThat(TabWriter.table().format("a\tb\n")).isEqualTo("a         b\n");
    assertThat(TabWriter.table().format("a\tb")).isEqualTo("a         b");
  }

  @Test
  void aLineWithoutTabsEndsTheColumnsAboveIt() {
    String text = "Client:\n a:\t1\n longer label:\t2\n\nServer:\n b:\t3\n";

    assertThat(new TabWriter(20, 1).format(text))
        .isEqualTo(
            "Client:\n a:                 1\n longer label:      2\n\nServer:\n b:                 3\n");
  }

  @Test
  void countsCharactersNotBytes() {
    assertThat(TabWriter.table().format("ééééé\tx\nabcde\ty\n"))
        .isEqualTo("ééééé     x\nabcde     y\n");
  }

  @Test
  void alignsEachColumnOverTheLinesThatHaveIt() {
    // As Go's tabwriter: the second column spans only the lines with a third cell.
    String text = "a\tb\tc\naaaa\tbbbbbbbbbbbbbbbb\n";

    assertThat(TabWriter.table().format(text))
        .isEqualTo("a         b         c\naaaa      bbbbbbbbbbbbbbbb\n");
  }
}
