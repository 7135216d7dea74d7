package dev.llmcall.processor;

import dev.llmcall.processor.ClientModel.Defaults;
import dev.llmcall.processor.ClientModel.Kind;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link ClientModel} and collects every problem into a {@link ValidationReport}, each
 * at the most precise location: the annotation value when a value is wrong, else the annotation,
 * else the element. It never stops at the first problem.
 */
final class ClientValidator {
  /** What the runtime can look up: built-in names and {@code FOO_BAR_BASE_URL} variables. */
  private static final Pattern PROVIDER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  /** The providers the runtime knows without configuration, in the order hints prefer them. */
  private static final List<String> BUILT_IN_PROVIDERS = List.of("openai", "anthropic", "xai");

  private final TemplateValidator templates = new TemplateValidator();
  private final StructureValidator structures = new StructureValidator();

  ValidationReport validate(ClientModel client) {
    ValidationReport.Builder report = ValidationReport.builder();
    if (client.kind() != Kind.INTERFACE) {
      reportMisplaced(client, report);
      return report.build();
    }
    // Problems with the declaration itself point at its name, not at an annotation.
    SourceRef onType = SourceRef.of(client.source().element());
    if (!client.typeParameters().isEmpty()) {
      report.error(onType, Messages.GENERIC_CLIENT,
          client.displayName(), "<" + String.join(", ", client.typeParameters()) + ">");
    }
    if (!client.access().implementable()) {
      report.error(onType, Messages.INACCESSIBLE_CLIENT,
          client.displayName(), client.access().description(), client.impl().simpleName());
    }
    if (client.implNameTaken()) {
      report.error(onType, Messages.GENERATED_NAME_TAKEN, client.impl().simpleName(),
          client.displayName(), packageName(client), client.impl().simpleName());
    }
    checkDefaults(client.defaults(), report);
    List<MethodModel> checked = new ArrayList<>();
    for (MethodModel method : client.methods()) {
      // javac cannot point into a class file: what is wrong there is said on the interface.
      ValidationReport.Builder methodReport = !method.compiled() ? report
          : report.relocatedTo(onType, String.format(
              Messages.FROM_CLASS_FILE, method.displayName()));
      if (checkMethod(client, method, methodReport)) {
        checked.add(method);
      }
    }
    checkToolSets(checked, report);
    structures.check(client, checked, report);
    return report.build();
  }

  /** Each tool set once, however many methods take it, reported as of the first (#12). */
  private static void checkToolSets(List<MethodModel> methods, ValidationReport.Builder report) {
    Set<TypeName> seen = new HashSet<>();
    for (MethodModel method : methods) {
      for (ParamModel param : method.params()) {
        param.tools().filter(t -> seen.add(t.type())).ifPresent(
            t -> ToolSetValidator.check(t, method, param, report));
      }
    }
  }

  /** "Cannot continue with this type": nothing else about a class is worth reporting. */
  private static void reportMisplaced(ClientModel client, ValidationReport.Builder report) {
    if (client.source().annotation() != null) {
      report.error(client.source(), Messages.CLIENT_NOT_INTERFACE,
          client.displayName(), client.kind().description());
    }
    for (MethodModel method : client.methods()) {
      report.error(method.source(), Messages.CALL_OUTSIDE_INTERFACE,
          method.displayName(), client.displayName(), client.kind().description());
    }
  }

  private void checkDefaults(Defaults defaults, ValidationReport.Builder report) {
    defaults.provider().ifPresent(p -> checkProviderName(p, report));
    defaults.system().ifPresent(s -> templates.checkSyntax(s, "system", report));
    defaults.retryPolicy().ifPresent(r -> checkRetryPolicy(r, "the interface", report));
    checkRetryOverrides(defaults.retryOverrides(), "the interface", report);
    defaults.circuitBreaker().ifPresent(b -> checkBreakerName(b, report));
    defaults.fallback().ifPresent(f -> checkChain(f, "the interface", report));
    defaults.hedge().ifPresent(h -> checkHedgeValues(h, "the interface", report));
  }

  /** Checks one method; false if it is not one to implement, so there is nothing more to check. */
  private boolean checkMethod(
      ClientModel client, MethodModel method, ValidationReport.Builder report) {
    if (method.call().isEmpty()) {
      // An inherited method may come from a library: point at the interface the user can fix.
      SourceRef where = method.inherited() ? client.source() : method.source();
      report.error(SourceRef.of(where.element()), Messages.MISSING_CALL,
          method.displayName(), client.impl().simpleName());
      return false;
    }
    if (method.kind() != MethodModel.Kind.ABSTRACT) {
      report.error(method.source(), Messages.CALL_NOT_ABSTRACT,
          method.displayName(), method.kind().description());
      return false;
    }
    SourceRef onMethod = SourceRef.of(method.source().element());
    SourceRef onType = SourceRef.of(client.source().element());
    if (method.conflict().isPresent()) {
      report.error(onType, Messages.CONFLICTING_CALLS, client.displayName(), method.name(),
          method.declaringType(), method.conflict().get(), method.name(), client.displayName());
      return false;
    }
    // The generated class names the types from the client's package, not the declaring one's.
    method.inaccessible().ifPresent(i -> report.error(method.inherited() ? onType : onMethod,
        Messages.INACCESSIBLE_TYPE, "@LlmCall method " + method.displayName(), i.type(),
        i.reason(), client.impl().simpleName(), packageName(client), i.fix()));
    if (!method.typeParameters().isEmpty()) {
      report.error(onMethod, Messages.GENERIC_METHOD,
          method.displayName(), "<" + String.join(", ", method.typeParameters()) + ">");
    }
    CallModel call = method.call().get();
    checkReturnType(method, call, report);
    checkSettings(client, method, call, report);
    templates.check(client, method, call, report);
    InputValidator.check(method, call, report);
    return true;
  }

  private static void checkReturnType(
      MethodModel method, CallModel call, ValidationReport.Builder report) {
    SourceRef onMethod = SourceRef.of(method.source().element());
    if (method.unsupportedStream().isPresent()) {
      UnsupportedStream stream = method.unsupportedStream().get();
      report.error(onMethod, Messages.UNSUPPORTED_STREAM_TYPE, method.displayName(),
          method.returnType(), stream.reason(), stream.instead());
    } else if (method.returnKind().isEmpty()) {
      report.error(onMethod, Messages.UNSUPPORTED_RETURN_TYPE,
          method.displayName(), method.returnType());
    }
    // An unsupported type is reported alone: with resumeStream, a stream is what was meant.
    boolean notStreaming = method.returnKind().filter(k -> !k.streaming()).isPresent();
    own(call.resumeStream()).filter(r -> notStreaming).ifPresent(r -> report.error(
        r.source(), Messages.RESUME_WITHOUT_STREAM, method.displayName(), method.returnType()));
    boolean notStructured = method.returnKind().filter(k -> !k.structured()).isPresent();
    call.repairAttempts().ifPresent(r -> {
      if (r.value() < 0) {
        report.error(r.source(), Messages.REPAIR_ATTEMPTS_OUT_OF_RANGE,
            r.value(), method.displayName());
      } else if (notStructured) {
        report.error(r.source(), Messages.REPAIR_WITHOUT_STRUCTURE,
            r.value(), method.displayName(), method.returnType());
      }
    });
  }

  private static void checkSettings(
      ClientModel client, MethodModel method, CallModel call, ValidationReport.Builder report) {
    if (call.prompt().value().text().isBlank()) {
      report.error(call.prompt().source(), Messages.BLANK_PROMPT, method.displayName());
    }
    SourceRef onCall = method.inherited() ? client.source() : call.source();
    if (call.providerName().isBlank()) {
      report.error(onCall, Messages.MISSING_PROVIDER, method.displayName(), client.displayName());
    }
    if (call.modelName().isBlank()) {
      report.error(onCall, Messages.MISSING_MODEL, method.displayName(), client.displayName());
    }
    own(call.provider()).ifPresent(p -> checkProviderName(p, report));
    call.maxTokens().filter(t -> t.value() < 0).ifPresent(t -> report.error(
        t.source(), Messages.NEGATIVE_MAX_TOKENS, t.value(), method.displayName()));
    call.temperature().filter(t -> !(t.value() >= 0 && t.value() <= 2)).ifPresent(t ->
        report.error(t.source(), Messages.TEMPERATURE_OUT_OF_RANGE, t.value(),
            method.displayName()));
    ModelOptionsValidator.check(method.displayName(), call,
        method.returnKind().map(ReturnKind::structured).orElse(false), report);
    own(call.retryPolicy()).ifPresent(r -> checkRetryPolicy(r, method.displayName(), report));
    checkRetryOverrides(call.retryOverrides().stream().filter(s -> !s.inherited()).toList(),
        method.displayName(), report);
    own(call.circuitBreaker()).ifPresent(b -> checkBreakerName(b, report));
    call.fallback().ifPresent(f -> {
      if (!f.inherited()) {
        checkChain(f, method.displayName(), report);
      }
      checkNotPrimary(f, method, call, report);
    });
    call.hedge().filter(h -> !h.inherited()).ifPresent(h -> checkHedge(h, method, call, report));
  }

  /** A method's own {@code @Hedge}: its values, and a stream and a chain to hedge. */
  private static void checkHedge(HedgeModel hedge, MethodModel method, CallModel call,
      ValidationReport.Builder report) {
    checkHedgeValues(hedge, method.displayName(), report);
    if (method.returnKind().filter(k -> !k.streaming()).isPresent()) {
      report.error(hedge.source(), Messages.HEDGE_WITHOUT_STREAM, method.displayName(),
          method.returnType());
    }
    if (call.fallback().isEmpty()) {
      report.error(hedge.source(), Messages.HEDGE_WITHOUT_FALLBACK, method.displayName());
    }
  }

  private static void checkHedgeValues(HedgeModel hedge, String owner,
      ValidationReport.Builder report) {
    Setting<Long> after = hedge.afterMillis();
    if (after.value() < 1) {
      report.error(after.source(), Messages.HEDGE_DELAY_OUT_OF_RANGE, after.value(), owner);
    }
    Setting<Integer> percentile = hedge.percentile();
    if (percentile.value() != 0 && (percentile.value() < 50 || percentile.value() > 99)) {
      report.error(percentile.source(), Messages.HEDGE_PERCENTILE_OUT_OF_RANGE,
          percentile.value(), owner);
    }
  }

  /** A chain's own shape: a name, targets, each plausible and named once. */
  private static void checkChain(FallbackModel chain, String owner, ValidationReport.Builder report) {
    if (chain.name().value().isBlank()) {
      report.error(chain.name().source(), Messages.BLANK_FALLBACK_NAME, owner);
    }
    if (chain.to().isEmpty()) {
      report.error(chain.toSource(), Messages.EMPTY_FALLBACK, owner);
    }
    List<FallbackModel.TargetModel> seen = new ArrayList<>();
    for (FallbackModel.TargetModel target : chain.to()) {
      checkProviderName(target.provider(), report);
      if (target.model().value().isBlank()) {
        report.error(target.model().source(), Messages.BLANK_FALLBACK_MODEL,
            target.provider().value(), chain.name().value(), owner);
      }
      if (seen.stream().anyMatch(t -> target.is(t.provider().value(), t.model().value()))) {
        report.error(target.source(), Messages.DUPLICATE_FALLBACK_TARGET, target.provider().value(),
            target.model().value(), chain.name().value(), owner);
      }
      seen.add(target);
    }
  }

  /** No target of a chain is the method's own: on an interface's chain, said on the method. */
  private static void checkNotPrimary(FallbackModel chain, MethodModel method, CallModel call,
      ValidationReport.Builder report) {
    for (FallbackModel.TargetModel target : chain.to()) {
      if (target.is(call.providerName(), call.modelName())) {
        report.error(chain.inherited() ? SourceRef.of(method.source().element()) : target.source(),
            Messages.FALLBACK_TARGET_IS_PRIMARY, target.provider().value(), target.model().value(),
            chain.name().value(), method.displayName());
      }
    }
  }

  private static void checkProviderName(Setting<String> provider, ValidationReport.Builder report) {
    if (checkName(provider, report) && !BUILT_IN_PROVIDERS.contains(provider.value())) {
      String name = provider.value();
      // Any other name is a provider registered on the runtime, but "anthropc" hardly is.
      BUILT_IN_PROVIDERS.stream()
          .filter(known -> isNear(name, known))
          .findFirst()
          .ifPresent(known -> report.warning(
              provider.source(), Messages.PROVIDER_TYPO, name, known));
    }
  }

  /** Whether {@code setting} is a name the runtime can look up; reports it if not. */
  private static boolean checkName(Setting<String> setting, ValidationReport.Builder report) {
    if (PROVIDER_NAME.matcher(setting.value()).matches()) {
      return true;
    }
    report.error(setting.source(), Messages.INVALID_PROVIDER, setting.value());
    return false;
  }

  /** A different case, or one or two edits in a name that is long enough to tell. */
  private static boolean isNear(String name, String known) {
    int distance = TemplateValidator.distance(name, known);
    return distance == 0 || distance <= (known.length() >= 6 ? 2 : 1) && name.length() >= 3;
  }

  private static String packageName(ClientModel client) {
    String name = client.type().packageName();
    return name.isEmpty() ? "the unnamed package" : "package " + name;
  }

  /** An empty breaker name means "the method's provider", which is checked on its own. */
  private static void checkBreakerName(Setting<String> breaker, ValidationReport.Builder report) {
    if (!breaker.value().isEmpty()) {
      // A breaker's name is any label, so a name near a provider's is no typo.
      checkName(breaker, report);
    }
  }

  private static void checkRetryPolicy(
      Setting<String> policy, String owner, ValidationReport.Builder report) {
    if (policy.value().isBlank()) {
      report.error(policy.source(), Messages.BLANK_RETRY_POLICY, owner);
    }
  }

  private static void checkRetryOverrides(List<Setting<CallModel.RetryOverride>> overrides,
      String owner, ValidationReport.Builder report) {
    for (Setting<CallModel.RetryOverride> s : overrides) {
      String range = retryRangeViolation(s.value());
      if (range != null) {
        report.error(s.source(), Messages.RETRY_VALUE_OUT_OF_RANGE,
            s.value().member(), s.value().value(), owner, range);
      }
    }
  }

  /** What range an override must be in, if it is outside it; {@code null} if it is fine. */
  private static String retryRangeViolation(CallModel.RetryOverride override) {
    double v = override.value().doubleValue();
    switch (override.member()) {
      case "maxAttempts":
      case "timeoutMillis":
        return v >= 1 ? null : "at least 1";
      case "multiplier":
        return v >= 1 && !Double.isInfinite(v) ? null : "at least 1";
      case "jitter":
        return v >= 0 && v <= 1 ? null : "between 0 and 1";
      default: // the other delays
        return v >= 0 ? null : "at least 0";
    }
  }

  /** Settings inherited from the interface are checked once, by {@link #checkDefaults}. */
  private static <T> Optional<Setting<T>> own(Optional<Setting<T>> setting) {
    return setting.filter(s -> !s.inherited());
  }
}
