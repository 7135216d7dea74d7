package dev.llmcall.runtime.internal.stream;

import dev.llmcall.runtime.ErrorCategory;
import dev.llmcall.runtime.LlmException;
import dev.llmcall.runtime.LlmResponse;
import dev.llmcall.runtime.LlmStream;
import dev.llmcall.runtime.StreamEvent;
import dev.llmcall.runtime.StreamState;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
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
    return new Pull<>(() -> (String) take(false));
  }

  @Override
  public Stream<String> text() {
    return stream(iterator());
  }

  @Override
  public Stream<StreamEvent> events() {
    return stream(new Pull<>(() -> {
      Object next = take(true);
      return next instanceof String ? new StreamEvent.Text((String) next) : (StreamEvent) next;
    }));
  }

  private <T> Stream<T> stream(Iterator<T> it) {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** An iterator over what {@code take} hands out, until it gives {@code null}. */
  private static final class Pull<T> implements Iterator<T> {
    private final Supplier<T> take;
    private T next;
    private boolean ended;

    Pull(Supplier<T> take) {
      this.take = take;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !ended) {
        next = take.get();
        ended = next == null;
      }
      return next != null;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      T chunk = next;
      next = null;
      return chunk;
    }
  }

  @Override
  public LlmResponse<String> response() {
    while (take(false) != null) {
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

  /**
   * The next text chunk, or with {@code events} the next text chunk ({@code String}) or {@link
   * StreamEvent.Reasoning}; an interrupted reader ends the stream, keeping its interrupt flag.
   */
  private Object take(boolean events) {
    try {
      return events ? channel.takeEvent() : channel.take();
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
