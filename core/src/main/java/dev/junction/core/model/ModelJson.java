package dev.junction.core.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.junction.core.id.EndpointId;
import dev.junction.core.id.NetworkId;
import dev.junction.core.id.SandboxId;
import dev.junction.kernel.ip.InterfaceAddress;
import dev.junction.kernel.ip.IpAddress;
import dev.junction.kernel.ip.IpPrefix;
import dev.junction.kernel.ip.MacAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON form of stored records. Addresses, prefixes, MACs, IDs and paths are written as their
 * canonical text, so that the store is readable with {@code sqlite3} and stable across versions.
 */
public final class ModelJson {

  private static final ObjectMapper MAPPER = create();

  private ModelJson() {}

  private static ObjectMapper create() {
    SimpleModule values = new SimpleModule("junction-values");
    text(values, IpAddress.class, IpAddress::parse);
    text(values, IpPrefix.class, IpPrefix::parse);
    text(values, InterfaceAddress.class, InterfaceAddress::parse);
    text(values, MacAddress.class, MacAddress::parse);
    text(values, NetworkId.class, NetworkId::new);
    text(values, EndpointId.class, EndpointId::new);
    text(values, SandboxId.class, SandboxId::new);
    text(values, ExtraHost.class, ExtraHost::parse);
    text(values, Path.class, Path::of);
    return new ObjectMapper()
        .registerModule(new Jdk8Module())
        .registerModule(new JavaTimeModule())
        .registerModule(values)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private static <T> void text(SimpleModule module, Class<T> type, Function<String, T> parse) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
              throws IOException {
            generator.writeString(value.toString());
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser parser, DeserializationContext context)
              throws IOException {
            return parse.apply(parser.getValueAsString());
          }
        });
  }

  public static String write(Object value) {
    return value instanceof Endpoint endpoint ? write(endpoint) : writeWithMapper(value);
  }

  /** The mapper's text, which the hand-written forms must equal. */
  static String writeWithMapper(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * An endpoint, written by hand: it is written twice per connect, and the mapper's reflective
   * serializer took 20-50 µs of it on the daemon's C1-compiled code. The same text as the mapper
   * writes, field for field ({@code ModelJsonTest} compares them).
   */
  private static String write(Endpoint e) {
    StringBuilder json = new StringBuilder(640);
    json.append('{');
    field(json, "id").append('"').append(e.id().value()).append('"');
    json.append(',');
    field(json, "network").append('"').append(e.network().value()).append('"');
    json.append(',');
    field(json, "sandbox").append('"').append(e.sandbox().value()).append('"');
    json.append(',');
    string(field(json, "name"), e.name()).append(',');
    string(field(json, "interfaceName"), e.interfaceName()).append(',');
    field(json, "ifIndex").append(e.ifIndex()).append(',');
    string(field(json, "hostInterface"), e.hostInterface()).append(',');
    string(field(json, "mac"), e.mac().toString()).append(',');
    optional(field(json, "ipv4"), e.ipv4()).append(',');
    optional(field(json, "ipv6"), e.ipv6()).append(',');
    strings(field(json, "staticAddresses"), e.staticAddresses()).append(',');
    strings(field(json, "linkLocal"), e.linkLocal()).append(',');
    strings(field(json, "aliases"), e.aliases()).append(',');
    field(json, "gatewayPriority").append(e.gatewayPriority()).append(',');
    optional(field(json, "gatewayV4"), e.gatewayV4()).append(',');
    optional(field(json, "gatewayV6"), e.gatewayV6()).append(',');
    field(json, "driverOptions").append('{');
    boolean first = true;
    for (Map.Entry<String, String> option : e.driverOptions().entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, option.getKey()).append(':');
      string(json, option.getValue());
    }
    json.append("},");
    string(field(json, "created"), e.created().toString()).append(',');
    string(field(json, "lifecycle"), e.lifecycle().name());
    return json.append('}').toString();
  }

  private static StringBuilder field(StringBuilder json, String name) {
    return json.append('"').append(name).append("\":");
  }

  private static StringBuilder optional(StringBuilder json, Optional<?> value) {
    return value.isPresent() ? string(json, value.get().toString()) : json.append("null");
  }

  private static StringBuilder strings(StringBuilder json, List<?> values) {
    json.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      string(json, values.get(i).toString());
    }
    return json.append(']');
  }

  /** A JSON string, escaped as the mapper escapes: quote, backslash and control characters. */
  private static StringBuilder string(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          if (c < 0x20) {
            json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored " + type.getSimpleName() + " is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
