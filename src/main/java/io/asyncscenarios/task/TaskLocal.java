package io.asyncscenarios.task;

import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;
import io.vertx.core.internal.VertxBootstrap;

/**
 * Registers the context-local slot that holds the task a duplicated context belongs to.
 *
 * <p>Vert.x sizes each instance's context-local storage when the instance is created, so the slot must
 * exist before any {@code Vertx} does. Vert.x loads this provider (declared in {@code META-INF/services})
 * while it bootstraps, which makes that true whoever creates the instance: the launcher, a test, or a
 * scenario.
 */
public final class TaskLocal implements VertxServiceProvider {

  static final ContextLocal<TaskImpl> CURRENT = ContextLocal.registerLocal(TaskImpl.class);

  // VertxBootstrap is internal, and named by the public SPI's signature: the only way in before any Vertx exists.
  @Override
  public void init(VertxBootstrap builder) {
    // Loading the class registered the slot; nothing else to set up.
  }
}
