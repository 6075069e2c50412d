package io.asyncscenarios.catalog;

import io.asyncscenarios.param.ParamSpec;
import io.asyncscenarios.scenario.Scenario;

import java.util.function.Supplier;

/**
 * One entry of the catalogue: what a scenario is called, where the tutorial tells it, the parameters it
 * takes, and how to make one.
 *
 * @param id the stable id used in configuration and reports
 * @param title what it shows, in a line
 * @param section the tutorial section it comes from
 * @param inDefault whether a run without a selection includes it
 * @param fetches whether it fetches over HTTP, with the run's one client
 * @param params its parameters under {@code scenario.<id>}
 * @param factory makes a fresh, undeployed instance
 */
public record ScenarioInfo(String id, String title, String section, boolean inDefault, boolean fetches, ParamSpec params,
                           Supplier<? extends Scenario> factory) {

  public Scenario create() {
    return factory.get();
  }
}
