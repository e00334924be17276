package dev.junction.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns as Go's {@code text/tabwriter} does, which the docker CLI
 * uses for its tables: a column is as wide as its widest cell plus the padding, and at least the
 * minimum width; the last cell of a line is never padded; a line without tabs ends a block of
 * columns. Cell widths are counted in code points.
 */
public final class TabWriter {
  private final int minWidth;
  private final int padding;

  private record Cell(String text, boolean tabbed) {
    int width() {
      return text.codePointCount(0, text.length());
    }
  }

  /** Docker's tables: {@code tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)}. */
  public static TabWriter table() {
    return new TabWriter(10, 3);
  }

  /** Docker's version output: {@code tabwriter.NewWriter(out, 20, 1, 1, ' ', 0)}. */
  public static TabWriter versions() {
    return new TabWriter(20, 1);
  }

  public TabWriter(int minWidth, int padding) {
    this.minWidth = minWidth;
    this.padding = padding;
  }

  /** The text with its tab-separated cells aligned. */
  public String format(String text) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    List<List<Cell>> lines = new ArrayList<>();
    List<Cell> line = new ArrayList<>();
    lines.add(line);
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\t' && c != '\n') {
        continue;
      }
      line.add(new Cell(text.substring(start, i), c == '\t'));
      start = i + 1;
      if (c == '\n') {
        int cells = line.size();
        line = new ArrayList<>();
        lines.add(line);
        if (cells == 1) { // a line without tabs: the columns above are complete
          new Block(lines, out).format(0, lines.size());
          lines.clear();
          lines.add(line);
        }
      }
    }
    if (start < text.length()) {
      line.add(new Cell(text.substring(start), false));
    }
    new Block(lines, out).format(0, lines.size());
    return out.toString();
  }

  /** One flush of Go's writer: lines formatted column by column, recursively. */
  private final class Block {
    private final List<List<Cell>> lines;
    private final StringBuilder out;
    private final List<Integer> widths = new ArrayList<>();

    Block(List<List<Cell>> lines, StringBuilder out) {
      this.lines = lines;
      this.out = out;
    }

    void format(int line0, int line1) {
      int column = widths.size();
      for (int current = line0; current < line1; current++) {
        if (column >= lines.get(current).size() - 1) {
          continue;
        }
        // This line has a cell in this column: a block of such lines starts here.
        write(line0, current);
        line0 = current;
        int width = minWidth;
        for (; current < line1; current++) {
          List<Cell> line = lines.get(current);
          if (column >= line.size() - 1) {
            break;
          }
          width = Math.max(width, line.get(column).width() + padding);
        }
        widths.add(width);
        format(line0, current);
        widths.removeLast();
        line0 = current;
      }
      write(line0, line1);
    }

    private void write(int line0, int line1) {
      for (int i = line0; i < line1; i++) {
        List<Cell> line = lines.get(i);
        for (int j = 0; j < line.size(); j++) {
          Cell cell = line.get(j);
          out.append(cell.text());
          if (j < widths.size()) {
            out.repeat(' ', Math.max(0, widths.get(j) - cell.width()));
          }
        }
        if (i + 1 < lines.size()) {
          out.append('\n');
        }
      }
    }
  }
}
