package dev.llmcall.example;

import dev.llmcall.annotations.LlmCall;
import dev.llmcall.annotations.LlmClient;
import dev.llmcall.runtime.LlmResponse;

/** A translator on Anthropic; llmcall's processor writes {@code LlmTranslator} from it. */
@LlmClient(provider = "anthropic", model = "claude-sonnet-4-5")
public interface Translator {

  @LlmCall(maxTokens = 300, prompt = "Translate {text} into {language}")
  LlmResponse<String> translate(String text, String language);
}
