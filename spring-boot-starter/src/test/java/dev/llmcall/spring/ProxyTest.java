package dev.llmcall.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmcall.testkit.FakeLlmServer;
import dev.llmcall.testkit.FakeReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's proxy-based features on client beans (#14): {@code @Cacheable} on a client interface
 * method, with class-based (CGLIB, Spring Boot's default) and interface-based (JDK) proxies. The
 * second call with the same argument is served from the cache: the server sees one request.
 */
class ProxyTest {
  private final FakeLlmServer server = FakeLlmServer.start();
  private final ApplicationContextRunner runner = TestContexts.against(server);

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void cacheableWorksThroughAClassBasedProxy() {
    runner.withUserConfiguration(ClassProxies.class).run(context -> {
      Summarizer summarizer = context.getBean(Summarizer.class);
      assertTrue(AopUtils.isCglibProxy(summarizer), summarizer.getClass().getName());
      assertCachedAfterFirstCall(summarizer);
    });
  }

  @Test
  void cacheableWorksThroughAnInterfaceProxy() {
    runner.withUserConfiguration(InterfaceProxies.class).run(context -> {
      Summarizer summarizer = context.getBean(Summarizer.class);
      assertTrue(AopUtils.isJdkDynamicProxy(summarizer), summarizer.getClass().getName());
      assertCachedAfterFirstCall(summarizer);
    });
  }

  private void assertCachedAfterFirstCall(Summarizer summarizer) {
    server.enqueue(FakeReply.text("short")).enqueue(FakeReply.text("other"));
    assertEquals("short", summarizer.summarize("a long text"));
    assertEquals("short", summarizer.summarize("a long text"));
    assertEquals(1, server.requestCount());
    assertEquals("other", summarizer.summarize("another text"));
    assertEquals(2, server.requestCount());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableCaching(proxyTargetClass = true)
  static class ClassProxies {
    @Bean
    CacheManager cacheManager() {
      return new ConcurrentMapCacheManager("summaries");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class InterfaceProxies {
    @Bean
    CacheManager cacheManager() {
      return new ConcurrentMapCacheManager("summaries");
    }
  }
}
