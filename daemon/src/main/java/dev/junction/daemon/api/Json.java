package dev.junction.daemon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.junction.core.error.InvalidParameterException;

/** JSON in and out of the API: strict on input (unknown fields, wrong types are 400s). */
public final class Json {
  private Json() {}

  private static final ObjectMapper MAPPER = strictMapper();

  /**
   * Unknown fields and values of the wrong JSON type are errors; Docker's Go decoder would drop or
   * reject them the same way, and silently coercing {@code "Internal": "yes"} would hide mistakes.
   */
  private static ObjectMapper strictMapper() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  public static <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new InvalidParameterException("request body is empty: a JSON object is expected");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidParameterException(
          "unknown field \"" + e.getPropertyName() + "\" in request body");
    } catch (InvalidFormatException e) {
      throw new InvalidParameterException(
          "invalid value " + e.getValue() + " for field \"" + path(e) + "\" in request body");
    } catch (MismatchedInputException e) {
      if (e.getOriginalMessage().startsWith("Trailing token")) {
        throw new InvalidParameterException(
            "malformed JSON in request body: trailing data after the JSON value");
      }
      throw new InvalidParameterException(
          "field \"" + path(e) + "\" in request body has the wrong type");
    } catch (JsonProcessingException e) {
      throw new InvalidParameterException(
          "malformed JSON in request body: " + e.getOriginalMessage());
    }
  }

  public static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidParameterException("malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static String path(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (var reference : e.getPath()) {
      if (!path.isEmpty()) {
        path.append('.');
      }
      path.append(
          reference.getFieldName() != null
              ? reference.getFieldName()
              : "[" + reference.getIndex() + "]");
    }
    return path.isEmpty() ? "(root)" : path.toString();
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write response as JSON", e);
    }
  }
}
