/**
 * The llmcall runtime. Exports the user-facing API and the SPI that generated clients call;
 * {@code dev.llmcall.runtime.internal} stays private to the module.
 */
module dev.llmcall.runtime {
  requires transitive java.net.http;
  // Generated decoders read Jackson's tree, so users' code sees it too.
  requires transitive com.fasterxml.jackson.databind;

  exports dev.llmcall.runtime;
  exports dev.llmcall.runtime.spi;
}
