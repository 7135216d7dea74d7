package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmStream;
import dev.llmcall.runtime.StreamState;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The blocking, pull-side view of a {@link StreamingCall}: iteration takes chunks from its
 * {@link ChunkChannel}. Only the consumer's thread waits; the network side never does. Internal:
 * not part of the API.
 */
public final class DefaultLlmStream implements LlmStream {
  private final StreamingCall call;
  private final ChunkChannel channel;

  public DefaultLlmStream(StreamingCall call, ChunkChannel channel) {
    this.call = call;
    this.channel = channel;
  }

  @Override
  public Iterator<String> iterator() {
    return new Iterator<>() {
      private String next;
      private boolean ended;

      @Override
      public boolean hasNext() {
        if (next == null && !ended) {
          next = take();
          ended = next == null;
        }
        return next != null;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String chunk = next;
        next = null;
        return chunk;
      }
    };
  }

  @Override
  public Stream<String> text() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  @Override
  public LlmResponse<String> response() {
    while (take() != null) {
      // reading what the caller did not: the response has the whole text anyway
    }
    LlmResponse<String> r = channel.response();
    if (r == null) {
      LlmException failure = channel.failure();
      throw failure != null ? failure
          : LlmException.builder(ErrorCategory.UNKNOWN,
              "the stream was closed before it ended").method(call.method()).build();
    }
    return r;
  }

  /** The next chunk; an interrupted reader ends the stream, keeping its interrupt flag. */
  private String take() {
    try {
      return channel.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw call.interrupted(e);
    }
  }

  @Override
  public StreamState state() {
    return call.state();
  }

  @Override
  public void close() {
    call.cancel();
  }

  @Override
  public String toString() {
    return "LlmStream" + state();
  }
}
