package dev.llmcall.runtime.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The constant the processor's version guard reads is the POM's version (issue 15). */
class RuntimeVersionTest {

  @Test
  void versionIsThePomVersion() {
    assertEquals(System.getProperty("llmcall.pom.version"), RuntimeVersion.VERSION);
  }
}
