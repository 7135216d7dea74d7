package com.example;

import dev.llmcall.annotations.LlmCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A generic base: not a client itself, implemented through clients that fix T and L. */
public interface Classifier<T, L> {
  @LlmCall(prompt = "Classify: {item}")
  L classify(T item);

  @LlmCall(prompt = "Classify each of: {items}")
  CompletableFuture<List<L>> classifyAll(List<T> items);
}
