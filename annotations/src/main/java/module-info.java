/** The annotations of llmcall. */
module dev.llmcall.annotations {
  exports dev.llmcall.annotations;
}
