package dev.llmcall.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that only {@link Scenarios#run} runs, inside EngineTestKit: such classes fail on
 * purpose, so when an IDE or the build finds them, they are skipped.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(EngineScenario.OnlyInEngineTestKit.class)
@interface EngineScenario {

  /** The configuration parameter that {@link Scenarios#run} sets. */
  String KEY = "llmcall.testkit.engine-scenario";

  /** Enables a scenario only when {@link Scenarios#run} runs it. */
  final class OnlyInEngineTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(KEY).isPresent()
          ? ConditionEvaluationResult.enabled("run by Scenarios.run")
          : ConditionEvaluationResult.disabled("a scenario for EngineTestKit, which fails on purpose");
    }
  }
}
