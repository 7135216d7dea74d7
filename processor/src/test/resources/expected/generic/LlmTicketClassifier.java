package com.example;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmRuntime;
import dev.llmcall.runtime.spi.BoundCall;
import dev.llmcall.runtime.spi.CallSite;
import dev.llmcall.runtime.spi.JsonFields;
import dev.llmcall.runtime.spi.JsonWriting;
import dev.llmcall.runtime.spi.StructuredOutput;
import dev.llmcall.runtime.spi.Violations;
import java.io.IOException;
import java.lang.Override;
import java.lang.String;
import java.lang.SuppressWarnings;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * The llmcall client for {@link TicketClassifier}: each method renders its prompt and sends it
 * through the runtime's retry, circuit breaker and HTTP layers.
 */
@SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
@Generated("dev.llmcall.processor.LlmClientProcessor")
public class LlmTicketClassifier implements TicketClassifier {
  private static final CallSite CLASSIFY = CallSite.of("TicketClassifier.classify", "openai", "gpt-4o-mini");

  private static final CallSite CLASSIFY_ALL = CallSite.of("TicketClassifier.classifyAll", "openai", "gpt-4o-mini");

  private static final StructuredOutput<TicketClassifier.Queue> QUEUE_OUTPUT = StructuredOutput.of("Queue",
      "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"string\",\"enum\":[\"BILLING\",\"TECHNICAL\",\"OTHER\"]}},\"required\":[\"value\"],\"additionalProperties\":false}",
      LlmTicketClassifier::decodeQueueRoot);

  private static final StructuredOutput<List<TicketClassifier.Queue>> QUEUE_LIST_OUTPUT = StructuredOutput.of("QueueList",
      "{\"type\":\"object\",\"properties\":{\"value\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"BILLING\",\"TECHNICAL\",\"OTHER\"]}}},\"required\":[\"value\"],\"additionalProperties\":false}",
      LlmTicketClassifier::decodeQueueListRoot);

  private final BoundCall classify;

  private final BoundCall classifyAll;

  public LlmTicketClassifier(LlmRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime == null");
    this.classify = runtime.bind(CLASSIFY);
    this.classifyAll = runtime.bind(CLASSIFY_ALL);
  }

  public static TicketClassifier create(LlmRuntime runtime) {
    return new LlmTicketClassifier(runtime);
  }

  @Override
  public TicketClassifier.Queue classify(TicketClassifier.Ticket item) {
    Objects.requireNonNull(item, "item == null");
    return this.classify.structured(null, "Classify: " + JsonWriting.toJson(item, LlmTicketClassifier::encodeTicket), QUEUE_OUTPUT).value();
  }

  @Override
  public CompletableFuture<List<TicketClassifier.Queue>> classifyAll(
      List<TicketClassifier.Ticket> items) {
    Objects.requireNonNull(items, "items == null");
    return this.classifyAll.structuredAsync(null, "Classify each of: " + JsonWriting.toJson(items, LlmTicketClassifier::encodeTicketList), QUEUE_LIST_OUTPUT).thenApply(LlmResponse::value);
  }

  private static TicketClassifier.Queue decodeQueueRoot(JsonNode node, String path, Violations v) {
    if (!JsonFields.object(node, path, v, "value")) {
      return null;
    }
    TicketClassifier.Queue value = JsonFields.enumValue(node.get("value"), path + ".value", v, TicketClassifier.Queue.values());
    return v.isEmpty() ? value : null;
  }

  private static List<TicketClassifier.Queue> decodeQueueListRoot(JsonNode node, String path,
      Violations v) {
    if (!JsonFields.object(node, path, v, "value")) {
      return null;
    }
    List<TicketClassifier.Queue> value = JsonFields.list(node.get("value"), path + ".value", v, (n, p, vv) -> JsonFields.enumValue(n, p, vv, TicketClassifier.Queue.values()));
    return v.isEmpty() ? value : null;
  }

  private static void encodeTicketList(JsonGenerator g, List<TicketClassifier.Ticket> value) throws
      IOException {
    g.writeStartArray();
    for (TicketClassifier.Ticket item : value) {
      encodeTicket(g, item);
    }
    g.writeEndArray();
  }

  private static void encodeTicket(JsonGenerator g, TicketClassifier.Ticket value) throws
      IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("subject", value.subject());
    g.writeStringField("body", value.body());
    g.writeEndObject();
  }
}
