package dev.llmcall.bench.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.URI;
import java.util.Iterator;

/** The official OpenAI Java SDK (OkHttp client), with its defaults (2 retries). */
public final class OpenAiSdkContender implements Contender {
  private OpenAIClient json;
  private OpenAIClient sse;

  @Override
  public void open(URI jsonBase, URI sseBase) {
    json = OpenAIOkHttpClient.builder().apiKey("bench-key").baseUrl(jsonBase.toString()).build();
    sse = OpenAIOkHttpClient.builder().apiKey("bench-key").baseUrl(sseBase.toString()).build();
  }

  private static ChatCompletionCreateParams params(String text) {
    return ChatCompletionCreateParams.builder()
        .model(ChatModel.GPT_4O_MINI)
        .addUserMessage("Summarize: " + text)
        .build();
  }

  @Override
  public String call(String text) {
    ChatCompletion completion = json.chat().completions().create(params(text));
    return completion.choices().get(0).message().content().orElse("");
  }

  @Override
  public int stream(String text) {
    int chars = 0;
    try (StreamResponse<ChatCompletionChunk> response =
        sse.chat().completions().createStreaming(params(text))) {
      Iterator<ChatCompletionChunk> it = response.stream().iterator();
      while (it.hasNext()) {
        ChatCompletionChunk chunk = it.next();
        if (!chunk.choices().isEmpty()) {
          chars += chunk.choices().get(0).delta().content().map(String::length).orElse(0);
        }
      }
    }
    return chars;
  }

  @Override
  public void close() {
    json.close();
    sse.close();
  }
}
