package dev.llmcall.processor;

import com.palantir.javapoet.ClassName;

/**
 * Every runtime name the processor reaches: the classes generated code refers to or the parser
 * recognizes, and the {@code BoundCall} method each return shape calls. The processor does not
 * depend on the runtime, so a rename there must be made here, once.
 */
final class RuntimeNames {
  static final String API = "dev.llmcall.runtime";
  static final String SPI = "dev.llmcall.runtime.spi";

  static final ClassName LLM_RUNTIME = ClassName.get(API, "LlmRuntime");
  static final ClassName LLM_RESPONSE = ClassName.get(API, "LlmResponse");
  static final ClassName LLM_STREAM = ClassName.get(API, "LlmStream");
  static final ClassName CALL_SITE = ClassName.get(SPI, "CallSite");
  static final ClassName FALLBACK = CALL_SITE.nestedClass("Fallback");
  static final ClassName FALLBACK_ON = FALLBACK.nestedClass("On");
  static final ClassName HEDGE = CALL_SITE.nestedClass("Hedge");
  static final ClassName TARGET = ClassName.get(API, "Target");
  static final ClassName BOUND_CALL = ClassName.get(SPI, "BoundCall");
  static final ClassName RETRY_OVERRIDES = ClassName.get(SPI, "RetryOverrides");
  static final ClassName STRUCTURED_OUTPUT = ClassName.get(SPI, "StructuredOutput");
  static final ClassName JSON_WRITING = ClassName.get(SPI, "JsonWriting");
  static final ClassName JSON_FIELDS = ClassName.get(SPI, "JsonFields");
  static final ClassName VIOLATIONS = ClassName.get(SPI, "Violations");
  static final ClassName CHAT_MESSAGE = ClassName.get(API, "ChatMessage");
  static final ClassName IMAGE = ClassName.get(API, "Image");
  static final ClassName REQUEST = ClassName.get(SPI, "Request");
  static final ClassName TOOLS = ClassName.get(SPI, "Tools");
  static final ClassName TOOL_DEFINITION = ClassName.get(SPI, "ToolDefinition");

  /** The {@code BoundCall} methods, one per return shape. */
  static final String CALL = "call";
  static final String TEXT = "text";
  static final String CALL_ASYNC = "callAsync";
  static final String TEXT_ASYNC = "textAsync";
  static final String STREAM = "stream";
  static final String TEXT_STREAM = "textStream";
  static final String PUBLISHER = "publisher";
  static final String STRUCTURED = "structured";
  static final String STRUCTURED_ASYNC = "structuredAsync";
  /** The {@code Request} methods that add what a method sends beside its text. */
  static final String HISTORY = "history";
  static final String ADD_IMAGE = "image";
  static final String MODEL = "model";
  static final String ADD_TOOLS = "tools";
  /** The {@code Tools} withers of {@code @LlmCall(maxToolRounds, failOnToolError)}. */
  static final String MAX_ROUNDS = "maxRounds";
  static final String FAILING_ON_TOOL_ERROR = "failingOnToolError";
  /** {@code LlmResponse}'s accessor for the decoded value. */
  static final String VALUE = "value";

  private RuntimeNames() {}
}
