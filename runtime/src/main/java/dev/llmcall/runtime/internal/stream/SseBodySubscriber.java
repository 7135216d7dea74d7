package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.internal.sse.SseDecoder;
import dev.llmcall.runtime.internal.sse.SseListener;
import dev.llmcall.runtime.internal.transport.BoundedBody;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a 2xx streamed body one buffer at a time into an {@link SseDecoder} whose events go to the
 * call. It asks for the next buffer only while the consumer's channel has room, so a slow reader
 * slows the network down. Internal: not part of the API.
 */
final class SseBodySubscriber implements HttpResponse.BodySubscriber<Void>, SseListener {
  private final StreamExchange ex;
  private final ChunkChannel channel;
  private final SseDecoder decoder;
  private long bytes;

  SseBodySubscriber(StreamExchange ex, ChunkChannel channel) {
    this.ex = ex;
    this.channel = channel;
    this.decoder = new SseDecoder(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    ex.call.onActivity(ex);
    ex.subscribed(subscription);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    try {
      for (ByteBuffer buffer : buffers) {
        bytes += buffer.remaining();
        if (bytes > ex.maxBytes) { // a runaway stream: stop reading, keep what came
          ex.call.onTransportFailure(ex, new BoundedBody.TooLarge(ex.maxBytes, -1));
          return;
        }
        decoder.feed(buffer);
      }
    } catch (RuntimeException e) { // a malformed or hostile stream: past the decoder's limits
      ex.call.onTransportFailure(ex, new IOException(e.getMessage(), e));
      return;
    } finally {
      channel.arrived(); // one wake-up per network buffer, however many chunks it held
    }
    ex.next(channel.hasRoom());
  }

  @Override
  public void onError(Throwable failure) {
    ex.call.onTransportFailure(ex, failure);
  }

  @Override
  public void onComplete() {
    decoder.end();
    ex.call.onBodyEnd(ex);
  }

  @Override
  public CompletionStage<Void> getBody() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void onEvent(String type, byte[] data, int length, String lastEventId) {
    ex.call.onEvent(ex, type, data, length, lastEventId); // the assembler reads the bytes as they are
  }

  @Override
  public void onEvent(String type, String data, String lastEventId) {
    byte[] bytes = data.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    onEvent(type, bytes, bytes.length, lastEventId);
  }

  @Override
  public void onComment(String comment) {
    ex.call.onActivity(ex);
  }
}
