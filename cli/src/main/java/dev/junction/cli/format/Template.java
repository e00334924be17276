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
import dev.junction.cli.json.JsonArray;
import dev.junction.cli.json.JsonBoolean;
import dev.junction.cli.json.JsonNumber;
import dev.junction.cli.json.JsonObject;
import dev.junction.cli.json.JsonString;
import dev.junction.cli.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Go template as the docker CLI's {@code --format} takes it, run on JSON documents. See {@link
 * TemplateParser} for the language supported; the functions are Go's ({@code eq}, {@code ne},
 * {@code lt}, {@code le}, {@code gt}, {@code ge}, {@code and}, {@code or}, {@code not}, {@code
 * len}, {@code index}, {@code print}, {@code printf}, {@code println}) and docker's ({@code json},
 * {@code split}, {@code join}, {@code title}, {@code lower}, {@code upper}, {@code pad}, {@code
 * truncate}).
 */
public final class Template {

  /**
   * Methods a document offers besides its fields, as docker's list rows do ({@code {{.Label
   * "com.example.x"}}}): answers null for a method it does not know.
   */
  @FunctionalInterface
  interface Methods {
    Value call(Value receiver, String name, List<Value> arguments);

    Methods NONE =
        new Methods() {
          @Override
          public Value call(Value receiver, String name, List<Value> arguments) {
            return null;
          }
        };
  }

  private static final Set<String> HEADER_IDENTITY =
      Set.of("json", "split", "join", "title", "lower", "upper", "truncate");

  private final String source;
  private final List<TemplateNode> nodes;

  private Template(String source, List<TemplateNode> nodes) {
    this.source = source;
    this.nodes = nodes;
  }

  /** Parses a template; errors read like Go's ({@code template: :1:5: ...}). */
  public static Template parse(String source) throws TemplateException {
    return new Template(source, TemplateParser.parse(source));
  }

  /**
   * Runs the template on a document.
   *
   * @param inspect true for inspect's rule: a field missing from the document is an error saying
   *     {@code map has no entry for key}, as docker's raw fallback says; otherwise it is Go's
   *     {@code can't evaluate field}
   */
  public String execute(JsonValue document, GoShape shape, boolean inspect)
      throws TemplateException {
    return execute(document, shape, inspect, Methods.NONE);
  }

  String execute(JsonValue document, GoShape shape, boolean inspect, Methods methods)
      throws TemplateException {
    Run run = new Run(Value.of(document, shape), inspect, false, methods);
    run.nodes(nodes, run.root);
    return run.out.toString();
  }

  /**
   * Runs the template on a table's column titles, as docker prints a table's first line: the fields
   * name titles, and the string functions give back their argument.
   */
  public String executeHeader(Map<String, String> titles) throws TemplateException {
    JsonObject object = new JsonObject();
    for (Map.Entry<String, String> title : titles.entrySet()) {
      object.put(title.getKey(), title.getValue());
    }
    Run run = new Run(new Value(object, true, GoShape.STRUCTS), false, true, new HeaderLabel());
    run.nodes(nodes, run.root);
    return run.out.toString();
  }

  /** {@code {{.Label "com.example.some-key"}}} in a title line: "some key", as docker's. */
  private static final class HeaderLabel implements Methods {
    @Override
    public Value call(Value receiver, String name, List<Value> arguments) {
      if (name.equals("Label") && arguments.size() == 1) {
        String[] parts = arguments.getFirst().string().split("\\.");
        return Value.text(parts[parts.length - 1].replace('-', ' ').replace('_', ' '));
      }
      return null;
    }
  }

  /** {@code line:column} of a position, as Go's errors give it. */
  static String location(String source, int position) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < position && i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return ":" + line + ":" + (position - lineStart);
  }

  /** One execution: the output so far and the variables in scope. */
  private final class Run {
    private final StringBuilder out = new StringBuilder();
    private final Value root;
    private final boolean inspect;
    private final boolean header;
    private final Methods methods;
    private final Deque<Map<String, Value>> scopes = new ArrayDeque<>();

    Run(Value root, boolean inspect, boolean header, Methods methods) {
      this.root = root;
      this.inspect = inspect;
      this.header = header;
      this.methods = methods;
      Map<String, Value> top = new HashMap<>();
      top.put("$", root);
      scopes.push(top);
    }

    void nodes(List<TemplateNode> list, Value dot) throws TemplateException {
      for (TemplateNode node : list) {
        // instanceof rather than a pattern switch: its bootstrap costs start-up time.
        if (node instanceof Text text) {
          out.append(text.text());
        } else if (node instanceof Action action) {
          Value value = pipeline(action.pipeline(), dot);
          if (action.pipeline().variables().isEmpty()) {
            out.append(value.print());
          }
        } else if (node instanceof Conditional conditional) {
          scopes.push(new HashMap<>());
          try {
            Value value = pipeline(conditional.pipeline(), dot);
            if (value.truth()) {
              nodes(conditional.then(), conditional.with() ? value : dot);
            } else {
              nodes(conditional.otherwise(), dot);
            }
          } finally {
            scopes.pop();
          }
        } else if (node instanceof Range range) {
          range(range, dot);
        }
      }
    }

    private void range(Range range, Value dot) throws TemplateException {
      Pipeline pipeline = range.pipeline();
      Pipeline undeclared = new Pipeline(pipeline.position(), List.of(), pipeline.commands());
      Value over = pipeline(undeclared, dot);
      if (!over.isObject() && !over.isArray() && !over.json().isAbsent()) {
        throw execError(pipeline.position(), "range can't iterate over " + over.print());
      }
      List<Map.Entry<Value, Value>> entries = over.entries();
      if (entries.isEmpty()) {
        nodes(range.otherwise(), dot);
        return;
      }
      for (Map.Entry<Value, Value> entry : entries) {
        Map<String, Value> scope = new HashMap<>();
        List<String> variables = pipeline.variables();
        if (variables.size() == 1) {
          scope.put(variables.getFirst(), entry.getValue());
        } else if (variables.size() == 2) {
          scope.put(variables.get(0), entry.getKey());
          scope.put(variables.get(1), entry.getValue());
        }
        scopes.push(scope);
        try {
          nodes(range.body(), entry.getValue());
        } finally {
          scopes.pop();
        }
      }
    }

    private Value pipeline(Pipeline pipeline, Value dot) throws TemplateException {
      Value value = null;
      for (Command command : pipeline.commands()) {
        value = command(command, dot, value);
      }
      if (!pipeline.variables().isEmpty()) {
        scopes.peek().put(pipeline.variables().getFirst(), value);
      }
      return value;
    }

    private Value command(Command command, Value dot, Value piped) throws TemplateException {
      List<Operand> operands = command.operands();
      Operand first = operands.getFirst();
      if (first instanceof Identifier function) {
        List<Value> arguments = new ArrayList<>();
        for (int i = 1; i < operands.size(); i++) {
          arguments.add(operand(operands.get(i), dot));
        }
        if (piped != null) {
          arguments.add(piped);
        }
        return function(function, arguments);
      }
      if (first instanceof Field field && (operands.size() > 1 || piped != null)) {
        return method(field, operands, dot, piped);
      }
      if (operands.size() > 1 || piped != null) {
        throw execError(first.position(), "can't give argument to non-function");
      }
      return operand(first, dot);
    }

    /** {@code .Label "k"}: a field chain whose last name is a method of its receiver. */
    private Value method(Field field, List<Operand> operands, Value dot, Value piped)
        throws TemplateException {
      if (field.names().isEmpty()) {
        throw execError(field.position(), "can't give argument to non-function");
      }
      List<String> receiverNames = field.names().subList(0, field.names().size() - 1);
      Value receiver = fields(new Field(field.position(), field.variable(), receiverNames), dot);
      List<Value> arguments = new ArrayList<>();
      for (int i = 1; i < operands.size(); i++) {
        arguments.add(operand(operands.get(i), dot));
      }
      if (piped != null) {
        arguments.add(piped);
      }
      String name = field.names().getLast();
      Value answer = methods.call(receiver, name, arguments);
      if (answer == null) {
        throw execError(field.position(), name + " is not a method but has arguments");
      }
      return answer;
    }

    private Value operand(Operand operand, Value dot) throws TemplateException {
      if (operand instanceof Literal literal) {
        return literal.value();
      }
      if (operand instanceof Field field) {
        return fields(field, dot);
      }
      if (operand instanceof Nested nested) {
        return pipeline(nested.pipeline(), dot);
      }
      if (operand instanceof Chain chain) {
        Value receiver = pipeline(chain.receiver().pipeline(), dot);
        return fields(new Field(chain.position(), null, chain.names()), receiver);
      }
      return function((Identifier) operand, List.of());
    }

    private Value fields(Field field, Value dot) throws TemplateException {
      Value value = dot;
      if (field.variable() != null) {
        value = variable(field);
      }
      for (String name : field.names()) {
        if (value.map()) {
          // docker runs the template on its Go value first, where a map's missing key is
          // <no value>; only a failing run falls back to the raw document.
          value = value.field(name);
          continue;
        }
        if (!value.isObject()) {
          if (value.json().isAbsent()) {
            throw execError(field.position(), "nil pointer evaluating interface {}." + name);
          }
          throw execError(
              field.position(), "can't evaluate field " + name + " in type " + goType(value));
        }
        Value child = value.field(name);
        if (child.missing()) {
          throw execError(
              field.position(),
              inspect
                  ? "map has no entry for key \"" + name + "\""
                  : "can't evaluate field " + name + " in type " + goType(value));
        }
        value = child;
      }
      return value;
    }

    private Value variable(Field field) throws TemplateException {
      for (Map<String, Value> scope : scopes) {
        Value value = scope.get(field.variable());
        if (value != null) {
          return value;
        }
      }
      throw new TemplateException(
          "template: "
              + location(source, field.position())
              + ": undefined variable \""
              + field.variable()
              + "\"");
    }

    private Value function(Identifier function, List<Value> arguments) throws TemplateException {
      String name = function.name();
      if (header && HEADER_IDENTITY.contains(name)) {
        arity(
            function,
            arguments,
            1,
            name.equals("split") || name.equals("join") || name.equals("truncate") ? 2 : 1);
        return Value.text(arguments.getFirst().string());
      }
      return switch (name) {
        case "json" -> {
          arity(function, arguments, 1, 1);
          yield Value.text(GoJson.encode(arguments.getFirst()));
        }
        case "upper" -> {
          arity(function, arguments, 1, 1);
          yield Value.text(arguments.getFirst().string().toUpperCase(Locale.ROOT));
        }
        case "lower" -> {
          arity(function, arguments, 1, 1);
          yield Value.text(arguments.getFirst().string().toLowerCase(Locale.ROOT));
        }
        case "title" -> {
          arity(function, arguments, 1, 1);
          yield Value.text(title(arguments.getFirst().string()));
        }
        case "split" -> {
          arity(function, arguments, 2, 2);
          JsonArray parts = new JsonArray();
          String text = arguments.get(0).string();
          String separator = arguments.get(1).string();
          if (separator.isEmpty()) {
            for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
              parts.add(Character.toString(text.codePointAt(i)));
            }
          } else {
            int at = 0;
            int found;
            while ((found = text.indexOf(separator, at)) >= 0) {
              parts.add(text.substring(at, found));
              at = found + separator.length();
            }
            parts.add(text.substring(at));
          }
          yield new Value(parts, false, GoShape.STRUCTS);
        }
        case "join" -> {
          arity(function, arguments, 2, 2);
          Value list = arguments.get(0);
          if (!list.isArray()) {
            throw execError(function.position(), "join: the first argument must be a list");
          }
          List<String> parts = new ArrayList<>();
          for (int i = 0; i < list.size(); i++) {
            parts.add(list.element(i).string());
          }
          yield Value.text(String.join(arguments.get(1).string(), parts));
        }
        case "pad" -> {
          arity(function, arguments, 3, 3);
          String text = arguments.get(0).string();
          yield Value.text(
              text.isEmpty()
                  ? text
                  : " ".repeat(integer(function, arguments.get(1)))
                      + text
                      + " ".repeat(integer(function, arguments.get(2))));
        }
        case "truncate" -> {
          arity(function, arguments, 2, 2);
          String text = arguments.get(0).string();
          int length = integer(function, arguments.get(1));
          yield Value.text(text.length() < length ? text : text.substring(0, Math.max(0, length)));
        }
        case "len" -> {
          arity(function, arguments, 1, 1);
          Value value = arguments.getFirst();
          if (value.isString()) {
            yield Value.number(value.string().getBytes(StandardCharsets.UTF_8).length);
          }
          if (!value.isObject() && !value.isArray()) {
            throw execError(function.position(), "len of " + value.print());
          }
          yield Value.number(value.size());
        }
        case "index" -> {
          if (arguments.isEmpty()) {
            throw execError(
                function.position(), "wrong number of args for index: want at least 1 got 0");
          }
          Value value = arguments.getFirst();
          for (Value key : arguments.subList(1, arguments.size())) {
            if (value.isArray()) {
              int i = integer(function, key);
              if (i < 0 || i >= value.size()) {
                throw execError(
                    function.position(), "error calling index: index out of range: " + i);
              }
              value = value.element(i);
            } else if (value.isObject()) {
              Value child = value.field(key.string());
              // A map's missing key is its element's zero value; for string maps, "".
              value = child.missing() ? Value.text("") : child;
            } else {
              throw execError(
                  function.position(), "error calling index: cannot index " + value.print());
            }
          }
          yield value;
        }
        case "eq", "ne", "lt", "le", "gt", "ge" -> compare(function, arguments);
        case "not" -> {
          arity(function, arguments, 1, 1);
          yield Value.bool(!arguments.getFirst().truth());
        }
        case "and" -> {
          arity(function, arguments, 1, Integer.MAX_VALUE);
          Value last = null;
          for (Value argument : arguments) {
            last = argument;
            if (!argument.truth()) {
              break;
            }
          }
          yield last;
        }
        case "or" -> {
          arity(function, arguments, 1, Integer.MAX_VALUE);
          Value last = null;
          for (Value argument : arguments) {
            last = argument;
            if (argument.truth()) {
              break;
            }
          }
          yield last;
        }
        case "print" -> Value.text(print(arguments, false));
        case "println" -> Value.text(print(arguments, true));
        case "printf" -> {
          arity(function, arguments, 1, Integer.MAX_VALUE);
          yield Value.text(
              printf(arguments.getFirst().string(), arguments.subList(1, arguments.size())));
        }
        default ->
            throw new TemplateException(
                "template: "
                    + location(source, function.position())
                    + ": function \""
                    + name
                    + "\" not defined");
      };
    }

    private Value compare(Identifier function, List<Value> arguments) throws TemplateException {
      String name = function.name();
      arity(function, arguments, 2, name.equals("eq") ? Integer.MAX_VALUE : 2);
      Value first = arguments.getFirst();
      if (name.equals("eq")) {
        for (Value other : arguments.subList(1, arguments.size())) {
          if (order(function, first, other) == 0) {
            return Value.bool(true);
          }
        }
        return Value.bool(false);
      }
      int order = order(function, first, arguments.get(1));
      return Value.bool(
          switch (name) {
            case "ne" -> order != 0;
            case "lt" -> order < 0;
            case "le" -> order <= 0;
            case "gt" -> order > 0;
            default -> order >= 0;
          });
    }

    private int order(Identifier function, Value a, Value b) throws TemplateException {
      JsonValue x = a.json();
      JsonValue y = b.json();
      if (x instanceof JsonNumber m && y instanceof JsonNumber n) {
        return m.decimal().compareTo(n.decimal());
      }
      if (x instanceof JsonString m && y instanceof JsonString n) {
        return Integer.signum(m.value().compareTo(n.value()));
      }
      boolean equality = function.name().equals("eq") || function.name().equals("ne");
      if (x instanceof JsonBoolean m && y instanceof JsonBoolean n && equality) {
        return m == n ? 0 : 1;
      }
      if (x.isAbsent() && y.isAbsent()) {
        return 0;
      }
      throw execError(
          function.position(),
          "error calling " + function.name() + ": incompatible types for comparison");
    }

    private void arity(Identifier function, List<Value> arguments, int min, int max)
        throws TemplateException {
      if (arguments.size() < min || arguments.size() > max) {
        throw execError(
            function.position(),
            "wrong number of args for "
                + function.name()
                + ": want "
                + (min == max ? String.valueOf(min) : "at least " + min)
                + " got "
                + arguments.size());
      }
    }

    private int integer(Identifier function, Value value) throws TemplateException {
      if (value.json() instanceof JsonNumber number && number.integral()) {
        try {
          return Integer.parseInt(number.text());
        } catch (NumberFormatException e) {
          // too large: said below
        }
      }
      throw execError(function.position(), "expected an integer; found " + value.print());
    }

    private TemplateException execError(int position, String message) {
      return new TemplateException(
          "template: "
              + location(source, position)
              + ": executing \"\" at <"
              + near(position)
              + ">: "
              + message);
    }

    /** The text of the operand at a position, as Go names it in errors. */
    private String near(int position) {
      int end = position;
      while (end < source.length()
          && !Character.isWhitespace(source.charAt(end))
          && source.charAt(end) != '}'
          && source.charAt(end) != '|'
          && source.charAt(end) != ')') {
        end++;
      }
      return source.substring(position, end);
    }
  }

  private static String goType(Value value) {
    JsonValue json = value.json();
    if (json instanceof JsonString) {
      return "string";
    }
    if (json instanceof JsonBoolean) {
      return "bool";
    }
    if (json instanceof JsonNumber) {
      return "int";
    }
    if (json instanceof JsonArray) {
      return "[]interface {}";
    }
    return "struct";
  }

  /** Go's strings.Title: the first letter of each word in upper case. */
  private static String title(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean start = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(start ? Character.toTitleCase(c) : c);
      start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
    }
    return out.toString();
  }

  /** Go's Sprint (spaces between operands when neither is a string) or Sprintln. */
  private static String print(List<Value> arguments, boolean line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < arguments.size(); i++) {
      boolean spaced =
          i > 0 && (line || (!arguments.get(i).isString() && !arguments.get(i - 1).isString()));
      out.append(spaced ? " " : "").append(arguments.get(i).print());
    }
    return line ? out.append('\n').toString() : out.toString();
  }

  /** Go's Sprintf for the verbs formats use: %s %v %d %q %t %%. */
  private static String printf(String format, List<Value> arguments) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char verb = format.charAt(++i);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (next >= arguments.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Value argument = arguments.get(next++);
      if (verb == 'q') {
        StringBuilder quoted = new StringBuilder();
        JsonString.quote(argument.string(), quoted);
        out.append(quoted);
      } else {
        out.append(argument.print());
      }
    }
    return out.toString();
  }
}
