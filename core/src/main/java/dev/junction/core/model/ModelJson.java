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
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored " + type.getSimpleName() + " is unreadable: " + e.getOriginalMessage(), e);
    }
  }
}
