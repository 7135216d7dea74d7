package dev.llmcall.spring;

import dev.llmcall.runtime.LlmRuntime;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * Registers one bean per generated client listed in the {@linkplain ClientIndex index}: the
 * generated class, built through its public constructor with the {@link LlmRuntime} bean. The
 * bean's name is the interface's binary name. An interface the application already has a bean for
 * is left alone, so a hand-made {@code @Bean} wins. An entry whose classes are gone (a stale file
 * after an interface was deleted) is skipped with a warning.
 */
final class ClientRegistrar implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware,
    ResourceLoaderAware {
  private static final Log log = LogFactory.getLog(ClientRegistrar.class);

  private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
  private ResourcePatternResolver resolver;

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void setResourceLoader(ResourceLoader resourceLoader) {
    this.resolver = resourceLoader instanceof ResourcePatternResolver r
        ? r : new PathMatchingResourcePatternResolver(resourceLoader);
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    ResourcePatternResolver resources = resolver != null
        ? resolver : new PathMatchingResourcePatternResolver(classLoader);
    Set<String> registered = new HashSet<>();
    for (ClientIndex.Entry entry : ClientIndex.read(resources)) {
      Class<?> iface = load(entry.iface(), entry);
      Class<?> impl = iface == null ? null : load(entry.impl(), entry);
      if (impl == null) {
        continue;
      }
      if (!iface.isAssignableFrom(impl)) {
        log.warn("llmcall: " + entry.impl() + " does not implement " + entry.iface() + "; skipped");
        continue;
      }
      if (registry.containsBeanDefinition(entry.iface())
          || definedByApplication(registry, iface, registered)) {
        log.debug("llmcall: the application defines " + entry.iface() + " itself");
        continue;
      }
      RootBeanDefinition client = new RootBeanDefinition(impl);
      client.getConstructorArgumentValues()
          .addIndexedArgumentValue(0, new RuntimeBeanReference(LlmRuntime.class));
      client.setDescription("llmcall client " + entry.iface() + ", from " + ClientIndex.PATTERN);
      registry.registerBeanDefinition(entry.iface(), client);
      registered.add(entry.iface());
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  /**
   * Whether a bean of {@code type} exists that this registrar did not make: another generated
   * client whose interface extends {@code type} must not hide it.
   */
  private static boolean definedByApplication(
      BeanDefinitionRegistry registry, Class<?> type, Set<String> registered) {
    if (!(registry instanceof ListableBeanFactory beans)) {
      return false;
    }
    // No eager initialisation: @Bean methods are judged by their declared return type.
    for (String name : beans.getBeanNamesForType(type, true, false)) {
      if (!registered.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private Class<?> load(String name, ClientIndex.Entry entry) {
    try {
      return ClassUtils.forName(name, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      log.warn("llmcall: skipping index entry " + entry.iface() + "=" + entry.impl() + ": " + name
          + " cannot be loaded (" + e + "); a stale entry of a deleted client?");
      return null;
    }
  }
}
