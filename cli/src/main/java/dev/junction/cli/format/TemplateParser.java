package dev.junction.cli.format;

import dev.junction.cli.format.TemplateNode.Action;
import dev.junction.cli.format.TemplateNode.Chain;
import dev.junction.cli.format.TemplateNode.Command;
import dev.junction.cli.format.TemplateNode.Conditional;
import dev.junction.cli.format.TemplateNode.Field;
import dev.junction.cli.format.TemplateNode.Identifier;
import dev.junction.cli.format.TemplateNode.Literal;
import dev.junction.cli.format.TemplateNode.Nested;
import dev.junction.cli.format.TemplateNode.Operand;
import dev.junction.cli.format.TemplateNode.Pipeline;
import dev.junction.cli.format.TemplateNode.Range;
import dev.junction.cli.format.TemplateNode.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the part of Go's {@code text/template} language that docker formats use: text, {@code
 * {{pipeline}}} with fields, variables, literals, functions and pipes, {@code if}/{@code else
 * if}/{@code else}, {@code with}, {@code range} with variables, comments and the {@code {{-}} and
 * {@code -}}} trim markers. {@code define}, {@code template} and {@code block} are refused.
 */
final class TemplateParser {
  /** Go's built-in functions that formats use, and docker's. */
  static final Set<String> FUNCTIONS =
      Set.of(
          "and",
          "or",
          "not",
          "len",
          "index",
          "print",
          "printf",
          "println",
          "eq",
          "ne",
          "lt",
          "le",
          "gt",
          "ge",
          "json",
          "split",
          "join",
          "title",
          "lower",
          "upper",
          "pad",
          "truncate");

  private final String source;
  private final List<Item> items = new ArrayList<>();
  private int next; // index into items
  private int lastPosition; // of the last action parsed, for errors at the end

  /** A piece of the source: text, or the tokens of one action. */
  private sealed interface Item {}

  private record TextItem(String text) implements Item {}

  private record ActionItem(int position, List<Token> tokens) implements Item {
    String keyword() {
      return !tokens.isEmpty() && tokens.getFirst().kind() == Kind.IDENT
          ? tokens.getFirst().text()
          : "";
    }
  }

  private enum Kind {
    FIELD, // .A.B or . (text holds the names after the dot, dot-separated; empty for .)
    VARIABLE, // $x.A (text holds $x then names)
    IDENT,
    STRING,
    NUMBER,
    PIPE,
    OPEN,
    CLOSE,
    DECLARE,
    COMMA
  }

  private record Token(Kind kind, String text, int position) {}

  private TemplateParser(String source) {
    this.source = source;
  }

  static List<TemplateNode> parse(String source) throws TemplateException {
    TemplateParser parser = new TemplateParser(source);
    parser.split();
    List<TemplateNode> nodes = new ArrayList<>();
    String end = parser.parseList(nodes);
    if (!end.isEmpty()) {
      throw parser.error(parser.lastPosition, "unexpected {{" + end + "}}");
    }
    return nodes;
  }

  // ---- splitting the source into text and actions

  private void split() throws TemplateException {
    int at = 0;
    boolean trimNext = false;
    while (at <= source.length()) {
      int open = source.indexOf("{{", at);
      String text = open < 0 ? source.substring(at) : source.substring(at, open);
      if (trimNext) {
        text = text.stripLeading();
      }
      if (open < 0) {
        addText(text);
        return;
      }
      int inner = open + 2;
      if (source.startsWith("- ", inner)
          || source.startsWith("-\t", inner)
          || source.startsWith("-\n", inner)) {
        text = text.stripTrailing();
        inner += 2;
      }
      addText(text);
      int close = findClose(inner);
      int innerEnd = close;
      trimNext = false;
      if (close - 1 >= inner
          && source.charAt(close - 1) == '-'
          && close - 2 >= inner
          && Character.isWhitespace(source.charAt(close - 2))) {
        trimNext = true;
        innerEnd = close - 1;
      }
      String body = source.substring(inner, innerEnd);
      if (!body.strip().startsWith("/*")) {
        items.add(new ActionItem(open, tokenize(inner, innerEnd)));
      } else if (!body.strip().endsWith("*/")) {
        throw error(open, "unclosed comment");
      }
      at = close + 2;
    }
  }

  private void addText(String text) {
    if (!text.isEmpty()) {
      items.add(new TextItem(text));
    }
  }

  /** The index of the {@code }}} that ends the action starting at {@code from}. */
  private int findClose(int from) throws TemplateException {
    int i = from;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '"' || c == '`') {
        i = skipString(i) + 1;
        continue;
      }
      if (c == '}' && source.startsWith("}}", i)) {
        return i;
      }
      i++;
    }
    throw error(from, "unclosed action");
  }

  private int skipString(int start) throws TemplateException {
    char quote = source.charAt(start);
    for (int i = start + 1; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote == '"' && c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      } else if (c == '\n' && quote == '"') {
        break;
      }
    }
    throw error(start, "unterminated quoted string");
  }

  private List<Token> tokenize(int from, int to) throws TemplateException {
    List<Token> tokens = new ArrayList<>();
    int i = from;
    while (i < to) {
      char c = source.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '`') {
        int end = skipString(i);
        tokens.add(new Token(Kind.STRING, unquote(i, end), i));
        i = end + 1;
      } else if (c == '|') {
        tokens.add(new Token(Kind.PIPE, "|", i++));
      } else if (c == '(') {
        tokens.add(new Token(Kind.OPEN, "(", i++));
      } else if (c == ')') {
        tokens.add(new Token(Kind.CLOSE, ")", i++));
      } else if (c == ',') {
        tokens.add(new Token(Kind.COMMA, ",", i++));
      } else if (c == ':' && i + 1 < to && source.charAt(i + 1) == '=') {
        tokens.add(new Token(Kind.DECLARE, ":=", i));
        i += 2;
      } else if (c == '.' || c == '$') {
        int end = i; // a dot starts the first name; a variable's name comes first
        if (c == '$') {
          end++;
          while (end < to && isIdentChar(source.charAt(end))) {
            end++;
          }
        }
        while (end < to && source.charAt(end) == '.') {
          int nameEnd = end + 1;
          while (nameEnd < to && isIdentChar(source.charAt(nameEnd))) {
            nameEnd++;
          }
          if (nameEnd == end + 1) {
            break;
          }
          end = nameEnd;
        }
        if (end == i) { // the dot alone
          end++;
          if (end < to && source.charAt(end) == '.') {
            throw error(i, "unexpected . after term \".\"");
          }
        }
        tokens.add(new Token(c == '.' ? Kind.FIELD : Kind.VARIABLE, source.substring(i, end), i));
        i = end;
      } else if (Character.isDigit(c)
          || (c == '-' && i + 1 < to && Character.isDigit(source.charAt(i + 1)))) {
        int end = i + 1;
        while (end < to
            && (Character.isLetterOrDigit(source.charAt(end)) || source.charAt(end) == '.')) {
          end++;
        }
        tokens.add(new Token(Kind.NUMBER, source.substring(i, end), i));
        i = end;
      } else if (isIdentChar(c)) {
        int end = i + 1;
        while (end < to && isIdentChar(source.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.IDENT, source.substring(i, end), i));
        i = end;
      } else {
        throw error(i, "unexpected \"" + c + "\" in command");
      }
    }
    return tokens;
  }

  private static boolean isIdentChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private String unquote(int start, int end) throws TemplateException {
    if (source.charAt(start) == '`') {
      return source.substring(start + 1, end);
    }
    StringBuilder out = new StringBuilder();
    for (int i = start + 1; i < end; i++) {
      char c = source.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = source.charAt(++i);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '\\', '"', '\'' -> out.append(escaped);
        case 'u' -> {
          if (i + 4 >= end) {
            throw error(start, "invalid syntax in quoted string");
          }
          try {
            out.append((char) Integer.parseInt(source.substring(i + 1, i + 5), 16));
          } catch (NumberFormatException e) {
            throw error(start, "invalid syntax in quoted string");
          }
          i += 4;
        }
        default -> throw error(start, "invalid syntax in quoted string");
      }
    }
    return out.toString();
  }

  // ---- building the tree

  /** Parses nodes into {@code into} up to {@code end} or {@code else}: answers which ended it. */
  private String parseList(List<TemplateNode> into) throws TemplateException {
    while (next < items.size()) {
      Item item = items.get(next++);
      if (item instanceof TextItem text) {
        into.add(new Text(text.text()));
        continue;
      }
      ActionItem action = (ActionItem) item;
      lastPosition = action.position();
      switch (action.keyword()) {
        case "end", "else" -> {
          return action.keyword();
        }
        case "if", "with" -> into.add(conditional(action, 1));
        case "range" -> into.add(range(action));
        case "define", "template", "block", "break", "continue" ->
            throw error(
                action.position(),
                "{{"
                    + action.keyword()
                    + "}} is not supported; use fields, functions, if, with"
                    + " and range");
        default -> into.add(new Action(pipeline(action, 0, action.tokens().size())));
      }
    }
    return "";
  }

  /** {@code if} or {@code with}; the pipeline starts at token {@code from}. */
  private Conditional conditional(ActionItem action, int from) throws TemplateException {
    boolean with = action.tokens().get(from - 1).text().equals("with");
    Pipeline condition = pipeline(action, from, action.tokens().size());
    List<TemplateNode> then = new ArrayList<>();
    List<TemplateNode> otherwise = new ArrayList<>();
    String end = parseList(then);
    if (end.equals("else")) {
      ActionItem elseItem = (ActionItem) items.get(next - 1);
      if (elseItem.tokens().size() > 1) {
        Token second = elseItem.tokens().get(1);
        if (second.kind() != Kind.IDENT || !(second.text().equals("if"))) {
          throw error(second.position(), "unexpected " + second.text() + " after else");
        }
        otherwise.add(conditional(elseItem, 2)); // else if: its end is ours
        return new Conditional(with, condition, then, otherwise);
      }
      end = parseList(otherwise);
    }
    if (!end.equals("end")) {
      throw error(
          action.position(), "unexpected EOF: {{" + (with ? "with" : "if") + "}} has no {{end}}");
    }
    return new Conditional(with, condition, then, otherwise);
  }

  private Range range(ActionItem action) throws TemplateException {
    Pipeline over = pipeline(action, 1, action.tokens().size());
    if (over.variables().size() > 2) {
      throw error(action.position(), "too many declarations in range");
    }
    List<TemplateNode> body = new ArrayList<>();
    List<TemplateNode> otherwise = new ArrayList<>();
    String end = parseList(body);
    if (end.equals("else")) {
      end = parseList(otherwise);
    }
    if (!end.equals("end")) {
      throw error(action.position(), "unexpected EOF: {{range}} has no {{end}}");
    }
    return new Range(over, body, otherwise);
  }

  private Pipeline pipeline(ActionItem action, int from, int to) throws TemplateException {
    List<Token> tokens = action.tokens();
    List<String> variables = new ArrayList<>();
    int at = from;
    // $x := ... or $i, $v := ...
    int declare = -1;
    for (int i = from; i < to; i++) {
      if (tokens.get(i).kind() == Kind.DECLARE) {
        declare = i;
        break;
      }
    }
    if (declare >= 0) {
      for (int i = from; i < declare; i++) {
        Token token = tokens.get(i);
        if (token.kind() == Kind.COMMA && i > from) {
          continue;
        }
        if (token.kind() != Kind.VARIABLE || token.text().contains(".")) {
          throw error(token.position(), "unexpected \"" + token.text() + "\" in declaration");
        }
        variables.add(token.text());
      }
      at = declare + 1;
    }
    int position = at < to ? tokens.get(at).position() : action.position();
    List<Command> commands = new ArrayList<>();
    while (at < to) {
      int end = at;
      int depth = 0;
      while (end < to && (depth > 0 || tokens.get(end).kind() != Kind.PIPE)) {
        Kind kind = tokens.get(end).kind();
        depth += kind == Kind.OPEN ? 1 : kind == Kind.CLOSE ? -1 : 0;
        end++;
      }
      commands.add(command(action, at, end));
      at = end + 1;
      if (end < to && at >= to) {
        throw error(tokens.get(end).position(), "missing command after |");
      }
    }
    if (commands.isEmpty()) {
      throw error(action.position(), "missing value for command");
    }
    return new Pipeline(position, variables, commands);
  }

  private Command command(ActionItem action, int from, int to) throws TemplateException {
    List<Token> tokens = action.tokens();
    List<Operand> operands = new ArrayList<>();
    int at = from;
    while (at < to) {
      Token token = tokens.get(at);
      switch (token.kind()) {
        case OPEN -> {
          int depth = 0;
          int end = at;
          for (; end < to; end++) {
            Kind kind = tokens.get(end).kind();
            depth += kind == Kind.OPEN ? 1 : kind == Kind.CLOSE ? -1 : 0;
            if (depth == 0) {
              break;
            }
          }
          if (end == to) {
            throw error(token.position(), "unclosed left paren");
          }
          Nested nested = new Nested(token.position(), pipeline(action, at + 1, end));
          at = end + 1;
          Token next = at < to ? tokens.get(at) : null;
          // Go chains fields onto a parenthesised pipeline only when written right after it.
          if (next != null
              && next.kind() == Kind.FIELD
              && next.position() == tokens.get(end).position() + 1) {
            operands.add(
                new Chain(token.position(), nested, field(next, null, next.text()).names()));
            at++;
          } else {
            operands.add(nested);
          }
          continue;
        }
        case FIELD -> operands.add(field(token, null, token.text()));
        case VARIABLE -> {
          int dot = token.text().indexOf('.');
          String variable = dot < 0 ? token.text() : token.text().substring(0, dot);
          operands.add(field(token, variable, dot < 0 ? "" : token.text().substring(dot)));
        }
        case STRING -> operands.add(new Literal(token.position(), Value.text(token.text())));
        case NUMBER -> {
          try {
            operands.add(
                new Literal(token.position(), Value.number(Integer.parseInt(token.text()))));
          } catch (NumberFormatException e) {
            throw error(token.position(), "only integer numbers are supported: " + token.text());
          }
        }
        case IDENT ->
            operands.add(
                switch (token.text()) {
                  case "true" -> new Literal(token.position(), Value.bool(true));
                  case "false" -> new Literal(token.position(), Value.bool(false));
                  case "nil" -> new Literal(token.position(), Value.NIL);
                  default -> {
                    if (!FUNCTIONS.contains(token.text())) {
                      throw error(
                          token.position(), "function \"" + token.text() + "\" not defined");
                    }
                    yield new Identifier(token.position(), token.text());
                  }
                });
        default -> throw error(token.position(), "unexpected \"" + token.text() + "\" in operand");
      }
      at++;
    }
    return new Command(tokens.get(from).position(), operands);
  }

  private static Field field(Token token, String variable, String chain) {
    List<String> names = new ArrayList<>();
    for (String name : chain.split("\\.")) {
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return new Field(token.position(), variable, names);
  }

  /** Go's parse errors name the line only: {@code template: :1: unclosed action}. */
  private TemplateException error(int position, String message) {
    int line = 1;
    for (int i = 0; i < position && i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    return new TemplateException("template: :" + line + ": " + message);
  }
}
