package fr.vigie.app.jobs.internal;

import fr.vigie.app.jobs.JobPayload;
import fr.vigie.app.jobs.UnreadablePayload;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payloads as JSON: a record's components as an object's fields, in the order they are
 * declared; a sealed interface's records with a "type" field first. Strict on reading: a field
 * missing, unknown, null or of the wrong type is refused, with its name.
 */
public final class PayloadJson {

  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS) // {} for a payload without fields
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private PayloadJson() {}

  public static <P extends JobPayload> String write(Class<P> type, P payload) {
    return JSON.writerFor(type).writeValueAsString(payload);
  }

  public static <P extends JobPayload> P read(String kind, Class<P> type, String stored) {
    try {
      P payload = JSON.readValue(stored, type);
      if (payload == null) {
        throw new UnreadablePayload("(" + kind + "): payload " + quoted(stored)
            + ": null, not a " + type.getSimpleName(), null);
      }
      return payload;
    } catch (JacksonException e) {
      StringBuilder field = new StringBuilder();
      for (JacksonException.Reference step : e.getPath()) {
        if (step.getPropertyName() != null) {
          field.append(field.isEmpty() ? "" : ".").append(step.getPropertyName());
        } else {
          field.append('[').append(step.getIndex()).append(']');
        }
      }
      Throwable reason = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
      String why = reason == e ? e.getOriginalMessage() : reason.getMessage();
      throw new UnreadablePayload("(" + kind + "): payload " + quoted(stored)
          + (field.isEmpty() ? "" : ", field " + field) + ": " + why, e);
    }
  }

  private static String quoted(String stored) {
    String shown = stored.length() <= 200 ? stored : stored.substring(0, 200) + "…";
    return "\"" + shown + "\"";
  }
}
