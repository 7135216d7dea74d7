package dev.llmcall.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code LlmFoo.java} for a valid client. A pure function of the model; the output for
 * one model is always the same. Sample output:
 *
 * <pre>{@code
 * @SuppressWarnings({"deprecation", "removal", "rawtypes", "unchecked"})
 * @Generated("dev.llmcall.processor.LlmClientProcessor")
 * public class LlmAssistant implements Assistant {
 *   private static final CallSite SUMMARIZE = CallSite.of("Assistant.summarize", "openai", "o3");
 *   private final BoundCall summarize;
 *
 *   public LlmAssistant(LlmRuntime runtime) {
 *     Objects.requireNonNull(runtime, "runtime == null");
 *     this.summarize = runtime.bind(SUMMARIZE);
 *   }
 *
 *   public static Assistant create(LlmRuntime runtime) {
 *     return new LlmAssistant(runtime);
 *   }
 *
 *   @Override
 *   public String summarize(String text) {
 *     Objects.requireNonNull(text, "text == null");
 *     return this.summarize.text(null, "Summarize: " + text);
 *   }
 * }
 * }</pre>
 */
final class ClientImplWriter {
  private static final ClassName CALL_SITE = RuntimeNames.CALL_SITE;
  private static final ClassName BOUND_CALL = RuntimeNames.BOUND_CALL;
  private static final ClassName RETRY_OVERRIDES = RuntimeNames.RETRY_OVERRIDES;
  private static final ClassName FALLBACK = RuntimeNames.FALLBACK;
  private static final ClassName FALLBACK_ON = RuntimeNames.FALLBACK_ON;
  private static final ClassName HEDGE = RuntimeNames.HEDGE;
  private static final ClassName TARGET = RuntimeNames.TARGET;
  private static final ClassName RUNTIME = RuntimeNames.LLM_RUNTIME;
  private static final ClassName RESPONSE = RuntimeNames.LLM_RESPONSE;
  private static final ClassName GENERATED = ClassName.bestGuess(LlmClientProcessor.GENERATED);
  /**
   * Implementing a deprecated interface or method, or using a user's raw type, must not warn in
   * generated code under -Xlint:all -Werror: the user suppressed or chose those (issue 15).
   */
  private static final AnnotationSpec SUPPRESS_WARNINGS =
      AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "{$S, $S, $S, $S}", "deprecation", "removal", "rawtypes", "unchecked")
          .build();
  /** Types the generated methods use as expressions, which a parameter of that name would hide. */
  private static final Set<String> EXPRESSION_TYPES =
      Set.of("Objects", "String", "JsonWriting", "LlmResponse", "Request", "Image", "Tools");

  private ClientImplWriter() {}

  static JavaFile write(ClientModel client) {
    NameAllocator fieldNames = new NameAllocator();
    List<Binding> bindings = bindings(client, fieldNames);
    CodecWriter codecs = new CodecWriter(client, fieldNames);
    ToolWriter tools = new ToolWriter(client, fieldNames, codecs);
    TypeSpec.Builder type = TypeSpec.classBuilder(client.impl())
        .addOriginatingElement(client.source().element())
        .addJavadoc("The llmcall client for {@link $T}: each method renders its prompt and sends"
            + " it\nthrough the runtime's retry, circuit breaker and HTTP layers.\n", client.type())
        .addSuperinterface(client.type())
        .alwaysQualify(hiddenNames(client).toArray(String[]::new));
    type.addAnnotation(SUPPRESS_WARNINGS);
    if (client.generatedReadable()) {
      type.addAnnotation(AnnotationSpec.builder(GENERATED)
          .addMember("value", "$S", LlmClientProcessor.class.getCanonicalName())
          .build());
    }
    // Not final (#14): Spring's default class-based (CGLIB) proxies, for @Cacheable,
    // @Transactional or an aspect on a client bean, subclass the bean's class.
    if (client.access() == ClientModel.Access.PUBLIC) {
      type.addModifiers(Modifier.PUBLIC);
    }
    bindings.forEach(b -> type.addField(b.constant()));
    codecs.fields().forEach(type::addField);
    tools.fields().forEach(type::addField);
    bindings.forEach(b -> type.addField(b.field()));
    ParameterSpec runtime = ParameterSpec.builder(RUNTIME, "runtime").build();
    type.addMethod(constructor(runtime, bindings));
    type.addMethod(MethodSpec.methodBuilder("create")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(client.type())
        .addParameter(runtime)
        .addStatement("return new $T($N)", client.impl(), runtime)
        .build());
    bindings.forEach(b -> type.addMethod(method(b, codecs, tools)));
    codecs.methods().forEach(type::addMethod);
    tools.methods().forEach(type::addMethod);
    return JavaFile.builder(client.impl().packageName(), type.build()).build();
  }

  /**
   * One constant and one field per method. Overloads get numbered names ({@code SUMMARIZE_2},
   * {@code summarize2}); {@link NameAllocator} settles any clash that is left.
   */
  private static List<Binding> bindings(ClientModel client, NameAllocator names) {
    Map<String, Integer> overloads = new HashMap<>();
    List<Binding> bindings = new ArrayList<>();
    for (MethodModel method : client.methods()) {
      int n = overloads.merge(method.name(), 1, Integer::sum);
      String constant = names.newName(upperSnake(method.name()) + (n == 1 ? "" : "_" + n));
      String field = names.newName(method.name() + (n == 1 ? "" : String.valueOf(n)));
      CallModel call = method.call().orElseThrow(
          () -> new IllegalStateException("no @LlmCall on " + method.displayName()));
      bindings.add(new Binding(
          method,
          call,
          FieldSpec.builder(CALL_SITE, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer(callSite(client, method, call))
              .build(),
          FieldSpec.builder(BOUND_CALL, field, Modifier.PRIVATE, Modifier.FINAL).build()));
    }
    return bindings;
  }

  private static CodeBlock callSite(ClientModel client, MethodModel method, CallModel call) {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.of($S, $S, $S)$>$>", CALL_SITE,
        client.displayName() + "." + method.name(), call.providerName(), call.modelName());
    call.maxTokens().map(Setting::value).filter(t -> t > 0)
        .ifPresent(t -> code.add("\n.maxTokens($L)", t));
    call.temperature().map(Setting::value).ifPresent(t -> code.add("\n.temperature($L)", t));
    CallModel.Options options = call.options();
    options.topP().map(Setting::value).ifPresent(p -> code.add("\n.topP($L)", p));
    options.stop().map(Setting::value).ifPresent(stop -> code.add("\n.stop($L)",
        stop.stream().map(s -> CodeBlock.of("$S", s)).collect(CodeBlock.joining(", "))));
    options.seed().map(Setting::value).ifPresent(s -> code.add("\n.seed($LL)", s));
    options.reasoningEffort().map(Setting::value)
        .ifPresent(e -> code.add("\n.reasoningEffort($S)", e));
    options.thinkingBudget().map(Setting::value)
        .ifPresent(b -> code.add("\n.thinkingBudget($L)", b));
    call.repairAttempts().map(Setting::value)
        .ifPresent(r -> code.add("\n.repairAttempts($L)", r));
    call.retryPolicy().map(Setting::value).ifPresent(p -> code.add("\n.retryPolicy($S)", p));
    if (!call.retryOverrides().isEmpty()) {
      CodeBlock.Builder overrides = CodeBlock.builder().add("$T.NONE", RETRY_OVERRIDES);
      for (Setting<CallModel.RetryOverride> o : call.retryOverrides()) {
        Number v = o.value().value();
        overrides.add(v instanceof Long ? ".$N($LL)" : ".$N($L)", o.value().member(), v);
      }
      code.add("\n.retryOverrides($L)", overrides.build());
    }
    call.resumeStream().ifPresent(r -> code.add("\n.resumeStream($L)", true));
    call.circuitBreakerName().ifPresent(b -> code.add("\n.circuitBreaker($S)", b));
    call.fallback().ifPresent(f -> code.add("\n.fallback($L)", fallback(f)));
    call.hedge().ifPresent(h -> code.add("\n.hedge($L)", hedge(h)));
    return code.add("$<$<").build();
  }

  /**
   * A chain: {@code CallSite.Fallback.of("chat", Target.of("anthropic", "claude-sonnet-4-5"))},
   * then {@code .on(CallSite.Fallback.On.SERVER_ERROR, ...)} unless it moves on by default.
   */
  private static CodeBlock fallback(FallbackModel chain) {
    boolean oneLine = chain.to().size() == 1 && chain.onDefault();
    CodeBlock targets = chain.to().stream()
        .map(t -> CodeBlock.of(t.largerContext() ? "$T.of($S, $S).withLargerContext()" : "$T.of($S, $S)",
            TARGET, t.provider().value(), t.model().value()))
        .collect(CodeBlock.joining(oneLine ? ", " : ",\n"));
    CodeBlock.Builder code = CodeBlock.builder().add(oneLine ? "$T.of($S, $L)" : "$T.of($S,$>$>\n$L)",
        FALLBACK, chain.name().value(), targets);
    if (!chain.onDefault()) {
      code.add("\n.on($L)", chain.on().stream().map(o -> CodeBlock.of("$T.$N", FALLBACK_ON, o))
          .collect(CodeBlock.joining(", ")));
    }
    return (oneLine ? code : code.add("$<$<")).build();
  }

  /** A hedge: {@code CallSite.Hedge.afterMillis(2000L)}, then {@code .percentile(95)} if set. */
  private static CodeBlock hedge(HedgeModel hedge) {
    CodeBlock after = CodeBlock.of("$T.afterMillis($LL)", HEDGE, hedge.afterMillis().value());
    int percentile = hedge.percentile().value();
    return percentile == 0 ? after : CodeBlock.of("$L.percentile($L)", after, percentile);
  }

  private static MethodSpec constructor(ParameterSpec runtime, List<Binding> bindings) {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addParameter(runtime)
        .addStatement("$T.requireNonNull($N, $S)", Objects.class, runtime, "runtime == null");
    for (Binding binding : bindings) {
      constructor.addStatement(
          "this.$N = $N.bind($N)", binding.field(), runtime, binding.constant());
    }
    return constructor.build();
  }

  private static MethodSpec method(Binding binding, CodecWriter codecs, ToolWriter tools) {
    MethodModel method = binding.method();
    CallModel call = binding.call();
    MethodSpec.Builder spec = MethodSpec.methodBuilder(method.name())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(method.returnType())
        .addExceptions(method.exceptions());
    Set<String> used = call.usedParameters();
    for (ParamModel param : method.params()) {
      spec.addParameter(parameter(param));
    }
    spec.varargs(method.varargs());
    for (ParamModel param : method.params()) {
      if ((used.contains(param.name()) || param.kind().sentAsSuch()) && param.needsNullCheck()) {
        spec.addStatement("$T.requireNonNull($N, $S)", Objects.class, param.name(),
            param.name() + " == null");
      }
    }
    spec.addStatement("return $L", call(binding, codecs, tools));
    return spec.build();
  }

  /**
   * {@code this.summarize.text(system, prompt)}, or for a structured result
   * {@code this.extract.structured(system, prompt, PERSON_OUTPUT).value()}.
   */
  private static CodeBlock call(Binding binding, CodecWriter codecs, ToolWriter tools) {
    MethodModel method = binding.method();
    CallModel call = binding.call();
    CodeBlock system = call.system()
        .map(s -> TemplateExpression.of(s.value(), method, codecs::toJson))
        .orElse(CodeBlock.of("null"));
    CodeBlock prompt = TemplateExpression.of(call.prompt().value(), method, codecs::toJson);
    ReturnKind kind = method.returnKind().orElseThrow(
        () -> new IllegalStateException("unsupported return type on " + method.displayName()));
    CodeBlock text = method.sendsRequest()
        ? request(method, call, system, prompt, tools)
        : CodeBlock.of("$L, $L", system, prompt);
    CodeBlock result = kind.structured()
        ? CodeBlock.of("this.$N.$N($L, $N)", binding.field(), kind.boundCallMethod(),
            text, codecs.output(method))
        : CodeBlock.of("this.$N.$N($L)", binding.field(), kind.boundCallMethod(), text);
    return kind.resultMethod()
        .map(m -> kind.async()
            ? CodeBlock.of("$L.thenApply($T::$N)", result, RESPONSE, m)
            : CodeBlock.of("$L.$N()", result, m))
        .orElse(result);
  }

  /**
   * The request of a method that sends a history, images or tools (#12), in parameter order:
   * {@code Request.of(system, prompt).history(history).image(Image.of(png, "image/png"))
   * .tools(Tools.of(...))}.
   */
  private static CodeBlock request(MethodModel method, CallModel call, CodeBlock system,
      CodeBlock prompt, ToolWriter tools) {
    NameAllocator locals = new NameAllocator();
    method.params().forEach(p -> locals.newName(p.name(), p));
    CodeBlock.Builder code = CodeBlock.builder()
        .add("$T.of($L, $L)$>$>", RuntimeNames.REQUEST, system, prompt);
    for (ParamModel param : method.params()) {
      switch (param.kind()) {
        case HISTORY -> code.add("\n.$N($N)", RuntimeNames.HISTORY, param.name());
        case MODEL -> code.add("\n.$N($N)", RuntimeNames.MODEL, param.name());
        case IMAGE -> code.add("\n.$N($L)", RuntimeNames.ADD_IMAGE, image(param));
        case TOOLS -> code.add("\n.$N($L)", RuntimeNames.ADD_TOOLS,
            tools.tools(param, call, locals));
        default -> { }
      }
    }
    return code.add("$<$<").build();
  }

  /** {@code photo}, {@code Image.of(png, "image/png")}, {@code Image.of(path)}. */
  private static CodeBlock image(ParamModel param) {
    ParamModel.ImageInput image = param.image().get();
    switch (image.source()) {
      case IMAGE:
        return CodeBlock.of("$N", param.name());
      case BYTES:
        return CodeBlock.of("$T.of($N, $S)", RuntimeNames.IMAGE, param.name(),
            image.mediaType().get().value());
      default:
        return CodeBlock.of("$T.of($N)", RuntimeNames.IMAGE, param.name());
    }
  }

  private static ParameterSpec parameter(ParamModel param) {
    ParameterSpec.Builder spec = ParameterSpec.builder(param.type(), param.name());
    param.annotations().forEach(spec::addAnnotation);
    return spec.build();
  }

  /** Simple names that would resolve to something else than the imported type. */
  private static Set<String> hiddenNames(ClientModel client) {
    Set<String> names = new TreeSet<>(client.memberTypeNames());
    for (MethodModel method : client.methods()) {
      for (ParamModel param : method.params()) {
        if (EXPRESSION_TYPES.contains(param.name())) {
          names.add(param.name());
        }
      }
    }
    return names;
  }

  /** {@code summarizeAsync} becomes {@code SUMMARIZE_ASYNC}, {@code getURL} {@code GET_URL}. */
  static String upperSnake(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char before = camel.charAt(i - 1);
        boolean acronymEnds = Character.isUpperCase(before)
            && i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
        if (Character.isLowerCase(before) || Character.isDigit(before) || acronymEnds) {
          out.append('_');
        }
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }

  /** What the writer needs about one method: the model and the names allocated for it. */
  private record Binding(MethodModel method, CallModel call, FieldSpec constant, FieldSpec field) {}
}
