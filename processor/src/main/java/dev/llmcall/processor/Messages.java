package dev.llmcall.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor can print, each with a stable tag that tests and users can
 * search for. Arguments are filled in with {@link String#format}.
 */
enum Messages {
  CLIENT_NOT_INTERFACE("LlmClientNotInterface",
      "@LlmClient must be on an interface, but %s is %s"),
  CALL_OUTSIDE_INTERFACE("LlmCallOutsideInterface",
      "@LlmCall method %s must be declared in an interface, but %s is %s"),
  CALL_NOT_ABSTRACT("LlmCallNotAbstract",
      "@LlmCall method %s is %s, but it must be abstract so that the generated class can"
          + " implement it"),
  MISSING_CALL("LlmMissingCall",
      "Abstract method %s has no @LlmCall, so %s cannot implement it; annotate it with"
          + " @LlmCall, or give it a default body"),
  GENERIC_CLIENT("LlmGenericClient",
      "%s declares type parameters %s, but an llmcall interface cannot be generic"),
  GENERIC_METHOD("LlmGenericMethod",
      "@LlmCall method %s declares type parameters %s, but it cannot be generic"),
  INACCESSIBLE_CLIENT("LlmInaccessibleClient",
      "%s is %s, so %s in the same package cannot implement it; make it at least"
          + " package-private and not nested in a private type"),
  INACCESSIBLE_TYPE("LlmInaccessibleType",
      "%s uses %s, which is %s, so %s in %s cannot refer to it; %s"),
  GENERATED_NAME_TAKEN("LlmGeneratedNameTaken",
      "%s cannot be generated for %s: %s already declares a type called %s. llmcall names the"
          + " class it writes for an interface Foo LlmFoo; rename that type, or remove it if it"
          + " is an old copy of the generated class"),
  CONFLICTING_CALLS("LlmConflictingCalls",
      "%s inherits %s from both %s and %s, each with a different @LlmCall, and llmcall will not"
          + " pick one; redeclare %s in %s with the @LlmCall it should use"),
  PARAMETER_NAMES_MISSING("LlmParameterNamesMissing",
      "%s comes from a class file compiled without parameter names (its parameters are called"
          + " %s), so {%s} in its prompt names no parameter; compile %s with javac -parameters,"
          + " or redeclare %s in %s"),
  UNSUPPORTED_RETURN_TYPE("LlmUnsupportedReturnType",
      "@LlmCall method %s returns %s; supported return types are String, LlmResponse<String>,"
          + " CompletableFuture<String>, CompletableFuture<LlmResponse<String>>, Stream<String>,"
          + " Flow.Publisher<String>, LlmStream, R, LlmResponse<R>, CompletableFuture<R> and"
          + " CompletableFuture<LlmResponse<R>>, where R is a record, an enum, or a List of"
          + " records or enums"),
  UNSUPPORTED_STREAM_TYPE("LlmUnsupportedStreamType",
      "@LlmCall method %s returns %s, but %s; a stream yields text chunks, so declare %s"),
  RESUME_WITHOUT_STREAM("LlmResumeWithoutStream",
      "@Retry(resumeStream = true) on %s has nothing to resume: it returns %s, which is not"
          + " a stream; declare Stream<String>, Flow.Publisher<String> or LlmStream, or remove"
          + " resumeStream"),
  UNSUPPORTED_COMPONENT_TYPE("LlmUnsupportedComponentType",
      "Component '%s' of record %s has type %s, which llmcall cannot map to JSON: %s."
          + " Supported are records, enums, String, boolean, int, long, double, char and their"
          + " boxes, BigDecimal, LocalDate, LocalDateTime, Instant, List<T>, Set<T> and"
          + " Map<String, T> of those, and Optional<T> as the whole type of a component"),
  GENERIC_RECORD("LlmGenericRecord",
      "%s uses %s, which is a generic record; llmcall writes one schema, decoder and encoder"
          + " per record, so a structured type cannot have type parameters; declare a record"
          + " without them"),
  CYCLIC_RECORD("LlmCyclicRecord",
      "Component '%s' of record %s makes the structured result recursive (%s), and its JSON"
          + " schema would never end; break the cycle, for example by referring to the other"
          + " record by an id"),
  EMPTY_ENUM("LlmEmptyEnum",
      "%s reads enum %s, which has no constants, so no answer could ever match its schema; add"
          + " the constants the model should choose from"),
  REPAIR_ATTEMPTS_OUT_OF_RANGE("LlmRepairAttemptsOutOfRange",
      "repairAttempts = %d on %s must be at least 0, or -1 for the default of 1"),
  REPAIR_WITHOUT_STRUCTURE("LlmRepairWithoutStructure",
      "repairAttempts = %d on %s has nothing to repair: it returns %s, which is not a"
          + " structured result; return a record, an enum or a List of them, or remove"
          + " repairAttempts"),
  BLANK_PROMPT("LlmBlankPrompt",
      "The prompt of %s is blank; say what the model should do, for example"
          + " prompt = \"Summarize: {text}\""),
  UNKNOWN_PLACEHOLDER("LlmUnknownPlaceholder",
      "{%s} in %s names no parameter of %s%s"),
  UNCLOSED_BRACE("LlmUnclosedBrace",
      "'{' at index %d of %s is never closed; write '{{' for a literal brace"),
  UNOPENED_BRACE("LlmUnopenedBrace",
      "'}' at index %d of %s has no matching '{'; write '}}' for a literal brace"),
  JSON_IN_TEMPLATE("LlmJsonInTemplate",
      "'{' at index %d of %s starts literal JSON, not a {parameter}; double its braces, as in"
          + " %s ('{{' and '}}' are literal braces)"),
  EMPTY_PLACEHOLDER("LlmEmptyPlaceholder",
      "'{}' at index %d of %s names no parameter; write {name}, or '{{}}' for literal braces"),
  INVALID_PLACEHOLDER("LlmInvalidPlaceholder",
      "'{%s}' at index %d of %s is not a parameter name; a placeholder is a Java identifier"
          + " with no spaces, such as {text}"),
  ARRAY_IN_TEMPLATE("LlmArrayInTemplate",
      "Parameter '%s' of %s is an array (%s), which a prompt would show as something like"
          + " [Ljava.lang.String;@1b6d3586; pass a List or a String instead"),
  UNUSED_PARAMETER("LlmUnusedParameter",
      "Parameter '%s' of %s is not used in its prompt or system template"),
  MISSING_PROVIDER("LlmMissingProvider",
      "%s has no provider; set @LlmCall(provider = ...) or @LlmClient(provider = ...)"
          + " on %s"),
  MISSING_MODEL("LlmMissingModel",
      "%s has no model; set @LlmCall(model = ...) or @LlmClient(model = ...) on %s"),
  INVALID_PROVIDER("LlmInvalidProvider",
      "\"%s\" is not a provider name; use openai, anthropic, xai, or the name of a provider"
          + " registered on the runtime (a letter, then letters, digits, '_' or '-')"),
  PROVIDER_TYPO("LlmProviderTypo",
      "\"%s\" is not a built-in provider; did you mean \"%s\"? Another name works only if a"
          + " provider of that name is registered on the runtime"),
  NEGATIVE_MAX_TOKENS("LlmNegativeMaxTokens",
      "maxTokens = %d on %s must be at least 1, or 0 to leave it to the provider"),
  TEMPERATURE_OUT_OF_RANGE("LlmTemperatureOutOfRange",
      "temperature = %s on %s must be between 0 and 2"),
  TOP_P_OUT_OF_RANGE("LlmTopPOutOfRange",
      "topP = %s on %s must be between 0 and 1"),
  INVALID_STOP("LlmInvalidStop",
      "stop on %s %s; give at most 4 distinct, non-empty sequences"),
  INVALID_REASONING_EFFORT("LlmInvalidReasoningEffort",
      "reasoningEffort = \"%s\" on %s is not one of \"minimal\", \"low\", \"medium\", \"high\""),
  OPTION_NOT_SUPPORTED("LlmOptionNotSupported",
      "%s on %s is not supported by %s: %s"),
  INVALID_THINKING_BUDGET("LlmInvalidThinkingBudget",
      "thinkingBudget = %d on %s must be at least 1024 and less than maxTokens (%d)"),
  THINKING_CONFLICT("LlmThinkingConflict",
      "%s on %s cannot be used with Anthropic extended thinking (thinkingBudget): %s"),
  RETRY_VALUE_OUT_OF_RANGE("LlmRetryValueOutOfRange",
      "@Retry %s = %s on %s must be %s; leave it out to keep the policy's value"),
  BLANK_RETRY_POLICY("LlmBlankRetryPolicy",
      "@Retry on %s names no policy; name one such as \"default\" or \"high-availability\","
          + " or remove @Retry"),
  TWO_HISTORIES("LlmTwoHistories",
      "Parameter '%s' of %s is a second conversation history (List<ChatMessage>), but a method"
          + " takes at most one; pass the whole conversation in one list"),
  MODEL_PARAMETER_TYPE("LlmModelParameterType",
      "@Model on parameter '%s' of %s, whose type %s is not String; a call's model is a name,"
          + " such as \"gpt-4.1\""),
  TWO_MODELS("LlmTwoModels",
      "Parameter '%s' of %s is a second @Model parameter, but a call has one model; remove one"),
  TWO_TOOL_SETS("LlmTwoToolSets",
      "Parameter '%s' of %s is a second tool set (%s), but a method takes at most one; declare"
          + " one interface with all the tools, extending the others if need be"),
  INPUT_IN_TEMPLATE("LlmInputInTemplate",
      "Parameter '%s' of %s is %s, which is sent as such and not rendered into a prompt; remove"
          + " {%s} from the template"),
  IMAGE_INPUT_TYPE("LlmImageInputType",
      "@ImageInput on parameter '%s' of %s, whose type %s cannot be an image; an image parameter"
          + " is a byte[] (with mediaType), a java.nio.file.Path, a java.net.URI, or the"
          + " runtime's Image without @ImageInput"),
  IMAGE_MEDIA_TYPE_MISSING("LlmImageMediaTypeMissing",
      "Parameter '%s' of %s is image bytes without a media type; write"
          + " @ImageInput(mediaType = \"image/png\") (or image/jpeg, image/gif, image/webp)"),
  INVALID_IMAGE_MEDIA_TYPE("LlmInvalidImageMediaType",
      "mediaType = \"%s\" on parameter '%s' of %s is not an image media type; use image/png,"
          + " image/jpeg, image/gif or image/webp"),
  IMAGE_MEDIA_TYPE_UNUSED("LlmImageMediaTypeUnused",
      "mediaType = \"%s\" on parameter '%s' of %s would not be used: the parameter is %s, %s;"
          + " remove mediaType"),
  TOOL_SETTING_WITHOUT_TOOLS("LlmToolSettingWithoutTools",
      "%s on %s has no tools to apply to: no parameter is a tool set (an interface with @Tool"
          + " methods); add one, or remove %s"),
  MAX_TOOL_ROUNDS_OUT_OF_RANGE("LlmMaxToolRoundsOutOfRange",
      "maxToolRounds = %d on %s must be at least 1, or 0 for the runtime's default"),
  TOOL_SET_NOT_INTERFACE("LlmToolSetNotInterface",
      "Parameter '%s' of %s is a tool set, but its type %s is not an interface; a tool set"
          + " must be an interface, which the caller implements"),
  NOT_A_TOOL("LlmNotATool",
      "Abstract method %s of tool set %s has no @Tool, so the model could not call it; annotate"
          + " it with @Tool(\"what it does\"), or give it a default body"),
  MISPLACED_TOOL("LlmMisplacedTool",
      "@Tool method %s is %s, so the caller's implementation of the tool set cannot run it; make"
          + " it an abstract or default method"),
  GENERIC_TOOL("LlmGenericTool",
      "Tool %s declares type parameters %s, but a tool cannot be generic: its JSON schema is"
          + " written at compile time"),
  TOOL_OVERLOAD("LlmToolOverload",
      "Tool %s overloads another tool of %s; the model calls a tool by its name alone, so give"
          + " each a method name of its own"),
  DUPLICATE_TOOL_NAME("LlmDuplicateToolName",
      "Tool name \"%s\" of %s is also the name of %s; tool names must be unique in a tool set,"
          + " so set another @Tool(name = ...)"),
  INVALID_TOOL_NAME("LlmInvalidToolName",
      "Tool name \"%s\" of %s is not 1 to 64 of the characters A-Z, a-z, 0-9, '_' and '-',"
          + " which providers require; set @Tool(name = ...)"),
  BLANK_TOOL_DESCRIPTION("LlmBlankToolDescription",
      "The @Tool description of %s is blank; say what the tool does and when to call it"),
  UNSUPPORTED_TOOL_TYPE("LlmUnsupportedToolType",
      "%s has type %s, which llmcall cannot map to JSON: %s. A tool takes records, enums,"
          + " String, boolean, int, long, double, char and their boxes, BigDecimal, LocalDate,"
          + " LocalDateTime, Instant, List<T>, Set<T> and Map<String, T> of those, and"
          + " Optional<T> as the whole type of a parameter; it returns void or one of those"
          + " but Optional"),
  EMPTY_FALLBACK("LlmEmptyFallback",
      "@Fallback on %s names no target; list at least one, as in to = @Fallback.Target(provider"
          + " = \"anthropic\", model = \"claude-sonnet-4-5\"), or remove @Fallback"),
  BLANK_FALLBACK_NAME("LlmBlankFallbackName",
      "@Fallback on %s has a blank name; name the chain, as in name = \"chat\", so that"
          + " LlmRuntime.Builder.route can re-route it at run time"),
  BLANK_FALLBACK_MODEL("LlmBlankFallbackModel",
      "@Fallback.Target(provider = \"%s\") in chain \"%s\" on %s names no model; set model = ..."),
  DUPLICATE_FALLBACK_TARGET("LlmDuplicateFallbackTarget",
      "%s/%s is listed twice in @Fallback \"%s\" on %s; a chain tries each target once, so"
          + " remove the second"),
  FALLBACK_TARGET_IS_PRIMARY("LlmFallbackTargetIsPrimary",
      "%s/%s in @Fallback \"%s\" is the own target of %s, which is tried first anyway; remove"
          + " it, or name another provider or model"),
  HEDGE_DELAY_OUT_OF_RANGE("LlmHedgeDelayOutOfRange",
      "@Hedge(afterMillis = %d) on %s must be at least 1: it is how long a stream waits for its"
          + " first token before the same request also goes to the next target of its chain"),
  HEDGE_PERCENTILE_OUT_OF_RANGE("LlmHedgePercentileOutOfRange",
      "@Hedge(percentile = %d) on %s must be 50 to 99 (below the median, most streams would be"
          + " hedged), or 0 to hedge after afterMillis always"),
  HEDGE_WITHOUT_STREAM("LlmHedgeWithoutStream",
      "@Hedge on %s has no first token to hedge: it returns %s, which is not a stream; return"
          + " LlmStream, Stream<String> or Flow.Publisher<String>, or remove @Hedge"),
  HEDGE_WITHOUT_FALLBACK("LlmHedgeWithoutFallback",
      "@Hedge on %s has no target to hedge to: neither the method nor its interface has a"
          + " @Fallback chain; add one, as in @Fallback(name = \"story\", to = @Fallback.Target("
          + "provider = \"anthropic\", model = \"claude-haiku-4-5\")), or remove @Hedge"),
  VERSION_MISMATCH("LlmVersionMismatch",
      "llmcall-processor %s cannot write code for llmcall-runtime %s, which is on the compile"
          + " class path; use one version for both: one llmcall.version property for the"
          + " dependency and the annotation processor path, or import llmcall-bom"),
  RUNTIME_TOO_OLD("LlmRuntimeTooOld",
      "llmcall-processor %s found an older llmcall-runtime on the compile class path (one"
          + " without dev.llmcall.runtime.spi.RuntimeVersion); use one version for both"),
  RUNTIME_MISSING("LlmRuntimeMissing",
      "llmcall-runtime is not on the compile class path, so the code llmcall-processor %1$s"
          + " writes cannot compile; add the dependency dev.llmcall:llmcall-runtime:%1$s"),
  RUNTIME_NOT_READ("LlmRuntimeNotRead",
      "Module %s does not read dev.llmcall.runtime, which the code llmcall-processor %s writes"
          + " uses; add 'requires dev.llmcall.runtime;' to its module-info.java (with"
          + " llmcall-runtime %2$s on the module path)"),
  UNDEFINED_TYPE("LlmUndefinedType",
      "Did not generate %s because %s refers to a type that does not exist"),
  WRITE_FAILED("LlmWriteFailed",
      "Could not write %s: %s"),
  INTERNAL_ERROR("LlmInternalError",
      "internal error in LlmClientProcessor, please report%n%s");

  /**
   * Added to a diagnostic about a declaration read from a class file, which javac cannot point
   * at, when it is reported on the user's own code instead (#15).
   */
  static final String FROM_CLASS_FILE = " (declared in %s, which was read from a class file)";

  private final String tag;
  private final String format;

  Messages(String tag, String format) {
    this.tag = "[" + tag + "]";
    this.format = format;
  }

  /** The stable tag in brackets, such as {@code [LlmUnknownPlaceholder]}. */
  String tag() {
    return tag;
  }

  /** The tag followed by the message with {@code args} filled in. */
  String format(Object... args) {
    return tag + " " + String.format(Locale.ROOT, format, args);
  }
}
