package dev.junction.cli.format;

import java.util.List;

/** The parsed form of a template: text, actions, and the control structures around them. */
sealed interface TemplateNode {

  record Text(String text) implements TemplateNode {}

  /** {@code {{pipeline}}}: prints the pipeline's value, unless it declares a variable. */
  record Action(Pipeline pipeline) implements TemplateNode {}

  /** {@code {{if}}} and {@code {{with}}} (which also moves the dot). */
  record Conditional(
      boolean with, Pipeline pipeline, List<TemplateNode> then, List<TemplateNode> otherwise)
      implements TemplateNode {}

  /** {@code {{range}}}, with optional {@code $i, $v :=}. */
  record Range(Pipeline pipeline, List<TemplateNode> body, List<TemplateNode> otherwise)
      implements TemplateNode {}

  /** {@code $x := cmd | cmd ...}. */
  record Pipeline(int position, List<String> variables, List<Command> commands) {}

  /** A function call, or a single operand (possibly a method call such as {@code .Label "k"}). */
  record Command(int position, List<Operand> operands) {}

  sealed interface Operand {
    int position();
  }

  /** {@code .A.B}, {@code $.A}, {@code $v.A}, or {@code .} alone; {@code variable} null for dot. */
  record Field(int position, String variable, List<String> names) implements Operand {}

  /** A function name. */
  record Identifier(int position, String name) implements Operand {}

  record Literal(int position, Value value) implements Operand {}

  /** {@code ( pipeline )}. */
  record Nested(int position, Pipeline pipeline) implements Operand {}

  /** {@code (pipeline).A.B}: fields of what a parenthesised pipeline gives. */
  record Chain(int position, Nested receiver, List<String> names) implements Operand {}
}
